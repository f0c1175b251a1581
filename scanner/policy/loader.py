"""Read policy files: YAML, validated by the JSON Schema, then compiled.

Every failure is a :class:`PolicyError` naming the file, the line and the path
inside the document.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scanner.builtin import builtin_policy_dir
from scanner.findings import Severity
from scanner.inventory.model import KINDS, PROVIDERS
from scanner.policy.cache import PolicyCache, cache_dir
from scanner.policy.compiler import ConditionCompiler, resource_scope
from scanner.policy.errors import PolicyError
from scanner.policy.frameworks import Framework, check_mapping, frameworks_for, suggest
from scanner.policy.model import Policy
from scanner.policy.parameters import Overrides, check_override_ids, resolve_parameters
from scanner.policy.paths import PathError, resolve
from scanner.policy.schema import CONDITION_HELP, HELP_URI_HELP, policy_json_schema
from scanner.policy.template import compile_template, placeholders
from scanner.policy.yaml_lines import (
    MAX_YAML_BYTES,
    DocPath,
    YamlError,
    line_for,
    load_with_lines,
    read_yaml_file,
)

if TYPE_CHECKING:
    import jsonschema

POLICY_SUFFIXES = (".yaml", ".yml")
NOT_POLICIES = {"frameworks.yaml"}
_PROVIDER_NAMES = frozenset(PROVIDERS)
_KIND_NAMES = frozenset(KINDS)
# How other tools spell our operators, for "did you mean" where the names are too far apart to guess.
OP_SPELLINGS = {
    "equals": "eq", "equal": "eq", "==": "eq", "=": "eq", "is": "eq",
    "not_equals": "ne", "not_equal": "ne", "!=": "ne", "neq": "ne",
    "greater_than": "gt", ">": "gt", "greater_than_or_equal": "ge", ">=": "ge", "gte": "ge",
    "less_than": "lt", "<": "lt", "less_than_or_equal": "le", "<=": "le", "lte": "le",
    "matches": "regex", "match": "regex", "includes": "contains", "has": "contains",
    "one_of": "in", "not_one_of": "not_in", "exist": "exists", "is_set": "exists",
}  # fmt: skip
# all/any/not/some/every/none/follow nest at most this deep (README, "Limits").
MAX_CONDITION_DEPTH = 64


@cache
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # noqa: PLC0415 - imported when a policy is validated, not on every start

    return jsonschema.Draft202012Validator(policy_json_schema())


def _schema_error(error: jsonschema.ValidationError) -> tuple[tuple[str | int, ...], str]:
    """The path and message a person can act on: an unknown key at its own line with the closest
    known key, an enum value (an operator, a severity) with the closest allowed one."""
    path = tuple(error.absolute_path)
    if error.validator == "oneOf" and error.schema.get("description") in (CONDITION_HELP, HELP_URI_HELP):
        return path, error.schema["description"]
    if error.validator == "anyOf" and error.context and not isinstance(error.instance, dict):
        # A value that could be a literal or {param: NAME}: a literal's own type error is the news.
        literal = [e for e in error.context if e.relative_schema_path[0] == 0]
        if literal:
            from jsonschema.exceptions import best_match  # noqa: PLC0415 - as in _validator

            return _schema_error(best_match(literal))
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(known))
        if extra:
            return (*path, extra[0]), f"unknown key(s): {', '.join(map(repr, extra))}" + suggest(
                extra[0], known
            )
    if error.validator == "enum" and isinstance(error.instance, str):
        allowed = [str(v) for v in error.validator_value]
        hint = suggest(error.instance, allowed)
        if path and path[-1] == "op" and error.instance.lower() in OP_SPELLINGS:
            hint = f" (did you mean {OP_SPELLINGS[error.instance.lower()]!r}?)"
        return path, f"{error.instance!r} is not one of {', '.join(allowed)}{hint}"
    return path, error.message


def _first_error(data: Any) -> jsonschema.ValidationError | None:
    errors = list(_validator().iter_errors(data))
    if not errors:
        return None
    # The shallowest error is the most useful: a misspelt key beats a cascade below it.
    return min(errors, key=lambda e: (len(e.absolute_path), e.validator == "oneOf"))


def _too_deep(condition: Any) -> DocPath | None:
    """The path of the first condition nested deeper than :data:`MAX_CONDITION_DEPTH`, if any.

    Checked before the schema, whose validator recurses several frames per level.
    """
    stack: list[tuple[Any, DocPath, int]] = [(condition, ("condition",), 1)]
    while stack:
        node, path, depth = stack.pop()
        if not isinstance(node, dict):
            continue
        if depth > MAX_CONDITION_DEPTH:
            return path
        for key in ("all", "any"):
            if isinstance(node.get(key), list):
                stack.extend((c, (*path, key, i), depth + 1) for i, c in enumerate(node[key]))
        for key in ("not", "where"):
            if key in node:
                stack.append((node[key], (*path, key), depth + 1))
    return None


def _bad_test_case(tests: dict[str, list[dict[str, Any]]], kind: str) -> tuple[DocPath, str] | None:
    """The first test case that names no single known provider or kind, as (path, problem).

    The schema leaves a case's resource open (it is a partial record); these two keys
    pick the record type, so a list or a typo there must be a load error, not a crash.
    The resource under test is of the policy's kind (a ``kind`` it gives must agree).
    """
    for expect, cases in tests.items():
        for index, case in enumerate(cases):
            base: DocPath = ("tests", expect, index)
            found = [((*base, "resource"), case["resource"], False)]
            found += [((*base, "related", i), item, True) for i, item in enumerate(case.get("related", []))]
            subject_kind = case["resource"].get("kind", kind)
            if subject_kind != kind:
                return (*base, "resource", "kind"), f"the resource under test is a {kind} (the policy's kind)"
            for path, record, needs_kind in found:
                provider = record.get("provider")
                if provider is not None and not (isinstance(provider, str) and provider in _PROVIDER_NAMES):
                    return (*path, "provider"), f"provider must be one of {', '.join(PROVIDERS)}"
                kind = record.get("kind")
                if needs_kind and not (isinstance(kind, str) and kind in _KIND_NAMES):
                    return (*path, "kind"), f"kind must be one of {', '.join(sorted(KINDS))}"
    return None


def parse_policy(text: str, file: str) -> Policy:
    """Compile one policy document; ``file`` is used in error messages."""
    try:
        data, lines = load_with_lines(text)
    except YamlError as exc:
        raise PolicyError(file, str(exc), exc.line) from None
    return compile_policy(data, lines, file)


def compile_policy(
    data: Any,
    lines: dict[DocPath, int],
    file: str,
    frameworks: Mapping[str, Framework] | None = None,
    *,
    schema_valid: bool = False,
    overrides: Overrides | None = None,
) -> Policy:
    """Validate and compile one parsed policy document; ``lines`` maps its paths to lines.

    ``schema_valid``: the document already passed the JSON Schema (a cached one, see
    :mod:`scanner.policy.cache`); every other check still runs. ``overrides``: parameter
    values by policy id (``--param``), which replace the policy's defaults.
    """
    if not isinstance(data, dict):
        raise PolicyError(file, "a policy file must be a YAML mapping", line_for(lines, ()))

    def line_of(path: tuple[str | int, ...]) -> int | None:
        return line_for(lines, path)

    too_deep = _too_deep(data.get("condition"))
    if too_deep is not None:
        raise PolicyError(
            file, f"conditions nest at most {MAX_CONDITION_DEPTH} levels deep", line_of(too_deep), too_deep
        )
    error = None if schema_valid else _first_error(data)
    if error is not None:
        path, message = _schema_error(error)
        raise PolicyError(file, message, line_of(path), path)
    data, parameters = resolve_parameters(data, file, line_of, (overrides or {}).get(data["id"]))

    mapping_error = check_mapping(data.get("frameworks", {}), frameworks)
    if mapping_error is not None:
        where, message = mapping_error
        path = ("frameworks", *where)
        raise PolicyError(file, message, line_of(path), path)
    case_error = _bad_test_case(data.get("tests", {}), data["resource"])
    if case_error is not None:
        path, message = case_error
        raise PolicyError(file, message, line_of(path), path)
    kind = data["resource"]
    compiler = ConditionCompiler(file, line_of)
    condition = compiler.compile(data["condition"], resource_scope(kind), ("condition",))
    message = data["message"]
    for field in placeholders(message):
        try:
            resolve(resource_scope(kind).root, field, label=kind)
        except PathError as exc:
            raise PolicyError(
                file, f"message placeholder: {exc}", line_of(("message",)), ("message",)
            ) from None
    providers = data.get("providers")
    help_uri = data.get("help_uri")
    help_uris = dict(help_uri) if isinstance(help_uri, dict) else {}
    stray = sorted(set(help_uris) - set(providers or PROVIDERS))
    if stray:
        path = ("help_uri", stray[0])
        named = ", ".join(providers)
        message = f"help_uri names {stray[0]}, which the policy's providers ({named}) leave out"
        raise PolicyError(file, message, line_of(path), path)
    return Policy(
        id=data["id"],
        title=data["title"],
        severity=Severity(data["severity"]),
        kind=kind,
        description=data["description"].strip(),
        remediation=data["remediation"].strip(),
        condition=condition,
        render_message=compile_template(message.strip()),
        source=file,
        providers=frozenset(providers) if providers else None,
        frameworks={name: tuple(ids) for name, ids in data.get("frameworks", {}).items()},
        tags=tuple(data.get("tags", ())),
        help_uri=help_uri if isinstance(help_uri, str) else None,
        help_uris=help_uris,
        tests={key: list(cases) for key, cases in data.get("tests", {}).items()},
        line_of_test=line_of,
        parameters=parameters,
        parameter_specs=data.get("parameters") or {},
    )


def display_name(path: Path) -> str:
    """How reports and errors name a policy file.

    Built-in policies are named ``policies/...`` wherever the package is
    installed, so reports do not depend on the machine that produced them.
    """
    builtin = builtin_policy_dir().resolve()
    resolved = path.resolve()
    if resolved.is_relative_to(builtin):
        return f"policies/{resolved.relative_to(builtin).as_posix()}"
    return str(path)


def load_policy_file(
    path: str | os.PathLike[str],
    frameworks: Mapping[str, Framework] | None = None,
    cache: PolicyCache | None = None,
    overrides: Overrides | None = None,
) -> Policy:
    name = display_name(Path(path))
    if cache is not None:
        cached = _load_cached(Path(path), name, cache, frameworks, overrides)
        if cached is not None:
            return cached
    try:
        data, lines = read_yaml_file(path, "policy file")
    except YamlError as exc:
        raise PolicyError(name, str(exc), exc.line) from None
    return compile_policy(data, lines, name, frameworks, overrides=overrides)


def _load_cached(
    path: Path,
    name: str,
    cache: PolicyCache,
    frameworks: Mapping[str, Framework] | None = None,
    overrides: Overrides | None = None,
) -> Policy | None:
    """A policy through the cache, or ``None`` to read it the ordinary way (which reports any error)."""
    try:
        with path.open("rb") as handle:
            content = handle.read(MAX_YAML_BYTES + 1)
        text = content.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if len(content) > MAX_YAML_BYTES:
        return None
    hit = cache.get(content)
    if hit is not None:
        return compile_policy(*hit, name, frameworks, schema_valid=True, overrides=overrides)
    try:
        data, lines = load_with_lines(text)
    except YamlError:
        return None
    policy = compile_policy(data, lines, name, frameworks, overrides=overrides)
    cache.put(content, data, lines)
    return policy


def policy_files(path: str | os.PathLike[str]) -> list[Path]:
    """The policy files under ``path`` (a file, or a directory searched recursively)."""
    root = Path(path)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise PolicyError(str(path), "no such policy file or directory")
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix in POLICY_SUFFIXES and p.name not in NOT_POLICIES and p.is_file()
    )


def load_policies(
    paths: Iterable[str | os.PathLike[str]], overrides: Overrides | None = None
) -> list[Policy]:
    """Load every policy under ``paths``; two policies with one id are an error.

    ``overrides`` sets parameters (``--param``); one for a policy not loaded is an error.
    """
    paths = list(paths)
    frameworks = frameworks_for(paths)
    policies: list[Policy] = []
    seen: dict[str, str] = {}
    builtin = builtin_policy_dir().resolve()
    cache: PolicyCache | None = None
    for path in paths:
        if cache is None and Path(path).resolve() == builtin:
            cache = PolicyCache(cache_dir())
        in_pack = cache if Path(path).resolve() == builtin else None
        for file in policy_files(path):
            policy = load_policy_file(file, frameworks, in_pack, overrides)
            if policy.id in seen:
                raise PolicyError(
                    str(file), f"policy id {policy.id!r} is already used by {seen[policy.id]}", 1
                )
            seen[policy.id] = str(file)
            policies.append(policy)
    if cache is not None:
        cache.save()
    check_override_ids(overrides or {}, list(seen))
    return policies


def validate_policies(paths: Iterable[str | os.PathLike[str]]) -> tuple[int, list[PolicyError]]:
    """``policy validate``: every file is checked, so one run lists every mistake (valid count, errors)."""
    valid = 0
    errors: list[PolicyError] = []
    seen: dict[str, str] = {}
    paths = list(paths)
    try:
        frameworks = frameworks_for(paths)
    except PolicyError as exc:
        return 0, [exc]
    for path in paths:
        try:
            files = policy_files(path)
        except PolicyError as exc:
            errors.append(exc)
            continue
        for file in files:
            try:
                policy = load_policy_file(file, frameworks)
            except PolicyError as exc:
                errors.append(exc)
                continue
            if policy.id in seen:
                errors.append(
                    PolicyError(str(file), f"policy id {policy.id!r} is already used by {seen[policy.id]}", 1)
                )
                continue
            seen[policy.id] = str(file)
            valid += 1
    return valid, errors
