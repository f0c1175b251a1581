"""Tree-sitter expression nodes -> the scan's syntax tree (:mod:`.syntax`).

Why the conversion keeps so little: the evaluator needs the shape of an
expression, not its tokens, and anything it could not evaluate anyway (a
template directive, arguments expanded with ``...``, a computed object key)
becomes :data:`~.syntax.OPAQUE` here, so it is unknown later and never a
guess. The conversion is recursive: ``depth`` counts the nesting and stops at
``limits.MAX_HCL_NESTING`` with :class:`Unreadable`, well before the
interpreter's stack limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scanner.sources.terraform.hcl.escapes import unescape
from scanner.sources.terraform.hcl.syntax import OPAQUE, OPERATORS, Call, Cond, For, Get, Op, Tmpl, Trav
from scanner.sources.terraform.limits import MAX_HCL_NESTING

if TYPE_CHECKING:
    import tree_sitter


class Unreadable(Exception):
    """Why the file cannot be read (nesting over the limit, an invalid escape), and the line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(line, message)
        self.line = line
        self.message = message


def node_text(node: tree_sitter.Node) -> str:
    """The source text of a node."""
    return node.text.decode("utf-8") if node.text is not None else ""


def string_literal(node: tree_sitter.Node) -> str:
    """A quoted string literal's value (a block label, a literal in an expression)."""
    try:
        return "".join(unescape(node_text(c)) for c in node.named_children if c.type == "template_literal")
    except ValueError as exc:
        raise Unreadable(node.start_point.row + 1, str(exc)) from None


def expression(node: tree_sitter.Node, depth: int) -> Any:
    """One expression; ``depth`` counts the ``expression`` nodes around it (one per nesting level)."""
    kind = node.type
    if kind == "expression":
        if depth >= MAX_HCL_NESTING:
            raise Unreadable(node.start_point.row + 1, f"expressions nested deeper than {MAX_HCL_NESTING}")
        return _term(node.children, depth + 1)
    if kind == "literal_value":
        return _literal(node.named_children[0])
    if kind == "collection_value":
        return _collection(node.named_children[0], depth)
    if kind == "variable_expr":
        return Trav(node_text(node.named_children[0]))
    if kind == "template_expr":
        return _template(node.named_children[0], depth)
    if kind == "function_call":
        kids = node.named_children
        args = next((c for c in kids if c.type == "function_arguments"), None)
        values = (
            tuple(expression(a, depth) for a in args.named_children if a.type == "expression") if args else ()
        )
        if args is not None and any(c.type == "ellipsis" for c in args.named_children):
            return OPAQUE  # f(list...): arguments expanded from a list
        return Call(node_text(kids[0]), values)
    if kind == "conditional":
        test, then, other = (expression(c, depth) for c in node.named_children[:3])
        return Cond(test, then, other)
    if kind == "operation":
        if depth >= MAX_HCL_NESTING:  # -(-(-x)) nests operations without expression nodes
            raise Unreadable(node.start_point.row + 1, f"expressions nested deeper than {MAX_HCL_NESTING}")
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
        base = expression(inner, depth) if inner is not None else OPAQUE
        steps = kids[1:]
    elif kids[0].type == "variable_expr":
        return _traversal(kids, depth) if len(kids) > 1 else expression(kids[0], depth)
    else:
        base, steps = expression(kids[0], depth), kids[1:]
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
    names = [node_text(c) for c in intro.named_children if c.type == "identifier"]
    collection = next((c for c in intro.named_children if c.type == "expression"), None)
    if not names or collection is None or len(names) > 2:
        return OPAQUE
    key_var, value_var = (names[0], names[1]) if len(names) == 2 else (None, names[0])
    results = [c for c in node.named_children if c.type == "expression"]
    cond_node = next((c for c in node.named_children if c.type == "for_cond"), None)
    cond_expr = (
        next((c for c in cond_node.named_children if c.type == "expression"), None) if cond_node else None
    )
    cond = expression(cond_expr, depth) if cond_expr is not None else None
    coll = expression(collection, depth)
    if node.type == "for_tuple_expr" and len(results) == 1:
        return For(key_var, value_var, coll, None, expression(results[0], depth), cond)
    if node.type == "for_object_expr" and len(results) == 2:
        group = any(c.type == "ellipsis" for c in node.named_children)
        key, value = (expression(r, depth) for r in results)
        return For(key_var, value_var, coll, key, value, cond, group)
    return OPAQUE


def _literal(node: tree_sitter.Node) -> Any:
    kind = node.type
    if kind == "string_lit":
        return string_literal(node)
    if kind == "numeric_lit":
        text = node_text(node)
        try:
            return int(text)
        except ValueError:
            return float(text)
    if kind == "bool_lit":
        return node_text(node) == "true"
    return None


def _collection(node: tree_sitter.Node, depth: int) -> Any:
    if node.type == "tuple":
        return [expression(c, depth) for c in node.named_children if c.type == "expression"]
    out: dict[str, Any] = {}
    for elem in node.named_children:
        if elem.type != "object_elem":
            continue
        key_node, value_node = elem.child_by_field_name("key"), elem.child_by_field_name("val")
        if key_node is None or value_node is None:
            continue
        key = expression(key_node, depth)
        if isinstance(key, Trav) and not key.parts:
            key = key.root  # a bare identifier key is its own name
        if not isinstance(key, str):
            return OPAQUE  # a computed key: the whole object is unknown
        out[key] = expression(value_node, depth)
    return out


def _template(node: tree_sitter.Node, depth: int) -> Any:
    parts: list[Any] = []
    for child in node.named_children:
        if child.type == "template_literal":
            try:
                parts.append(
                    unescape(node_text(child)) if node.type == "quoted_template" else node_text(child)
                )
            except ValueError as exc:
                raise Unreadable(child.start_point.row + 1, str(exc)) from None
        elif child.type == "template_interpolation":
            inner = next((c for c in child.named_children if c.type == "expression"), None)
            parts.append(expression(inner, depth) if inner is not None else OPAQUE)
        elif child.type == "template_directive":
            return OPAQUE
    if all(isinstance(p, str) for p in parts):
        return "".join(parts)
    return Tmpl(tuple(parts))


def _traversal(kids: list[tree_sitter.Node], depth: int) -> Any:
    root = node_text(kids[0].named_children[0])
    return Trav(root, tuple(_steps(kids[1:], depth)))


def _steps(nodes: list[tree_sitter.Node], depth: int) -> list[Any]:
    """Attribute names, ``("index", key)`` and ``("splat", steps)`` in order."""
    parts: list[Any] = []
    for child in nodes:
        if child.type == "get_attr":
            parts.append(node_text(child.named_children[0]))
        elif child.type == "index":
            inner = child.named_children[0]
            if inner.type == "legacy_index":
                parts.append(("index", int(node_text(inner).lstrip("."))))
            else:
                key = next((c for c in inner.named_children if c.type == "expression"), None)
                parts.append(("index", expression(key, depth) if key is not None else OPAQUE))
        elif child.type == "splat":  # [*] or .*: the steps inside it apply to every element
            inner = child.named_children[0] if child.named_children else None
            parts.append(("splat", tuple(_steps(inner.named_children, depth)) if inner is not None else ()))
        else:
            parts.append(("splat", None))  # anything unforeseen: unknown when followed
    return parts
