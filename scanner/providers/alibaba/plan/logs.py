"""The Log Service jobs of one region: its projects, then per project the Logstores (each read for
its retention) and the alert rules.

ListProject takes no region: the regional endpoint decides. Only the projects whose ``region``
is this one are kept, so that one shared endpoint (a private gateway, the test fake) gives no
duplicates (as for Container Registry's ListInstance).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scanner.providers.alibaba.clients import Clients
from scanner.providers.alibaba.plan.call import Call, Product
from scanner.providers.alibaba.runner import Job
from scanner.providers.alibaba.services import sls

_LOGSTORES = Call("ListLogStores", "sls.logstores", sls.list_logstores)
_LOGSTORE = Call("GetLogStore", "sls.logstore", sls.get_logstore)
_ALERTS = Call("ListAlerts", "sls.alerts", sls.list_alerts)


def logstore_item(project: str, logstore: str) -> str:
    """The raw item of one Logstore's GetLogStore answer."""
    return f"{project}/{logstore}"


def log_jobs(clients: Clients, region: str) -> list[Job]:
    api = Product(clients, "sls", region)

    def projects(client: Any) -> list[dict[str, Any]]:
        return [p for p in sls.list_projects(client) if p.get("region") in (None, "", region)]

    def stores(project: str) -> Callable[[list[str]], list[Job]]:
        return lambda names: [
            api.job(_LOGSTORE, project, name, item=logstore_item(project, name)) for name in names
        ]

    def per_project(found: list[dict[str, Any]]) -> list[Job]:
        jobs: list[Job] = []
        for name in [str(p["projectName"]) for p in found if p.get("projectName")]:
            jobs.append(api.job(_LOGSTORES, name, item=name, follow=stores(name)))
            jobs.append(api.job(_ALERTS, name, item=name))
        return jobs

    return [api.job(Call("ListProject", "sls.projects", projects), follow=per_project)]
