"""Hypothesis properties of the tree, the proofs and their verifiers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sanctuary.audit.merkle import (
    Frontier,
    MemoryTree,
    consistency_ranges,
    inclusion_ranges,
    leaf_hash,
    range_nodes,
    root_from_leaf_hashes,
    verify_consistency,
    verify_inclusion,
)

entries = st.lists(st.binary(max_size=12), min_size=1, max_size=300)


def _tree(data: list[bytes]) -> MemoryTree:
    tree = MemoryTree()
    for d in data:
        tree.append(d)
    return tree


@settings(max_examples=60, deadline=None)
@given(entries)
def test_incremental_root_equals_rfc_definition(data: list[bytes]) -> None:
    frontier = Frontier()
    leaves: list[bytes] = []
    for d in data:
        frontier.append(leaf_hash(d))
        leaves.append(leaf_hash(d))
    assert frontier.root() == root_from_leaf_hashes(leaves)
    assert Frontier.from_blob(frontier.size, frontier.to_blob()).root() == frontier.root()
    tree = _tree(data)
    for size in {1, len(data) // 2 or 1, len(data)}:
        assert tree.root(size) == root_from_leaf_hashes(leaves[:size])


@settings(max_examples=100, deadline=None)
@given(entries, st.data())
def test_inclusion_proofs_verify_and_bind_the_leaf(data: list[bytes], draw: st.DataObject) -> None:
    tree = _tree(data)
    size = draw.draw(st.integers(1, len(data)))
    index = draw.draw(st.integers(0, size - 1))
    proof = tree.inclusion_proof(index, size)
    root = tree.root(size)
    assert verify_inclusion(index, size, leaf_hash(data[index]), proof, root)
    assert len(proof) == len(inclusion_ranges(index, size))
    other = draw.draw(st.integers(0, size - 1))
    if leaf_hash(data[other]) != leaf_hash(data[index]):
        assert not verify_inclusion(index, size, leaf_hash(data[other]), proof, root)
    if proof:
        pos = draw.draw(st.integers(0, len(proof) - 1))
        bit = draw.draw(st.integers(0, 255))
        flipped = bytearray(proof[pos])
        flipped[bit // 8] ^= 1 << (bit % 8)
        mutated = [*proof]
        mutated[pos] = bytes(flipped)
        assert not verify_inclusion(index, size, leaf_hash(data[index]), mutated, root)
        assert not verify_inclusion(index, size, leaf_hash(data[index]), proof[:-1], root)
        assert not verify_inclusion(index, size, leaf_hash(data[index]), [*proof, proof[0]], root)


@settings(max_examples=100, deadline=None)
@given(entries, st.data())
def test_consistency_proofs_verify_and_detect_rewrites(data: list[bytes], draw: st.DataObject) -> None:
    tree = _tree(data)
    second = draw.draw(st.integers(1, len(data)))
    first = draw.draw(st.integers(1, second))
    proof = tree.consistency_proof(first, second)
    assert len(proof) == len(consistency_ranges(first, second))
    assert verify_consistency(first, second, tree.root(first), tree.root(second), proof)
    # A log whose first `first` entries were rewritten cannot prove it extends the old head.
    victim = draw.draw(st.integers(0, first - 1))
    rewritten = [*data]
    rewritten[victim] = data[victim] + b"!"
    forged = _tree(rewritten)
    forged_proof = forged.consistency_proof(first, second)
    assert not verify_consistency(first, second, tree.root(first), forged.root(second), forged_proof)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10_000), st.data())
def test_range_decomposition_covers_exactly(size: int, draw: st.DataObject) -> None:
    index = draw.draw(st.integers(0, size - 1))
    ranges = inclusion_ranges(index, size)
    covered = sorted(ranges)
    # The proof's ranges plus the leaf itself tile [0, size) without overlap.
    tiles = sorted([*covered, (index, index + 1)])
    position = 0
    for a, b in tiles:
        assert a == position
        position = b
        nodes = range_nodes(a, b)
        assert sum(1 << level for level, _ in nodes) == b - a
        assert all((i << level) >= a for level, i in nodes)
    assert position == size
