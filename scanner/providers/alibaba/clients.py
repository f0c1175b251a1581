"""SDK clients for each (product, region), built lazily and shared between worker threads.

The Tea OpenAPI clients and the OSS v2 client keep only configuration between
calls, so one client per (product, region) is reused by every worker. The OSS
client's own retryer is switched off: retries follow one policy for every product
(:mod:`scanner.providers.alibaba.errors`).
"""

from __future__ import annotations

import importlib
import ipaddress
import threading
from typing import Any

import alibabacloud_oss_v2 as oss
from alibabacloud_credentials.client import Client as CredentialClient
from alibabacloud_tea_openapi.utils_models import Config

from scanner.providers.alibaba.settings import Endpoint, Settings
from scanner.sources.live import CollectorError
from scanner.sources.retry import CallLimits

# product -> (SDK module, version-independent client class), imported only when used.
_OPENAPI = {
    "ecs": "alibabacloud_ecs20140526.client",
    "vpc": "alibabacloud_vpc20160428.client",
    "rds": "alibabacloud_rds20140815.client",
    "ram": "alibabacloud_ram20150501.client",
    "ims": "alibabacloud_ims20190815.client",
    "cr": "alibabacloud_cr20181201.client",
    "actiontrail": "alibabacloud_actiontrail20200706.client",
    "cs": "alibabacloud_cs20151215.client",
    "sas": "alibabacloud_sas20181203.client",
    "polardb": "alibabacloud_polardb20170801.client",
    "kvstore": "alibabacloud_r_kvstore20150101.client",
    "dds": "alibabacloud_dds20151201.client",
    "sls": "alibabacloud_sls20201230.client",
    # regional rule: kms.<region>.aliyuncs.com (the SDK's own endpoint rule, ``_endpoint_rule = 'regional'``)
    "kms": "alibabacloud_kms20160120.client",
    # Classic Load Balancer: the ACL of an ACK API server's listener (plan/api_server.py)
    "slb": "alibabacloud_slb20140515.client",
    # --resource-directory: the member accounts and the temporary credentials into each
    "resourcemanager": "alibabacloud_resourcemanager20200331.client",
    "sts": "alibabacloud_sts20150401.client",
    # Container Registry Personal Edition (2016-06-07): the Tea OpenAPI core's generic client
    # (services/cr_personal.py says why); it has no endpoint rules, so it gets its endpoint here.
    "cr-personal": "alibabacloud_tea_openapi.client",
}
# products configured under another product's endpoint setting, and regional endpoints to fill in
_ENDPOINT_SETTING = {"cr-personal": "cr"}
_REGIONAL_ENDPOINTS = {"cr-personal": "cr.{region}.aliyuncs.com"}
# RAM, IMS, Resource Manager and STS are global; the others resolve their regional endpoint from region_id.
_GLOBAL_ENDPOINTS = {
    "ram": "ram.aliyuncs.com",
    "ims": "ims.aliyuncs.com",
    "resourcemanager": "resourcemanager.aliyuncs.com",
    "sts": "sts.aliyuncs.com",
}
# Log Service puts the project in front of the endpoint (``<project>.<region>.log.aliyuncs.com``).
# Against an endpoint given by IP address (or ``localhost``) that name cannot resolve, so the
# endpoint is given to the SDK as its HTTP proxy as well (the Tea ``Config.http_proxy`` option):
# the SDK then connects to that address and sends each request with its full URL and its own
# ``Host: <project>.<endpoint>``, which the server routes on; the older aliyun-log-python-sdk
# does the same for an IP endpoint (it connects to the address and sends ``Host: <project>.<ip>``).
_PROJECT_HOST = frozenset({"sls"})
CONNECT_TIMEOUT = 5.0  # seconds; never more than the per-call timeout


class Clients:
    """A cache of SDK clients; :meth:`check_credentials` runs before the first API call."""

    def __init__(self, settings: Settings, call_limits: CallLimits | None = None) -> None:
        self._settings = settings
        limits = call_limits or CallLimits()
        # the collection's per-call timeout (CLOUDSCAN_CALL_TIMEOUT), the same as every provider's
        self._read_timeout = limits.timeout
        self._connect_timeout = min(CONNECT_TIMEOUT, limits.timeout)
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], Any] = {}
        self._credential: Any = None

    def check_credentials(self) -> None:
        """Fail early, with one clear message, when no credential source has keys."""
        if self._settings.keys is not None:
            return
        try:
            client = CredentialClient()
            client.get_credential()
        except Exception as exc:  # the chain raises CredentialException with every provider's reason
            raise CollectorError(
                "no Alibaba Cloud credentials found: set ALIBABA_CLOUD_ACCESS_KEY_ID and "
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET, or configure a profile, an OIDC role or an ECS RAM role "
                f"({type(exc).__name__})"
            ) from None
        self._credential = client

    def get(self, product: str, region: str) -> Any:
        key = (product, region)
        with self._lock:
            if key not in self._cache:
                self._cache[key] = self._build(product, region)
            return self._cache[key]

    def _build(self, product: str, region: str) -> Any:
        if product == "oss":
            return self._oss(region)
        config = Config(
            region_id=region,
            connect_timeout=max(1, int(self._connect_timeout * 1000)),
            read_timeout=max(1, int(self._read_timeout * 1000)),
            user_agent="cloudscan",
        )
        keys = self._settings.keys
        if keys is not None:
            config.access_key_id = keys.access_key_id
            config.access_key_secret = keys.access_key_secret
            config.security_token = keys.security_token
        else:
            config.credential = self._credential
        endpoint = self._settings.endpoint(_ENDPOINT_SETTING.get(product, product))
        if endpoint is not None:
            config.endpoint = endpoint.host
            config.protocol = endpoint.protocol
            if product in _PROJECT_HOST and _names_no_host(endpoint):
                config.http_proxy = config.https_proxy = endpoint.url
        elif product in _GLOBAL_ENDPOINTS:
            config.endpoint = _GLOBAL_ENDPOINTS[product]
        elif product in _REGIONAL_ENDPOINTS:
            config.endpoint = _REGIONAL_ENDPOINTS[product].format(region=region)
        module = importlib.import_module(_OPENAPI[product])
        return module.Client(config)

    def _oss(self, region: str) -> Any:
        cfg = oss.config.load_default()
        cfg.region = region
        cfg.retryer = oss.retry.NopRetryer()
        cfg.connect_timeout = self._connect_timeout
        cfg.readwrite_timeout = self._read_timeout
        keys = self._settings.keys
        if keys is not None:
            cfg.credentials_provider = oss.credentials.StaticCredentialsProvider(
                keys.access_key_id, keys.access_key_secret, keys.security_token
            )
        else:
            chain = self._credential

            def fetch() -> Any:
                found = chain.get_credential()
                return oss.credentials.Credentials(
                    found.access_key_id, found.access_key_secret, found.security_token
                )

            cfg.credentials_provider = oss.credentials.CredentialsProviderFunc(fetch)
        endpoint = self._settings.endpoint("oss")
        if endpoint is not None:
            cfg.endpoint = endpoint.url
            cfg.use_path_style = True
        return oss.Client(cfg)


def _names_no_host(endpoint: Endpoint) -> bool:
    """The endpoint is an IP address or ``localhost``: ``<project>.<endpoint>`` names no host."""
    text = endpoint.host
    host = text[1 : text.find("]")] if text.startswith("[") else text.rsplit(":", 1)[0]
    if host.lower() == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
