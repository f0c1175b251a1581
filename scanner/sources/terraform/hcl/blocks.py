"""A file's body -> :class:`~.syntax.Block` and attributes, or why the file cannot be read.

Why a file is all or nothing: a syntax error, text that is not UTF-8, or
nesting past ``limits.MAX_HCL_NESTING`` makes Terraform refuse the whole
file, so the scan skips it as a whole and reports the line, and the other
files are still scanned.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from scanner.sources.terraform.hcl.expressions import Unreadable, expression, node_text, string_literal
from scanner.sources.terraform.hcl.syntax import Block, ParsedFile
from scanner.sources.terraform.limits import MAX_HCL_NESTING

if TYPE_CHECKING:
    import tree_sitter


@functools.cache
def _parser() -> tree_sitter.Parser:
    # Imported on first use: a scan without Terraform input never loads the grammar.
    import tree_sitter  # noqa: PLC0415 - lazy on purpose
    import tree_sitter_hcl  # noqa: PLC0415 - lazy on purpose

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_hcl.language()))


def parse(source: bytes) -> ParsedFile:
    """Parse HCL source; on a syntax error return no blocks and the error's line (1-based).

    The source must be UTF-8, as Terraform requires: a file that is not is
    reported like a syntax error, at the line of the first bad byte. Blocks or
    expressions nested deeper than ``limits.MAX_HCL_NESTING`` are reported the
    same way (the conversion of :mod:`.expressions` is recursive; the limit keeps
    it off the interpreter's stack limit).
    """
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = source.count(b"\n", 0, exc.start) + 1
        return ParsedFile([], {}, error_line=line, error=f"not UTF-8 text (byte 0x{source[exc.start]:02x})")
    root = _parser().parse(source).root_node
    if root.has_error:
        node = _first_error(root)
        line = node.start_point.row + 1 if node is not None else 1
        what = f"missing {node.type!r}" if node is not None and node.is_missing else "unexpected input"
        return ParsedFile([], {}, error_line=line, error=f"HCL syntax error: {what}")
    body = next((c for c in root.named_children if c.type == "body"), None)
    if body is None:
        return ParsedFile([], {})
    try:
        attrs, blocks = _body(body, 0)
    except Unreadable as exc:
        return ParsedFile([], {}, error_line=exc.line, error=exc.message)
    return ParsedFile(blocks, attrs)


def _first_error(root: tree_sitter.Node) -> tree_sitter.Node | None:
    """The first error or missing node in document order (iterative: error trees can be deep)."""
    node = root
    while True:
        if node.is_error or node.is_missing:
            return node
        node = next((c for c in node.children if c.has_error or c.is_missing), None)
        if node is None:
            return None


def _body(node: tree_sitter.Node, depth: int) -> tuple[dict[str, Any], list[Block]]:
    attrs: dict[str, Any] = {}
    blocks: list[Block] = []
    for child in node.named_children:
        if child.type == "attribute":
            name, value = child.named_children[0], child.named_children[1]
            attrs[node_text(name)] = expression(value, 0)
        elif child.type == "block":
            if depth >= MAX_HCL_NESTING:
                raise Unreadable(child.start_point.row + 1, f"blocks nested deeper than {MAX_HCL_NESTING}")
            blocks.append(_block(child, depth + 1))
    return attrs, blocks


def _block(node: tree_sitter.Node, depth: int) -> Block:
    kids = node.named_children
    labels = []
    body = None
    for child in kids[1:]:
        if child.type == "string_lit":
            labels.append(string_literal(child))
        elif child.type == "identifier":
            labels.append(node_text(child))
        elif child.type == "body":
            body = child
    block = Block(node_text(kids[0]), tuple(labels), node.start_point.row + 1)
    if body is not None:
        block.attrs, block.blocks = _body(body, depth)
    return block
