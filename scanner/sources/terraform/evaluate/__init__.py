"""Evaluate parsed HCL expressions as far as they are known before apply.

The rule (also tested): a value is known only when it is a literal, or built
from literals, variable defaults (or values passed in a module call, or set in
``terraform.tfvars`` / ``*.auto.tfvars``), locals and outputs of local modules
that are themselves known, through Terraform's operators (``&&``, ``||``,
``!``, comparisons, arithmetic), ``for`` expressions, splats and the functions of
:mod:`~scanner.sources.terraform.functions`, each following Terraform's
documented semantics. ``count.index``, ``each.key`` and ``each.value``
are known inside a resource whose ``count``/``for_each`` is known (see
:meth:`Scope.repeat`), and a ``dynamic`` block's ``<label>.key``/``.value``
inside each copy of its ``content`` (see :meth:`Scope.bind`). A reference to
another managed resource becomes a :class:`~scanner.sources.terraform.model.Ref`;
anything else (data sources, ``count``/``each`` of an unknown repetition, a
variable without default, other functions, an operation or function Terraform
would reject) is :data:`~scanner.sources.terraform.model.UNKNOWN`, never a
guess. A conditional is known when its test is known, or when both branches agree.

Bounded work (``limits``): evaluation shares one :class:`Budget` per scanned
path. Expressions evaluated inside each other deeper than
``MAX_EVALUATION_DEPTH``, a value (a local, an output, a function result, a
template) over ``MAX_VALUE_SIZE`` / ``MAX_VALUE_DEPTH``, and everything once
``MAX_EVALUATION_STEPS`` units of work are spent, are unknown, and the budget
reports why with the file and line of the local, output or resource concerned.
So a local that doubles a string or list 40 times, or a chain of 1,000 locals,
ends as an unknown value and a source error, never as MemoryError, a
RecursionError or a hang.

Where each part lives, so that a change to one kind of expression touches one file:

* :mod:`.scope`: :class:`Scope` (one module instance: variables, locals,
  outputs, child modules, iteration variables) and :meth:`Scope.evaluate`,
  which every expression form calls back for its operands;
* :mod:`.budget`: the shared limits of one scanned path;
* :mod:`.references`: ``var.``, ``local.``, ``module.``, ``count``/``each``
  and references to other resources;
* :mod:`.steps`: attribute, index and splat steps into a known value;
* :mod:`.operators`: ``a ? b : c`` and the logical, comparison and arithmetic operators;
* :mod:`.templates`: ``"...${x}..."`` strings;
* :mod:`.for_expressions`: ``[for ...]`` and ``{for ...}``;
* :mod:`.calls`: function calls, ``try`` and ``can``.
"""

from __future__ import annotations

from scanner.sources.terraform.evaluate.budget import Budget, Report
from scanner.sources.terraform.evaluate.scope import Scope

__all__ = ["Budget", "Report", "Scope"]
