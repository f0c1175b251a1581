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

Where each part lives:

* :mod:`.syntax`: the small tree above, all the rest of the scan sees;
* :mod:`.blocks`: :func:`parse`: a file's blocks and attributes, and why a file
  cannot be read (syntax error, not UTF-8, nesting over ``limits.MAX_HCL_NESTING``);
* :mod:`.expressions`: tree-sitter expression nodes -> the tree above;
* :mod:`.escapes`: string literal escapes, as Terraform decodes them.
"""

from __future__ import annotations

from scanner.sources.terraform.hcl.blocks import parse
from scanner.sources.terraform.hcl.syntax import (
    OPAQUE,
    OPERATORS,
    Block,
    Call,
    Cond,
    For,
    Get,
    Op,
    ParsedFile,
    Tmpl,
    Trav,
)

__all__ = [
    "OPAQUE",
    "OPERATORS",
    "Block",
    "Call",
    "Cond",
    "For",
    "Get",
    "Op",
    "ParsedFile",
    "Tmpl",
    "Trav",
    "parse",
]
