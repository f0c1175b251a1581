"""Least privilege: every call the adapter makes is a read listed in the documented RAM policy."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.alibaba_support import collect
from tests.fakes.alibaba_landing_zone import landing_zone
from tests.fakes.alibaba_server import FakeAlibaba

DOC = Path(__file__).resolve().parents[1] / "docs" / "alibaba.md"
# OSS requests are recorded by sub-resource; these are their RAM action names.
OSS_ACTIONS = {
    "list": "ListBuckets",
    "acl": "GetBucketAcl",
    "policy": "GetBucketPolicy",
    "publicAccessBlock": "GetBucketPublicAccessBlock",
    "encryption": "GetBucketEncryption",
    "versioning": "GetBucketVersioning",
    "logging": "GetBucketLogging",
}

# IMS (RAM's 2019-08-15 API) operations are authorised as ``ram:`` actions (its API reference);
# Security Center (SAS 2018-12-03) as ``yundun-sas:`` actions (its RAM authorization page);
# Log Service (SLS 2020-12-30) as ``log:`` actions (its API authorization catalog).
ACTION_PREFIX = {"ims": "ram", "sas": "yundun-sas", "sls": "log"}
# Operations whose RAM action is not named after the operation (docs/alibaba.md, "RAM policy").
# DescribeClustersV1 is authorised as ``cs:GetClusters`` (its API reference's authorization table).
RAM_ACTION = {("cr", "GetRepoList"): "cr:ListRepository", ("cs", "DescribeClustersV1"): "cs:GetClusters"}


def documented_actions() -> set[str]:
    block = re.search(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert block, "docs/alibaba.md has no ```json policy block"
    policy = json.loads(block.group(1))
    return {action for statement in policy["Statement"] for action in statement["Action"]}


def test_documented_policy_is_read_only() -> None:
    actions = documented_actions()
    assert actions
    # ACK's CheckControlPlaneLogEnable is a GET that reads the control-plane log settings
    read = r"[a-z-]+:(Describe|List|Get)[A-Za-z0-9]+|cs:CheckControlPlaneLogEnable"
    assert all(re.fullmatch(read, a) for a in actions), sorted(actions)


def test_every_call_made_is_in_the_documented_policy(tmp_path: Path) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        result, _ = collect(tmp_path, fake.url)
        assert result.exit_code == 0, result.output
        made = {
            f"oss:{OSS_ACTIONS[action]}"
            if product == "oss"
            else RAM_ACTION.get((product, action), f"{ACTION_PREFIX.get(product, product)}:{action}")
            for product, action in fake.actions()
        }
    assert made - documented_actions() == set()
    assert documented_actions() - made == set(), "documented actions the adapter never calls"
