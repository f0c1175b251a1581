"""``google_apikeys_key`` -> api_key records: the APIs it may call and whether its use is restricted.

Provider documentation (``website/docs/r/apikeys_key.html.markdown``): the
``restrictions`` block holds ``api_targets`` (``service``) and one of
``browser_key_restrictions``, ``server_key_restrictions``,
``android_key_restrictions``, ``ios_key_restrictions``. The key's age is known
only once it exists (``age_days`` is left unset).
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.inventory.model import ApiKey, Resource
from scanner.providers.gcp.terraform.common import account_of
from scanner.sources.terraform.model import TfResource, has_unknown
from scanner.sources.terraform.translate.common import Fields, record
from scanner.sources.terraform.translate.context import TfContext

APPLICATION_BLOCKS = (
    "browser_key_restrictions",
    "server_key_restrictions",
    "android_key_restrictions",
    "ios_key_restrictions",
)


def api_key(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    restrictions = res.block("restrictions")
    if has_unknown(res.get("restrictions")):
        f.mark_unknown("api_restrictions")
        f.mark_unknown("application_restrictions")
    else:
        targets = restrictions.get("api_targets") or []
        if has_unknown(targets):
            f.mark_unknown("api_restrictions")
        else:
            f.set("api_restrictions", tuple(sorted({str(t["service"]) for t in targets if t.get("service")})))
        f.set("application_restrictions", any(restrictions.get(k) for k in APPLICATION_BLOCKS))
    yield record(
        ApiKey,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        name=res.get("display_name") or res.get("name"),
        fields=f,
    )
