"""What the translate modules share: ARNs, tags, identity fields and ages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scanner.inventory.model import Origin

PROVIDER = "aws"


def arn(partition: str, service: str, region: str, account: str, resource: str) -> str:
    return f"arn:{partition}:{service}:{region}:{account}:{resource}"


def ec2_arn(partition: str, region: str, account: str, kind: str, ident: str) -> str:
    """EC2 resources carry no ARN in Describe answers; this is the documented form."""
    return arn(partition, "ec2", region, account, f"{kind}/{ident}")


def tags(raw: dict[str, Any]) -> dict[str, str]:
    """``Tags`` (EC2, IAM) or ``TagList`` (RDS) as a mapping."""
    found = raw.get("Tags") or raw.get("TagList") or []
    if not isinstance(found, list):
        return {}
    return {str(t.get("Key")): str(t.get("Value", "")) for t in found if isinstance(t, dict) and t.get("Key")}


def name_of(raw: dict[str, Any], default: str) -> str:
    return tags(raw).get("Name") or default


def base(
    account: str, raw: dict[str, Any], call: str, *, id: str, name: str, region: str, native: Any = None
) -> dict[str, Any]:
    """Identity fields every record needs, with the raw answer kept as ``native``."""
    return {
        "provider": PROVIDER,
        "account": account,
        "id": id,
        "name": name,
        "region": region or "global",
        "origin": Origin(source="api", call=call),
        "tags": tags(raw),
        "native": raw if native is None else native,
    }


def days_since(value: Any, now: datetime) -> int | None:
    """Whole days from an ISO 8601 time (or a datetime) to ``now``; ``None`` for N/A and the like."""
    if isinstance(value, datetime):
        when = value
    else:
        text = str(value or "")
        if not text or not text[0].isdigit():
            return None
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    return max(0, (now - when).days)


def jsonable(value: Any) -> Any:
    """An answer with datetimes as ISO strings, so ``native`` survives a snapshot round trip."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value
