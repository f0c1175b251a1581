"""Container Registry Personal Edition (API 2016-06-07, ROA style): the account's repositories.

``GetRepoList`` is ``GET /repos`` with ``Page``/``PageSize``; it answers
``{"data": {"repos": [...], "total": N, "page": P, "pageSize": S}}`` and each repo carries
its ``regionId``. The official ``alibabacloud-cr20160607`` SDK (1.0.1) declares every
operation's response ``body_type`` as ``none``, so its typed responses keep headers only and
drop the repositories; the call is therefore made through the Tea OpenAPI core's generic
``call_api`` (the same path the generated client takes) asking for the JSON body.
"""

from __future__ import annotations

from typing import Any

from alibabacloud_tea_openapi.utils_models import OpenApiRequest, Params
from darabonba.runtime import RuntimeOptions

from scanner.providers.alibaba.services.base import PAGE_SIZE, page_numbers, retried

VERSION = "2016-06-07"


def _get_repo_list(client: Any, page: int) -> dict[str, Any]:
    params = Params(
        action="GetRepoList",
        version=VERSION,
        protocol="HTTPS",
        pathname="/repos",
        method="GET",
        auth_type="AK",
        style="ROA",
        req_body_type="json",
        body_type="json",
    )
    request = OpenApiRequest(query={"Page": str(page), "PageSize": str(PAGE_SIZE)})
    answer = retried(lambda: client.call_api(params, request, RuntimeOptions()))
    body = answer.get("body") if isinstance(answer, dict) else None
    data = body.get("data") if isinstance(body, dict) else None
    return data if isinstance(data, dict) else {}


def list_repositories(client: Any) -> list[dict[str, Any]]:
    """Every Personal Edition repository the endpoint serves, page by page (``total`` ends it)."""
    return page_numbers(lambda n: _get_repo_list(client, n), "repos", total_key="total")
