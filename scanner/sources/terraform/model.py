"""The parsed Terraform resource every translator reads, whatever the input was.

HCL directories, plan JSON and state JSON are all reduced to :class:`TfResource`
records before translation, so a translator is written once and works on all
three. The values follow the plan JSON shape (``terraform show -json``):

* attributes are plain Python values: ``str``, ``int``/``float``, ``bool``,
  ``list``, ``dict`` (HCL string quotes are already removed);
* a nested block is always a ``list`` of ``dict`` (``allow { ... }`` twice gives
  ``values["allow"] == [{...}, {...}]``), also when it appears only once;
* an attribute that was left out is simply absent: the translator applies the
  provider's documented default (see ``translate.common.value``);
* a value that cannot be known before apply is :data:`UNKNOWN` or a :class:`Ref`.

Unknown values. :data:`UNKNOWN` stands for anything known only after apply: a
plan's ``after_unknown``, a variable without default, a function call, a
template with an unknown part, the blocks of a ``dynamic`` block whose
``for_each`` is not known before apply. When the
unknown value is a reference to an attribute of another managed resource
(``google_compute_network.vpc.self_link`` in HCL, or the ``references`` of the
plan's configuration for an ``after_unknown`` value) it is a :class:`Ref` to that
resource instead, so translators can still build relations. ``Ref`` is unknown
too: :func:`is_unknown` is true for both. Elements of a list may be unknown on
their own (``["10.0.0.0/8", UNKNOWN]``); :func:`has_unknown` looks inside.

Addresses are Terraform's: ``google_compute_firewall.ssh``, inside a module
``module.net.google_compute_subnetwork.private``; instances of
``count``/``for_each`` carry their key (``aws_instance.web[0]``,
``google_storage_bucket.b["logs"]``), in plan/state input as Terraform wrote
them and in HCL when the ``count``/``for_each`` value is known before apply
(``count.index``, ``each.key`` and ``each.value`` are then known too). A
literal ``count = 0`` (or an empty ``for_each``) creates nothing and gives no
record. When the number of instances is not known (``count = var.n`` without
default, ``for_each`` over a resource's output), the block gives one record
whose address has no key and whose ``index`` is :data:`UNKNOWN`; its
translated record carries ``native["terraform_instances"] = "unknown"``.

Root modules. An address is unique only inside its root module: ``envs/prod``
and ``envs/staging`` may both hold ``google_compute_firewall.allow_ssh``. Each
record therefore carries ``root``, the label of its root module (see
``locate.root_label``), and its inventory id is :func:`record_id`:
``envs/prod//google_compute_firewall.allow_ssh``, or the bare address when the
root is the current directory (``""``). References, companions and relations are
resolved inside one root only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final


class _Unknown:
    """The type of :data:`UNKNOWN`; one instance, falsy, printed as ``UNKNOWN``."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()
"""A value known only after apply (and not a plain reference to another resource)."""


@dataclass(frozen=True, slots=True)
class Ref:
    """An unknown value that is an attribute of another managed resource.

    ``address`` is the full address of the referenced resource
    (``module.net.google_compute_network.vpc``), with the instance key when the
    reference names a known one (``google_storage_bucket.b["logs"]``,
    ``aws_vpc.main[0]``); ``attribute`` is the first attribute after it
    (``self_link``, ``id``, ``name``) or ``None`` for a reference to the whole
    resource.
    """

    address: str
    attribute: str | None = None

    def __bool__(self) -> bool:
        return False


def is_unknown(value: Any) -> bool:
    """True when ``value`` itself is not known before apply (``UNKNOWN`` or a ``Ref``)."""
    return value is UNKNOWN or isinstance(value, Ref)


def has_unknown(value: Any) -> bool:
    """True when ``value`` or anything nested in it (list elements, dict values) is unknown."""
    if is_unknown(value):
        return True
    if isinstance(value, list | tuple):
        return any(has_unknown(v) for v in value)
    if isinstance(value, dict):
        return any(has_unknown(v) for v in value.values())
    return False


@dataclass(frozen=True, slots=True)
class TfResource:
    """One managed resource (or one plan/state instance of it), ready to translate.

    ``type``/``name`` are the block labels; ``module`` is the module address
    prefix (``""`` at the root, ``module.net`` or ``module.net.module.sub``).
    ``file`` is the ``.tf`` path as reported in findings (relative, see
    ``scanner.sources.terraform.locate``) and ``line`` the first line of the
    ``resource`` block; on plan input without source directory they point at the
    plan JSON instead. ``provider`` is the provider's local name (``google``,
    ``alicloud``, ``aws``) taken from the type prefix. ``root`` is the label of the
    root module the resource belongs to (``""`` for the current directory).
    """

    address: str
    type: str
    name: str
    values: dict[str, Any]
    file: str | None = None
    line: int | None = None
    module: str = ""
    index: Any = None
    provider: str = field(default="")
    root: str = ""

    def __post_init__(self) -> None:
        if not self.provider:
            object.__setattr__(self, "provider", self.type.split("_", 1)[0])

    def get(self, key: str, default: Any = None) -> Any:
        """An attribute of the resource, ``default`` when it was left out."""
        return self.values.get(key, default)

    def block(self, key: str) -> dict[str, Any]:
        """The first nested block ``key`` as a dict (``{}`` when absent or unknown)."""
        found = self.values.get(key)
        if isinstance(found, list) and found and isinstance(found[0], dict):
            return found[0]
        if isinstance(found, dict):
            return found
        return {}

    def blocks(self, key: str) -> list[dict[str, Any]]:
        """Every nested block ``key`` (``[]`` when absent or unknown)."""
        found = self.values.get(key)
        if isinstance(found, dict):
            return [found]
        return [b for b in found if isinstance(b, dict)] if isinstance(found, list) else []


@dataclass(frozen=True, slots=True)
class ProviderConfig:
    """Literal settings of a ``provider`` block (or plan ``provider_config``) by local name.

    Translators read the default project/region/account from here when a
    resource does not set them: ``config.get("google", "project")``.
    """

    settings: dict[str, dict[str, Any]] = field(default_factory=dict)

    def get(self, provider: str, key: str) -> Any:
        return self.settings.get(provider, {}).get(key)


@dataclass(frozen=True, slots=True)
class RootModule:
    """One root module of a scan: its label, what identifies it, its provider defaults.

    ``path`` is the resolved directory (HCL) or plan/state file (JSON): two
    inputs naming the same ``path`` are the same root, scanned once.
    """

    label: str
    path: Path
    providers: ProviderConfig = field(default_factory=ProviderConfig)


ROOT_SEPARATOR = "//"
"""Between a root label and an address in a record id; never part of a path label or an address."""


def record_id(root: str, address: str) -> str:
    """The inventory id of ``address`` in root module ``root``: unique across roots, bare for ``""``."""
    return f"{root}{ROOT_SEPARATOR}{address}" if root else address


def root_account(root: str) -> str:
    """``account`` of a record whose cloud account is not known: its root, so each root is its own."""
    return f"terraform:{root or '.'}"


def instance_address(address: str, key: Any) -> str:
    """Terraform's address of one instance: ``x.y`` + ``0`` -> ``x.y[0]``, + ``"a"`` -> ``x.y["a"]``."""
    return f"{address}[{json.dumps(key, ensure_ascii=False)}]"


def base_address(address: str) -> str:
    """``module.a["x"].aws_instance.web[0]`` -> ``module.a.aws_instance.web`` (instance keys dropped)."""
    if "[" not in address:
        return address
    out, depth = [], 0
    for char in address:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)
