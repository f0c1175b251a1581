"""Load YAML safely and remember the line of every value, so errors can say where.

Policies, waivers and the config file all come through :func:`read_yaml_file`,
so they share one set of limits (README, "Limits"), each checked before the work
it protects:

- a file is at most :data:`MAX_YAML_BYTES` long (read no further);
- containers nest at most :data:`MAX_YAML_DEPTH` levels, checked on the event
  stream before anything recursive (the composer, the constructor) sees it;
- the document, with every alias expanded, has at most :data:`MAX_YAML_NODES`
  nodes, also counted on the event stream, so an alias bomb of a few hundred
  bytes is rejected before it expands; an alias inside its own anchor is an error.

Every failure, including a scalar that does not convert (``2027-02-30``,
``!!float abc``) and a list used as a mapping key, is a :class:`YamlError` with
the line, never a Python exception from deep inside PyYAML.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

DocPath = tuple[str | int, ...]

MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_YAML_DEPTH = 200
MAX_YAML_NODES = 1_000_000

# libyaml's loader is twenty times faster and keeps the same marks (lines).
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlError(ValueError):
    """Malformed YAML; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader, with a scalar that fails to convert reported at its own line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            value = node.value if isinstance(node, yaml.ScalarNode) else node.tag
            shown = repr(value if len(value) <= 40 else value[:40] + "...")
            reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {shown} as {_tag_name(node.tag)}: {reason}", node.start_mark
            ) from None


def _tag_name(tag: str) -> str:
    return tag.rsplit(":", 1)[-1] if tag.startswith("tag:yaml.org,2002:") else tag


def _line(mark: Any) -> int | None:
    return mark.line + 1 if mark is not None else None


def _check_events(text: str) -> None:
    """Depth and expanded size on the event stream: no recursion, no expansion."""
    loader = _BaseLoader(text)
    try:
        sizes: dict[str, int] = {}  # anchor -> expanded node count
        open_anchors: list[tuple[str | None, int]] = []  # (anchor, count when it opened)
        count = 0
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            if isinstance(event, yaml.AliasEvent):
                if event.anchor not in sizes:
                    if any(anchor == event.anchor for anchor, _ in open_anchors):
                        raise YamlError(
                            f"alias *{event.anchor} is used inside its own anchor", _line(event.start_mark)
                        )
                    continue  # an undefined alias: the composer reports it with its line
                count += sizes[event.anchor]
            elif isinstance(event, yaml.ScalarEvent):
                count += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.CollectionStartEvent):
                count += 1
                open_anchors.append((event.anchor, count))
                if len(open_anchors) > MAX_YAML_DEPTH:
                    raise YamlError(
                        f"YAML nested deeper than {MAX_YAML_DEPTH} levels", _line(event.start_mark)
                    )
            elif isinstance(event, yaml.CollectionEndEvent) and open_anchors:
                anchor, start = open_anchors.pop()
                if anchor is not None:
                    sizes[anchor] = count - start + 1
            if count > MAX_YAML_NODES:
                raise YamlError(
                    f"more than {MAX_YAML_NODES:,} values once aliases are expanded", _line(event.start_mark)
                )
    except yaml.YAMLError:
        return  # a syntax error: the full load below reports it with its line
    finally:
        loader.dispose()


def load_with_lines(text: str) -> tuple[Any, dict[DocPath, int]]:
    """Parse one YAML document; return the data and a map from document path to line.

    Duplicate keys are an error: PyYAML would silently keep the last one, and a
    policy whose first ``condition`` is quietly dropped is worse than no policy.
    """
    _check_events(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines = _walk(node)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(f"invalid YAML: {problem}", _line(mark)) from None
    except RecursionError:  # only without libyaml: PyYAML's own composer recurses per level
        raise YamlError("invalid YAML: nested too deeply to read", None) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        character = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlError(f"invalid YAML: {exc.reason} (character {character:#06x})", line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {str(exc).splitlines()[0]}", None) from None
    finally:
        loader.dispose()
    return data, lines


def _walk(root: yaml.Node) -> dict[DocPath, int]:
    """The line of every path, walking each node once: a shared (aliased) node is not re-walked."""
    lines: dict[DocPath, int] = {}
    seen_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, DocPath]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        lines.setdefault(path, node.start_mark.line + 1)  # a merged mapping keeps its host's line
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE_TAG:
                    stack.append((value_node, path))
                    continue
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                    raise YamlError(
                        f"a mapping key must be plain text (quote it), not a {_describe(key_node)}",
                        key_node.start_mark.line + 1,
                    )
                key = key_node.value
                if key in seen:
                    raise YamlError(
                        f"duplicate key {key!r} (first at line {seen[key]})",
                        key_node.start_mark.line + 1,
                    )
                seen[key] = key_node.start_mark.line + 1
                stack.append((value_node, (*path, key)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, index)) for index, item in enumerate(node.value))
    return lines


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return f"{_tag_name(node.tag)} ({node.value!r})"


def read_yaml_file(path: str | os.PathLike[str], what: str) -> tuple[Any, dict[DocPath, int]]:
    """Read and parse a YAML file of at most :data:`MAX_YAML_BYTES`; ``what`` names it in errors."""
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(MAX_YAML_BYTES + 1)
    except OSError as exc:
        raise YamlError(f"cannot read {what}: {exc.strerror}", None) from None
    if len(raw) > MAX_YAML_BYTES:
        raise YamlError(f"{what} is larger than the limit of {MAX_YAML_BYTES // 1024 // 1024} MiB", None)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlError(f"not a UTF-8 text file (invalid byte at offset {exc.start})", line) from None
    return load_with_lines(text)


def line_for(lines: dict[DocPath, int], path: DocPath) -> int | None:
    """The line of ``path``, or of its nearest ancestor that has one."""
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]
