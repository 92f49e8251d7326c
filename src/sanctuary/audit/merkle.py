"""RFC 6962 / RFC 9162 Merkle tree hashing, proofs and their verifiers (pure functions, no database).

Hashing (RFC 9162 §2.1.1): a leaf is ``SHA-256(0x00 || entry)``, an interior node is
``SHA-256(0x01 || left || right)``, the empty tree is ``SHA-256("")``, and a tree of ``n`` leaves is split at
the largest power of two smaller than ``n``.

Storage model: every *perfect* subtree (``2**level`` leaves starting at ``index * 2**level``) has a fixed
hash once its last leaf is appended. Any range the RFC's recursion visits decomposes into a few such
subtrees, so a proof needs only O(log n) stored hashes. :class:`Frontier` keeps the perfect subtrees of
``[0, size)`` (at most one per bit of ``size``) so an append costs O(1) amortised hashing.

Verifiers check every part of a proof: hash lengths, the exact number of proof nodes for the sizes given,
``index < size``, ``first <= second``, and both roots.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()

NodeId = tuple[int, int]  # (level, index): the perfect subtree of 2**level leaves from index * 2**level
NodeReader = Callable[[Sequence[NodeId]], Mapping[NodeId, bytes]]
HashLike = bytes | str


class ProofError(ValueError):
    """A proof, a root or a size did not check out; the message says which part."""


def leaf_hash(entry: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(n: int) -> int:
    """The largest power of two strictly smaller than ``n`` (``n >= 2``)."""
    if n < 2:
        raise ValueError("split_point needs n >= 2")
    return 1 << ((n - 1).bit_length() - 1)


def root_from_leaf_hashes(leaves: Sequence[bytes]) -> bytes:
    """MTH(D[n]) straight from the RFC's recursive definition (the reference the stored tree must match)."""
    n = len(leaves)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return leaves[0]
    k = split_point(n)
    return node_hash(root_from_leaf_hashes(leaves[:k]), root_from_leaf_hashes(leaves[k:]))


def fold(hashes: Sequence[bytes]) -> bytes:
    """Hash a left-to-right list of perfect subtrees (largest first) into the root of their range."""
    if not hashes:
        return EMPTY_ROOT
    acc = hashes[-1]
    for h in reversed(hashes[:-1]):
        acc = node_hash(h, acc)
    return acc


def range_nodes(start: int, end: int) -> list[NodeId]:
    """The perfect subtrees that make up ``[start, end)``, left to right.

    Valid for the ranges the RFC recursion produces, whose start is aligned to a power of two at least as
    large as their length; their MTH is :func:`fold` of these nodes.
    """
    if not 0 <= start < end:
        raise ValueError(f"empty or negative range [{start}, {end})")
    out: list[NodeId] = []
    pos = start
    while pos < end:
        level = (end - pos).bit_length() - 1
        while pos % (1 << level):
            level -= 1
        out.append((level, pos >> level))
        pos += 1 << level
    return out


def inclusion_ranges(index: int, size: int) -> list[tuple[int, int]]:
    """The ranges whose hashes form PATH(index, D[0:size]) (RFC 9162 §2.1.3.1), in proof order."""
    if not 0 <= index < size:
        raise ValueError(f"index {index} is not below size {size}")
    out: list[tuple[int, int]] = []
    start, end, m = 0, size, index
    stack: list[tuple[int, int]] = []
    while end - start > 1:
        k = split_point(end - start)
        if m < k:
            stack.append((start + k, end))
            end = start + k
        else:
            stack.append((start, start + k))
            start, m = start + k, m - k
    out.extend(reversed(stack))
    return out


def consistency_ranges(first: int, second: int) -> list[tuple[int, int]]:
    """The ranges whose hashes form PROOF(first, D[0:second]) (RFC 9162 §2.1.4.1), in proof order."""
    if not 0 <= first <= second:
        raise ValueError(f"first {first} must be between 0 and second {second}")
    if first in (0, second):
        return []
    stack: list[tuple[int, int]] = []
    start, end, m, whole = 0, second, first, True
    while m != end - start:
        k = split_point(end - start)
        if m <= k:
            stack.append((start + k, end))
            end = start + k
        else:
            stack.append((start, start + k))
            start, m, whole = start + k, m - k, False
    if not whole:
        stack.append((start, end))
    return list(reversed(stack))


def ranges_hashes(ranges: Sequence[tuple[int, int]], read: NodeReader) -> list[bytes]:
    """Resolve ranges to hashes with one call to ``read`` for every stored node they need."""
    plans = [range_nodes(a, b) for a, b in ranges]
    wanted = sorted({node for plan in plans for node in plan})
    found = read(wanted) if wanted else {}
    missing = [node for node in wanted if node not in found]
    if missing:
        raise LookupError(f"stored tree is missing nodes {missing[:4]}")
    return [fold([found[node] for node in plan]) for plan in plans]


@dataclass
class Frontier:
    """The perfect subtrees of ``[0, size)``: one hash per set bit of ``size``, largest first."""

    size: int = 0
    hashes: list[bytes] = field(default_factory=list)

    @classmethod
    def from_blob(cls, size: int, blob: bytes) -> Frontier:
        if len(blob) != HASH_SIZE * size.bit_count():
            raise ValueError(f"frontier of {len(blob)} bytes does not fit a tree of size {size}")
        return cls(size, [blob[i : i + HASH_SIZE] for i in range(0, len(blob), HASH_SIZE)])

    def to_blob(self) -> bytes:
        return b"".join(self.hashes)

    def append(self, leaf: bytes) -> list[tuple[int, int, bytes]]:
        """Add a leaf; returns every node it completes as ``(level, index, hash)``, the leaf first."""
        index, level, h = self.size, 0, leaf
        made = [(0, index, leaf)]
        while index & 1:
            h = node_hash(self.hashes.pop(), h)
            level, index = level + 1, index >> 1
            made.append((level, index, h))
        self.hashes.append(h)
        self.size += 1
        return made

    def root(self) -> bytes:
        return fold(self.hashes)


def as_hash(value: HashLike, what: str) -> bytes:
    """A 32-byte hash from bytes or 64 hex digits; anything else is a :class:`ProofError` naming ``what``."""
    if isinstance(value, str):
        if len(value) != 2 * HASH_SIZE:
            raise ProofError(f"{what} must be {2 * HASH_SIZE} hex digits, got {len(value)} characters")
        try:
            value = bytes.fromhex(value)
        except ValueError as exc:
            raise ProofError(f"{what} is not hexadecimal") from exc
    if not isinstance(value, bytes) or len(value) != HASH_SIZE:
        raise ProofError(f"{what} must be a {HASH_SIZE}-byte hash")
    return value


def _as_proof(proof: Iterable[HashLike]) -> list[bytes]:
    if isinstance(proof, str | bytes):
        raise ProofError("proof must be a list of hashes")
    return [as_hash(p, f"proof[{i}]") for i, p in enumerate(proof)]


def _check_size(value: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ProofError(f"{what} must be a non-negative integer")


def root_from_inclusion_proof(index: int, size: int, leaf: HashLike, proof: Iterable[HashLike]) -> bytes:
    """The root an inclusion proof leads to (RFC 9162 §2.1.3.2), after checking its shape."""
    _check_size(index, "index")
    _check_size(size, "size")
    if index >= size:
        raise ProofError(f"index {index} is not below size {size}")
    r = as_hash(leaf, "leaf hash")
    path = _as_proof(proof)
    expected = len(inclusion_ranges(index, size))
    if len(path) != expected:
        raise ProofError(f"inclusion proof for index {index} in size {size} has {expected} nodes, got {len(path)}")
    fn, sn = index, size - 1
    for p in path:
        if sn == 0:
            raise ProofError("inclusion proof is longer than the tree is deep")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError("inclusion proof is shorter than the tree is deep")
    return r


def check_inclusion(index: int, size: int, leaf: HashLike, proof: Iterable[HashLike], root: HashLike) -> None:
    """Raise :class:`ProofError` unless ``proof`` shows ``leaf`` at ``index`` in the tree ``root`` of ``size``."""
    expected_root = as_hash(root, "root")
    if root_from_inclusion_proof(index, size, leaf, proof) != expected_root:
        raise ProofError("inclusion proof does not lead to the root")


def verify_inclusion(index: int, size: int, leaf: HashLike, proof: Iterable[HashLike], root: HashLike) -> bool:
    try:
        check_inclusion(index, size, leaf, proof, root)
    except ProofError:
        return False
    return True


def check_consistency(
    first: int, second: int, first_root: HashLike, second_root: HashLike, proof: Iterable[HashLike]
) -> None:
    """Raise :class:`ProofError` unless ``proof`` shows tree ``second`` extends tree ``first`` (RFC 9162 §2.1.4.2)."""
    _check_size(first, "first")
    _check_size(second, "second")
    r1 = as_hash(first_root, "first root")
    r2 = as_hash(second_root, "second root")
    path = _as_proof(proof)
    if first > second:
        raise ProofError(f"first {first} is larger than second {second}")
    if first == second:
        if path:
            raise ProofError("sizes are equal but the proof is not empty")
        if r1 != r2:
            raise ProofError("sizes are equal but the roots differ")
        return
    if first == 0:
        if path:
            raise ProofError("a proof from the empty tree must be empty")
        if r1 != EMPTY_ROOT:
            raise ProofError("the root of the empty tree is SHA-256 of nothing")
        return
    expected = len(consistency_ranges(first, second))
    if len(path) != expected:
        raise ProofError(f"consistency proof {first}->{second} has {expected} nodes, got {len(path)}")
    if first & (first - 1) == 0:
        path = [r1, *path]
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("consistency proof is longer than the tree is deep")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError("consistency proof is shorter than the tree is deep")
    if fr != r1:
        raise ProofError("consistency proof does not lead to the first root")
    if sr != r2:
        raise ProofError("consistency proof does not lead to the second root")


def verify_consistency(
    first: int, second: int, first_root: HashLike, second_root: HashLike, proof: Iterable[HashLike]
) -> bool:
    try:
        check_consistency(first, second, first_root, second_root, proof)
    except ProofError:
        return False
    return True


class MemoryTree:
    """An in-memory log with the same node layout as the database (tests, benchmarks, offline checks)."""

    def __init__(self) -> None:
        self.frontier = Frontier()
        self.nodes: dict[NodeId, bytes] = {}

    def append(self, entry: bytes) -> int:
        index = self.frontier.size
        for level, idx, h in self.frontier.append(leaf_hash(entry)):
            self.nodes[(level, idx)] = h
        return index

    def read(self, wanted: Sequence[NodeId]) -> dict[NodeId, bytes]:
        return {node: self.nodes[node] for node in wanted if node in self.nodes}

    @property
    def size(self) -> int:
        return self.frontier.size

    def root(self, size: int | None = None) -> bytes:
        size = self.size if size is None else size
        if size == 0:
            return EMPTY_ROOT
        return ranges_hashes([(0, size)], self.read)[0]

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        return ranges_hashes(inclusion_ranges(index, size), self.read)

    def consistency_proof(self, first: int, second: int) -> list[bytes]:
        return ranges_hashes(consistency_ranges(first, second), self.read)
