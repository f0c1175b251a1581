"""The policy language: YAML files compiled into conditions over inventory kinds."""

from scanner.policy.errors import PolicyError
from scanner.policy.loader import load_policies, load_policy_file, parse_policy
from scanner.policy.model import Policy

__all__ = ["Policy", "PolicyError", "load_policies", "load_policy_file", "parse_policy"]
