"""RFC 6962 hashing and proofs against the Certificate Transparency test data, plus every mutation rejected.

The eight leaf inputs, the roots of sizes 0-8 and the proofs below are the standard data of
transparency-dev/merkle (``proof/verify_test.go``, leaf numbers there are 1-based), also used by Google's
certificate-transparency code.
"""

from __future__ import annotations

import pytest

from sanctuary.audit.merkle import (
    EMPTY_ROOT,
    Frontier,
    MemoryTree,
    ProofError,
    check_consistency,
    check_inclusion,
    leaf_hash,
    node_hash,
    root_from_leaf_hashes,
    verify_consistency,
    verify_inclusion,
)

LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    b"\x50\x51\x52\x53\x54\x55\x56\x57",
    b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
]
ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
# (0-based index, size, proof)
INCLUSION = [
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
CONSISTENCY = [
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (
        6,
        7,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
]


@pytest.fixture(scope="module")
def ct_tree() -> MemoryTree:
    tree = MemoryTree()
    for data in LEAVES:
        tree.append(data)
    return tree


def test_hashes_are_domain_separated() -> None:
    assert EMPTY_ROOT.hex() == ROOTS[0]
    assert leaf_hash(b"").hex() == ROOTS[1]
    a, b = leaf_hash(b"a"), leaf_hash(b"b")
    assert node_hash(a, b) != node_hash(b, a)
    assert leaf_hash(a + b) != node_hash(a, b)


@pytest.mark.parametrize("size", range(9))
def test_roots_match_rfc6962_test_data(ct_tree: MemoryTree, size: int) -> None:
    assert ct_tree.root(size).hex() == ROOTS[size]
    assert root_from_leaf_hashes([leaf_hash(x) for x in LEAVES[:size]]).hex() == ROOTS[size]
    frontier = Frontier()
    for data in LEAVES[:size]:
        frontier.append(leaf_hash(data))
    assert frontier.root().hex() == ROOTS[size]


@pytest.mark.parametrize(("index", "size", "proof"), INCLUSION)
def test_inclusion_vectors(ct_tree: MemoryTree, index: int, size: int, proof: list[str]) -> None:
    assert [h.hex() for h in ct_tree.inclusion_proof(index, size)] == proof
    check_inclusion(index, size, leaf_hash(LEAVES[index]), proof, ROOTS[size])


@pytest.mark.parametrize(("first", "second", "proof"), CONSISTENCY)
def test_consistency_vectors(ct_tree: MemoryTree, first: int, second: int, proof: list[str]) -> None:
    assert [h.hex() for h in ct_tree.consistency_proof(first, second)] == proof
    check_consistency(first, second, ROOTS[first], ROOTS[second], proof)


def _flip(h: bytes, bit: int) -> bytes:
    out = bytearray(h)
    out[bit // 8] ^= 1 << (bit % 8)
    return bytes(out)


def _inclusion_mutants(index: int, size: int, proof: list[bytes], root: bytes, leaf: bytes):  # type: ignore[no-untyped-def]
    some = bytes.fromhex("abacaba000000000000000000000000000000000000000000060061e00123456")
    yield "index - 1", index - 1, size, leaf, proof, root
    yield "index + 1", index + 1, size, leaf, proof, root
    yield "index ^ 2", index ^ 2, size, leaf, proof, root
    yield "size * 2", index, size * 2, leaf, proof, root
    yield "size / 2", index, size // 2, leaf, proof, root
    yield "wrong leaf", index, size, leaf_hash(b"wrong"), proof, root
    yield "empty root", index, size, leaf, proof, EMPTY_ROOT
    yield "random root", index, size, leaf, proof, some
    yield "trailing root", index, size, leaf, [*proof, root], root
    yield "trailing leaf", index, size, leaf, [*proof, leaf], root
    yield "preceding root", index, size, leaf, [root, *proof], root
    yield "short hash appended", index, size, leaf, [*proof, b"\x00" * 31], root
    if proof:
        yield "truncated", index, size, leaf, proof[:-1], root
        yield "first removed", index, size, leaf, proof[1:], root
        yield "duplicated last", index, size, leaf, [*proof, proof[-1]], root
        yield "short element", index, size, leaf, [proof[0][:31], *proof[1:]], root
    if len(proof) > 1:
        yield "inserted component", index, size, leaf, [proof[0], some, *proof[1:]], root
        yield "swapped components", index, size, leaf, [proof[1], proof[0], *proof[2:]], root


def _assert_inclusion_rejects_mutants(tree: MemoryTree, index: int, size: int, all_bits: bool) -> None:
    proof = tree.inclusion_proof(index, size)
    root = tree.root(size)
    leaf = tree.nodes[(0, index)]
    check_inclusion(index, size, leaf, proof, root)
    for desc, i, s, lf, p, r in _inclusion_mutants(index, size, proof, root, leaf):
        if i < 0 or (desc == "swapped components" and p == proof):
            continue
        assert not verify_inclusion(i, s, lf, p, r), f"accepted {desc} for index {index} size {size}"
    bits = range(256) if all_bits else ((index * 37 + size) % 256,)
    for pos in range(len(proof)):
        for bit in bits:
            mutated = [*proof]
            mutated[pos] = _flip(proof[pos], bit)
            assert not verify_inclusion(index, size, leaf, mutated, root), (index, size, pos, bit)
    for bit in bits:
        assert not verify_inclusion(index, size, _flip(leaf, bit), proof, root)
        assert not verify_inclusion(index, size, leaf, proof, _flip(root, bit))


def _tree(n: int) -> MemoryTree:
    tree = MemoryTree()
    for i in range(n):
        tree.append(i.to_bytes(2, "big"))
    return tree


TREE_64 = _tree(64)


@pytest.mark.parametrize("size", range(1, 65))
def test_inclusion_every_index_every_size_up_to_64(size: int) -> None:
    for index in range(size):
        _assert_inclusion_rejects_mutants(TREE_64, index, size, all_bits=size <= 9)


def _consistency_mutants(first: int, second: int, proof: list[bytes], r1: bytes, r2: bytes):  # type: ignore[no-untyped-def]
    yield "first - 1", first - 1, second, r1, r2, proof
    yield "first + 1", first + 1, second, r1, r2, proof
    yield "first ^ 2", first ^ 2, second, r1, r2, proof
    yield "second * 2", first, second * 2, r1, r2, proof
    yield "second / 2", first, second // 2, r1, r2, proof
    yield "wrong root1", first, second, leaf_hash(b"x"), r2, proof
    yield "wrong root2", first, second, r1, leaf_hash(b"x"), proof
    yield "swapped roots", first, second, r2, r1, proof
    yield "empty proof", first, second, r1, r2, []
    yield "trailing root1", first, second, r1, r2, [*proof, r1]
    yield "trailing root2", first, second, r1, r2, [*proof, r2]
    yield "preceding root1", first, second, r1, r2, [r1, *proof]
    yield "preceding root2", first, second, r1, r2, [r2, *proof]
    yield "preceding proof[0]", first, second, r1, r2, [proof[0], *proof]
    yield "truncated", first, second, r1, r2, proof[:-1]
    yield "short element", first, second, r1, r2, [proof[0][:31], *proof[1:]]


@pytest.mark.parametrize("second", range(2, 65))
def test_consistency_every_pair_up_to_64(second: int) -> None:
    for first in range(1, second):
        proof = TREE_64.consistency_proof(first, second)
        r1, r2 = TREE_64.root(first), TREE_64.root(second)
        check_consistency(first, second, r1, r2, proof)
        for desc, f, s, a, b, p in _consistency_mutants(first, second, proof, r1, r2):
            if f < 0 or (f == first and s == second and a == r1 and b == r2 and p == proof):
                continue
            if f == 0 and s >= 0 and not p and a == EMPTY_ROOT:
                continue  # the empty tree is consistent with everything
            assert not verify_consistency(f, s, a, b, p), f"accepted {desc} for {first}->{second}"
        bits = range(256) if second <= 9 else ((first * 31 + second) % 256,)
        for pos in range(len(proof)):
            for bit in bits:
                mutated = [*proof]
                mutated[pos] = _flip(proof[pos], bit)
                assert not verify_consistency(first, second, r1, r2, mutated), (first, second, pos, bit)


def test_trivial_and_degenerate_cases() -> None:
    root = TREE_64.root(5)
    assert verify_consistency(5, 5, root, root, [])
    assert not verify_consistency(5, 5, root, TREE_64.root(6), [])
    assert not verify_consistency(5, 5, root, root, [root])
    assert verify_consistency(0, 5, EMPTY_ROOT, root, [])
    assert not verify_consistency(0, 5, EMPTY_ROOT, root, [root])
    assert not verify_consistency(6, 5, root, root, [root])
    leaf = TREE_64.nodes[(0, 0)]
    assert verify_inclusion(0, 1, leaf, [], leaf)
    for index, size in ((0, 0), (1, 1), (2, 1), (1, 0)):
        assert not verify_inclusion(index, size, leaf, [], leaf)
    assert not verify_inclusion(-1, 4, leaf, TREE_64.inclusion_proof(0, 4), TREE_64.root(4))


def test_errors_say_what_is_wrong() -> None:
    leaf, root = TREE_64.nodes[(0, 3)], TREE_64.root(8)
    proof = TREE_64.inclusion_proof(3, 8)
    with pytest.raises(ProofError, match="not below size"):
        check_inclusion(8, 8, leaf, proof, root)
    with pytest.raises(ProofError, match="has 3 nodes, got 4"):
        check_inclusion(3, 8, leaf, [*proof, root], root)
    with pytest.raises(ProofError, match=r"proof\[1\] must be 64 hex digits"):
        check_inclusion(3, 8, leaf, [proof[0].hex(), "00"], root)
    with pytest.raises(ProofError, match="proof must be a list"):
        check_inclusion(3, 8, leaf, proof[0].hex(), root)
    with pytest.raises(ProofError, match="first 9 is larger than second 8"):
        check_consistency(9, 8, root, root, [])
    with pytest.raises(ProofError, match="does not lead to the root"):
        check_inclusion(3, 8, leaf, proof, TREE_64.root(7))
