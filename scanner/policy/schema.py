"""The policy file JSON Schema, generated from the operator table and the inventory kinds.

The committed copy in ``policies/policy.schema.json`` is what editors and users
validate against; a test regenerates it and fails if the two differ, so the
schema and the engine always speak the same vocabulary.
"""

from __future__ import annotations

import json
from typing import Any

from scanner.findings import Severity
from scanner.inventory.model import KINDS, PROVIDERS
from scanner.policy.operators import OPERATORS
from scanner.policy.parameters import PARAMETERS_SCHEMA, REF_SCHEMA

ID_PATTERN = r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$"
FRAMEWORK_PATTERN = r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$"

CONDITION_FORMS: dict[str, list[str]] = {
    "all": ["all"],
    "any": ["any"],
    "not": ["not"],
    "field": ["field", "op", "value"],
    "some": ["some", "where"],
    "every": ["every", "where"],
    "none": ["none", "where"],
    "follow": ["follow", "where"],
}
HELP_URI_HELP = (
    "help_uri is one https:// link, or a mapping from provider (alibaba, gcp, aws) to an https:// link: "
    "the provider's own documentation page for the setting (SARIF helpUri)"
)
CONDITION_HELP = (
    "a condition must be exactly one of: {all: [...]}, {any: [...]}, {not: ...}, "
    "{field, op, value}, {some|every|none: LIST, where: ...}, {follow: RELATION, where: ...}"
)


def _condition_schema() -> dict[str, Any]:
    ref = {"$ref": "#/$defs/condition"}
    branches = [
        {
            "required": [key, *(["where"] if "where" in keys else [])],
            "propertyNames": {"enum": keys},
        }
        for key, keys in CONDITION_FORMS.items()
    ]
    branches[3]["required"] = ["field", "op"]
    op_rules = []
    for name, operator in OPERATORS.items():
        when = {"properties": {"op": {"const": name}}, "required": ["op"]}
        if operator.value_schema is None:
            then: dict[str, Any] = {"not": {"required": ["value"]}}
        else:
            value = {"anyOf": [operator.value_schema, REF_SCHEMA]}
            then = {"properties": {"value": value}, "required": ["value"]}
        op_rules.append({"if": when, "then": then})
    return {
        "type": "object",
        "description": CONDITION_HELP,
        "properties": {
            "all": {"type": "array", "items": ref, "minItems": 1},
            "any": {"type": "array", "items": ref, "minItems": 1},
            "not": ref,
            "field": {
                "type": "string",
                "minLength": 1,
                "description": "dotted path; '@' is the element",
            },
            "op": {
                "enum": list(OPERATORS),
                "description": "; ".join(f"{n}: {o.description}" for n, o in OPERATORS.items()),
            },
            "value": {},
            "some": {"type": "string", "minLength": 1},
            "every": {"type": "string", "minLength": 1},
            "none": {"type": "string", "minLength": 1},
            "follow": {"type": "string", "minLength": 1},
            "where": ref,
        },
        "additionalProperties": False,
        "oneOf": branches,
        "allOf": op_rules,
    }


def policy_json_schema() -> dict[str, Any]:
    case = {
        "type": "object",
        "required": ["resource"],
        "additionalProperties": False,
        "properties": {
            "name": {"type": "string"},
            "resource": {
                "type": "object",
                "description": "the resource under test; defaults fill identity fields",
            },
            "related": {
                "type": "array",
                "items": {"type": "object"},
                "description": "other resources, for follow",
            },
        },
    }
    text = {"type": "string", "minLength": 1}
    link = {"type": "string", "pattern": "^https://[^\\s]+$"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "cloudscan policy",
        "type": "object",
        "additionalProperties": False,
        "required": [
            "id",
            "title",
            "severity",
            "resource",
            "description",
            "remediation",
            "condition",
            "message",
        ],
        "properties": {
            "id": {
                "type": "string",
                "pattern": ID_PATTERN,
                "description": "stable id; the SARIF ruleId",
            },
            "title": {"type": "string", "minLength": 1, "maxLength": 120},
            "severity": {"enum": [s.value for s in Severity]},
            "resource": {"enum": list(KINDS)},
            "providers": {
                "type": "array",
                "items": {"enum": list(PROVIDERS)},
                "minItems": 1,
                "uniqueItems": True,
            },
            "description": text,
            "remediation": text,
            "help_uri": {
                "description": HELP_URI_HELP,
                "oneOf": [
                    link,
                    {
                        "type": "object",
                        "propertyNames": {"enum": list(PROVIDERS)},
                        "additionalProperties": link,
                        "minProperties": 1,
                    },
                ],
            },
            "tags": {
                "type": "array",
                "items": {"type": "string", "pattern": ID_PATTERN},
                "uniqueItems": True,
            },
            "frameworks": {
                "type": "object",
                "propertyNames": {"pattern": FRAMEWORK_PATTERN},
                "additionalProperties": {
                    "type": "array",
                    "items": {"type": "string", "minLength": 1},
                    "minItems": 1,
                },
            },
            "parameters": PARAMETERS_SCHEMA,
            "condition": {"$ref": "#/$defs/condition"},
            "message": {
                **text,
                "description": "finding text; {path} inserts a field of the resource",
            },
            "tests": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "pass": {"type": "array", "items": case},
                    "fail": {"type": "array", "items": case},
                },
            },
        },
        "$defs": {"condition": _condition_schema()},
    }


def render_schema() -> str:
    return json.dumps(policy_json_schema(), indent=2) + "\n"
