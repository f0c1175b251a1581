"""Parse one ``.tf`` file into blocks and unevaluated expressions (tree-sitter HCL grammar).

Why tree-sitter: python-hcl2 8.x is a pure-Python Lark parser and takes about 20 s
for a 5,000-resource file on the benchmark machine; the compiled tree-sitter HCL
grammar parses the same file in about 0.5 s and gives every block's line for free.

The output is deliberately small: a :class:`Block` has its type, labels, first
line, attributes (name -> expression) and nested blocks. An expression is a
plain Python literal (``str``, ``int``, ``float``, ``bool``, ``None``), a
``list``/``dict`` of expressions, or one of :class:`Trav` (a reference such as
``var.x`` or ``google_compute_network.vpc.self_link``), :class:`Tmpl` (a string
with interpolations), :class:`Call` (a function call), :class:`Cond` (``c ? a :
b``), :class:`Op` (``a && b``, ``!a``, ``a + b``, ``a == b`` ...), :class:`For`
(``[for x in xs : f(x) if p(x)]``, ``{for k, v in m : k => v}``), :class:`Get`
(attribute and index steps after something that is not a name: ``split(",",
s)[0]``, ``(local.m).k``) and :data:`OPAQUE` (anything else: template
directives). A splat step is ``("splat", steps)``: the steps after ``[*]``/``.*``
apply to each element. ``scanner.sources.terraform.evaluate`` turns them into values.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scanner.sources.terraform.limits import MAX_HCL_NESTING

if TYPE_CHECKING:
    import tree_sitter


@dataclass(frozen=True, slots=True)
class Trav:
    """``root.part.part[...]``: parts are attribute names (str) or index keys (``("index", value)``)."""

    root: str
    parts: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class Tmpl:
    """A string template: literal strings and interpolated expressions, in order."""

    parts: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Cond:
    test: Any
    then: Any
    other: Any


@dataclass(frozen=True, slots=True)
class Op:
    """An operator applied to its operands: ``op`` is the token (``&&``, ``!``, ``+``, ``==`` ...)."""

    op: str
    args: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class For:
    """A ``for`` expression: ``[for KEY, VALUE in COLL : RESULT if COND]`` or the ``{... : K => V}`` form.

    ``key_var`` is ``None`` with one iteration variable; ``key`` is ``None`` in the
    list form; ``group`` is the object form's ``...`` (values with one key grouped).
    """

    key_var: str | None
    value_var: str
    collection: Any
    key: Any
    value: Any
    cond: Any = None
    group: bool = False


@dataclass(frozen=True, slots=True)
class Get:
    """Attribute/index/splat steps applied to the value of ``base`` (not a plain name)."""

    base: Any
    parts: tuple[Any, ...]


OPERATORS = frozenset({"&&", "||", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "!"})


class _Opaque:
    def __repr__(self) -> str:
        return "OPAQUE"


OPAQUE = _Opaque()


@dataclass(slots=True)
class Block:
    type: str
    labels: tuple[str, ...]
    line: int
    attrs: dict[str, Any] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class ParsedFile:
    """Top-level blocks and attributes (``.tfvars``) of a file, or why it cannot be read and where."""

    blocks: list[Block]
    attrs: dict[str, Any]
    error_line: int | None = None
    error: str | None = None


@functools.cache
def _parser() -> tree_sitter.Parser:
    # Imported on first use: a scan without Terraform input never loads the grammar.
    import tree_sitter  # noqa: PLC0415 - lazy on purpose
    import tree_sitter_hcl  # noqa: PLC0415 - lazy on purpose

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_hcl.language()))


class _Unreadable(Exception):
    """Why the file cannot be read (nesting over the limit, an invalid escape), and the line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(line, message)
        self.line = line
        self.message = message


def parse(source: bytes) -> ParsedFile:
    """Parse HCL source; on a syntax error return no blocks and the error's line (1-based).

    The source must be UTF-8, as Terraform requires: a file that is not is
    reported like a syntax error, at the line of the first bad byte. Blocks or
    expressions nested deeper than ``limits.MAX_HCL_NESTING`` are reported the
    same way (the conversion below is recursive; the limit keeps it off the
    interpreter's stack limit).
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
    except _Unreadable as exc:
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
            attrs[_text(name)] = _expr(value, 0)
        elif child.type == "block":
            if depth >= MAX_HCL_NESTING:
                raise _Unreadable(child.start_point.row + 1, f"blocks nested deeper than {MAX_HCL_NESTING}")
            blocks.append(_block(child, depth + 1))
    return attrs, blocks


def _block(node: tree_sitter.Node, depth: int) -> Block:
    kids = node.named_children
    labels = []
    body = None
    for child in kids[1:]:
        if child.type == "string_lit":
            labels.append(_string(child))
        elif child.type == "identifier":
            labels.append(_text(child))
        elif child.type == "body":
            body = child
    block = Block(_text(kids[0]), tuple(labels), node.start_point.row + 1)
    if body is not None:
        block.attrs, block.blocks = _body(body, depth)
    return block


def _text(node: tree_sitter.Node) -> str:
    return node.text.decode("utf-8") if node.text is not None else ""


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_HEX = frozenset("0123456789abcdefABCDEF")


def _code_point(digits: str, width: int) -> str | None:
    """The character of a ``\\uNNNN`` / ``\\UNNNNNNNN`` escape; ``None`` when the digits are not hex.

    A surrogate (``\\uD800``) or a number past U+10FFFF is not a character:
    Terraform rejects the file ("Invalid escape sequence: Cannot encode character
    U+D800 in UTF-8", hashicorp/hcl ``hclsyntax/parser.go``), and so does the
    scan (``ValueError``, reported like a syntax error), so no lone surrogate
    ever reaches a report writer.
    """
    if len(digits) != width or not _HEX.issuperset(digits):
        return None
    value = int(digits, 16)
    if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        raise ValueError(f"invalid escape sequence: U+{value:04X} is not a character")
    return chr(value)


def _unescape(text: str) -> str:
    if "\\" not in text and "$${" not in text and "%%{" not in text:
        return text
    out, i = [], 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            width = {"u": 4, "U": 8}.get(nxt, 0)
            if width and (decoded := _code_point(text[i + 2 : i + 2 + width], width)) is not None:
                out.append(decoded)
                i += 2 + width
                continue
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out).replace("$${", "${").replace("%%{", "%{")


def _string(node: tree_sitter.Node) -> str:
    try:
        return "".join(_unescape(_text(c)) for c in node.named_children if c.type == "template_literal")
    except ValueError as exc:
        raise _Unreadable(node.start_point.row + 1, str(exc)) from None


def _expr(node: tree_sitter.Node, depth: int) -> Any:
    """One expression; ``depth`` counts the ``expression`` nodes around it (one per nesting level)."""
    kind = node.type
    if kind == "expression":
        if depth >= MAX_HCL_NESTING:
            raise _Unreadable(node.start_point.row + 1, f"expressions nested deeper than {MAX_HCL_NESTING}")
        return _term(node.children, depth + 1)
    if kind == "literal_value":
        return _literal(node.named_children[0])
    if kind == "collection_value":
        return _collection(node.named_children[0], depth)
    if kind == "variable_expr":
        return Trav(_text(node.named_children[0]))
    if kind == "template_expr":
        return _template(node.named_children[0], depth)
    if kind == "function_call":
        kids = node.named_children
        args = next((c for c in kids if c.type == "function_arguments"), None)
        values = tuple(_expr(a, depth) for a in args.named_children if a.type == "expression") if args else ()
        if args is not None and any(c.type == "ellipsis" for c in args.named_children):
            return OPAQUE  # f(list...): arguments expanded from a list
        return Call(_text(kids[0]), values)
    if kind == "conditional":
        test, then, other = (_expr(c, depth) for c in node.named_children[:3])
        return Cond(test, then, other)
    if kind == "operation":
        if depth >= MAX_HCL_NESTING:  # -(-(-x)) nests operations without expression nodes
            raise _Unreadable(node.start_point.row + 1, f"expressions nested deeper than {MAX_HCL_NESTING}")
        return _operation(node.named_children[0], depth + 1)
    if kind == "for_expr":
        return _for(node.named_children[0], depth)
    return OPAQUE


def _term(children: list[tree_sitter.Node], depth: int) -> Any:
    """One operand written as a node sequence: a primary, then attribute/index/splat steps."""
    kids = [c for c in children if c.is_named]
    if not kids:
        return OPAQUE
    if children and children[0].type == "(":  # ( expression ) steps...
        inner = next((c for c in children if c.type == "expression"), None)
        base = _expr(inner, depth) if inner is not None else OPAQUE
        steps = kids[1:]
    elif kids[0].type == "variable_expr":
        return _traversal(kids, depth) if len(kids) > 1 else _expr(kids[0], depth)
    else:
        base, steps = _expr(kids[0], depth), kids[1:]
    if not steps:
        return base
    return Get(base, tuple(_steps(steps, depth)))


def _operation(node: tree_sitter.Node, depth: int) -> Any:
    """``a OP b`` or ``OP a``; a negative literal stays a number."""
    children = node.children
    at = next((i for i, c in enumerate(children) if not c.is_named and c.type in OPERATORS), None)
    if at is None:
        return OPAQUE
    op = children[at].type
    if node.type == "unary_operation":
        operand = _term(children[at + 1 :], depth)
        if op == "-" and isinstance(operand, int | float) and not isinstance(operand, bool):
            return -operand
        return Op(op, (operand,)) if op in ("!", "-") else OPAQUE
    return Op(op, (_term(children[:at], depth), _term(children[at + 1 :], depth)))


def _for(node: tree_sitter.Node, depth: int) -> Any:
    """``[for ...]`` (``for_tuple_expr``) or ``{for ...}`` (``for_object_expr``)."""
    intro = next((c for c in node.named_children if c.type == "for_intro"), None)
    if intro is None:
        return OPAQUE
    names = [_text(c) for c in intro.named_children if c.type == "identifier"]
    collection = next((c for c in intro.named_children if c.type == "expression"), None)
    if not names or collection is None or len(names) > 2:
        return OPAQUE
    key_var, value_var = (names[0], names[1]) if len(names) == 2 else (None, names[0])
    results = [c for c in node.named_children if c.type == "expression"]
    cond_node = next((c for c in node.named_children if c.type == "for_cond"), None)
    cond_expr = (
        next((c for c in cond_node.named_children if c.type == "expression"), None) if cond_node else None
    )
    cond = _expr(cond_expr, depth) if cond_expr is not None else None
    coll = _expr(collection, depth)
    if node.type == "for_tuple_expr" and len(results) == 1:
        return For(key_var, value_var, coll, None, _expr(results[0], depth), cond)
    if node.type == "for_object_expr" and len(results) == 2:
        group = any(c.type == "ellipsis" for c in node.named_children)
        key, value = (_expr(r, depth) for r in results)
        return For(key_var, value_var, coll, key, value, cond, group)
    return OPAQUE


def _literal(node: tree_sitter.Node) -> Any:
    kind = node.type
    if kind == "string_lit":
        return _string(node)
    if kind == "numeric_lit":
        text = _text(node)
        try:
            return int(text)
        except ValueError:
            return float(text)
    if kind == "bool_lit":
        return _text(node) == "true"
    return None


def _collection(node: tree_sitter.Node, depth: int) -> Any:
    if node.type == "tuple":
        return [_expr(c, depth) for c in node.named_children if c.type == "expression"]
    out: dict[str, Any] = {}
    for elem in node.named_children:
        if elem.type != "object_elem":
            continue
        key_node, value_node = elem.child_by_field_name("key"), elem.child_by_field_name("val")
        if key_node is None or value_node is None:
            continue
        key = _expr(key_node, depth)
        if isinstance(key, Trav) and not key.parts:
            key = key.root  # a bare identifier key is its own name
        if not isinstance(key, str):
            return OPAQUE  # a computed key: the whole object is unknown
        out[key] = _expr(value_node, depth)
    return out


def _template(node: tree_sitter.Node, depth: int) -> Any:
    parts: list[Any] = []
    for child in node.named_children:
        if child.type == "template_literal":
            try:
                parts.append(_unescape(_text(child)) if node.type == "quoted_template" else _text(child))
            except ValueError as exc:
                raise _Unreadable(child.start_point.row + 1, str(exc)) from None
        elif child.type == "template_interpolation":
            inner = next((c for c in child.named_children if c.type == "expression"), None)
            parts.append(_expr(inner, depth) if inner is not None else OPAQUE)
        elif child.type == "template_directive":
            return OPAQUE
    if all(isinstance(p, str) for p in parts):
        return "".join(parts)
    return Tmpl(tuple(parts))


def _traversal(kids: list[tree_sitter.Node], depth: int) -> Any:
    root = _text(kids[0].named_children[0])
    return Trav(root, tuple(_steps(kids[1:], depth)))


def _steps(nodes: list[tree_sitter.Node], depth: int) -> list[Any]:
    """Attribute names, ``("index", key)`` and ``("splat", steps)`` in order."""
    parts: list[Any] = []
    for child in nodes:
        if child.type == "get_attr":
            parts.append(_text(child.named_children[0]))
        elif child.type == "index":
            inner = child.named_children[0]
            if inner.type == "legacy_index":
                parts.append(("index", int(_text(inner).lstrip("."))))
            else:
                key = next((c for c in inner.named_children if c.type == "expression"), None)
                parts.append(("index", _expr(key, depth) if key is not None else OPAQUE))
        elif child.type == "splat":  # [*] or .*: the steps inside it apply to every element
            inner = child.named_children[0] if child.named_children else None
            parts.append(("splat", tuple(_steps(inner.named_children, depth)) if inner is not None else ()))
        else:
            parts.append(("splat", None))  # anything unforeseen: unknown when followed
    return parts
