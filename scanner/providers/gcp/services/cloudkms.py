"""Cloud KMS v1: locations, key rings per location, crypto keys per key ring, each key's IAM policy.

The API has no cross-location listing of key rings (``locations/-`` is not
accepted), so key rings are listed per location the project reports, keys per
key ring, and the IAM policy per key (no list form of ``getIamPolicy``).
"""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services.discovery import get, pages
from scanner.providers.gcp.settings import Settings


def _locations_api(settings: Settings) -> Any:
    return clients.discovery_api(settings, "cloudkms", "v1").projects().locations()


def locations(settings: Settings, project: str) -> list[str]:
    found = pages(_locations_api(settings), "locations", name=f"projects/{project}")
    return [str(loc.get("locationId") or loc.get("name", "").rsplit("/", 1)[-1]) for loc in found]


def key_rings(settings: Settings, project: str, location: str) -> list[dict[str, Any]]:
    return pages(
        _locations_api(settings).keyRings(), "keyRings", parent=f"projects/{project}/locations/{location}"
    )


def crypto_keys(settings: Settings, key_ring: str) -> list[dict[str, Any]]:
    return pages(_locations_api(settings).keyRings().cryptoKeys(), "cryptoKeys", parent=key_ring)


def crypto_key_iam(settings: Settings, key: str) -> dict[str, Any]:
    keys = _locations_api(settings).keyRings().cryptoKeys()
    return get(keys.getIamPolicy(resource=key, options_requestedPolicyVersion=3))
