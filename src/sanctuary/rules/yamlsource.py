"""Safe YAML loading that remembers where every value came from.

Only YAML's plain data types are built (``yaml.CSafeLoader``, libyaml's parser with PyYAML's safe
constructor; ``yaml.SafeLoader`` where PyYAML was built without libyaml): a rule file can never run code. Each
text is parsed once: the node tree gives the line numbers and is then constructed into data. Duplicate
keys are an error (PyYAML would silently keep the last one), and every mapping key and sequence item is
indexed by its path so that a validation error can name the line it comes from.
"""

from __future__ import annotations

from typing import Any

import yaml

Path = tuple[str | int, ...]


class YamlError(ValueError):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C parser when libyaml is there


class _StrictLoader(_SafeBase):  # type: ignore[valid-type,misc]
    """Safe loader (plain data only) that refuses duplicate keys."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise YamlError(
                f"duplicate key {key!r} (first on line {seen[key]})", key_node.start_mark.line + 1
            )
        seen[key] = key_node.start_mark.line + 1
    return dict(yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep))


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _index(node: yaml.Node, path: Path, lines: dict[Path, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            _index(value_node, (*path, key), lines)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*path, i), lines)


def load_yaml(text: str) -> tuple[Any, dict[Path, int]]:
    """Parse ``text``; return the data and a map from each path to its 1-based line number."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlError(f"not valid YAML: {exc.problem or exc}", mark.line + 1 if mark else None) from exc
    finally:
        loader.dispose()
    lines: dict[Path, int] = {}
    if node is not None:
        _index(node, (), lines)
    return data, lines


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of ``path``, or of its nearest ancestor that has one."""
    for end in range(len(path), -1, -1):
        line = lines.get(tuple(path[:end]))
        if line is not None:
            return line
    return None
