"""``google_dns_managed_zone`` -> dns_zone records: visibility, DNSSEC and its key algorithms, logging.

Provider documentation (``website/docs/r/dns_managed_zone.html.markdown``):
``visibility`` "Default value is ``public``"; ``dnssec_config.state`` is one of
``off``, ``on``, ``transfer`` (no block: DNSSEC off, as Cloud DNS creates
zones); ``default_key_specs`` give ``algorithm`` per ``key_type``
(``keySigning``/``zoneSigning``); ``cloud_logging_config.enable_logging``.
As live, the key algorithms count only while DNSSEC signs the zone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import DnsZone, Resource
from scanner.providers.gcp.terraform.common import account_of
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import Fields, as_bool, record, value
from scanner.sources.terraform.translate.context import TfContext


def _algorithms(specs: list[dict[str, Any]], key_type: str) -> Any:
    if has_unknown(specs):
        return UNKNOWN
    return tuple(
        sorted(
            {
                str(s["algorithm"]).lower()
                for s in specs
                if s.get("key_type") == key_type and s.get("algorithm")
            }
        )
    )


def managed_zone(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    f.set("dns_name", res.get("dns_name"))
    f.set("visibility", value(res, "visibility", "public"), lambda v: str(v).lower())
    dnssec = res.block("dnssec_config")
    state = UNKNOWN if is_unknown(res.get("dnssec_config")) else value(dnssec, "state", "off")
    f.set("dnssec", state if is_unknown(state) else str(state).lower() == "on")
    signing = is_unknown(state) or str(state).lower() != "off"
    specs = dnssec.get("default_key_specs") if signing else []
    specs = specs if isinstance(specs, list) or is_unknown(specs) else []
    f.set("key_signing_algorithms", _algorithms(specs, "keySigning"))
    f.set("zone_signing_algorithms", _algorithms(specs, "zoneSigning"))
    f.set("logging", as_bool(value(res.block("cloud_logging_config"), "enable_logging", False)))
    yield record(DnsZone, res, provider="gcp", account=account_of(res, ctx), name=res.get("name"), fields=f)
