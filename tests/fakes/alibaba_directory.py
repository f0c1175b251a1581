# ruff: noqa: E501 - canned response bodies read best on one line each
"""A fake Resource Directory: a management account, its members, STS and Resource Manager.

The management account's own inventory is served as :class:`FakeAlibaba` serves one account.
On top of it:

* ``resourcemanager.ListAccounts`` (2020-03-31, ``PageNumber``/``PageSize`` capped like every
  list of the fake) lists the management account and every member in the documented shape:
  ``{"Accounts": {"Account": [{"AccountId", "DisplayName", "Status", "Type", "FolderId",
  "JoinMethod", "JoinTime", "ModifyTime", "ResourceDirectoryId"}]}, "TotalCount", ...}``;
* ``sts.GetCallerIdentity`` answers the management account for its own keys;
* ``sts.AssumeRole`` (2015-04-01) into ``acs:ram::<member>:role/<name>`` answers ``Credentials``
  (``AccessKeyId``, ``AccessKeySecret``, ``SecurityToken``, ``Expiration``) and
  ``AssumedRoleUser`` when the member has that role and trusts the management account;
  otherwise ``EntityNotExist.Role`` (no such role) or ``NoPermission`` (the role's trust policy
  does not name the caller), the codes and messages STS answers.

Every later request is routed by the AccessKeyId its signature carries: a temporary key goes
to the member it was issued for (and must come with its security token), so each member
serves its own inventory and records its own requests.
"""

from __future__ import annotations

import itertools
import threading
from typing import Any

from tests.fakes.alibaba_landing_zone import HANGZHOU, empty_region, landing_zone
from tests.fakes.alibaba_server import Answer, FakeAlibaba, Request, _json, _key_id, api_error

ROLE = "CloudscanReader"


def member_account(account: str, tag: str, ssh_from: str) -> dict[str, Any]:
    """A small member: one VPC and one security group that lets SSH in from ``ssh_from``."""
    member = landing_zone()
    region = empty_region()
    vpc, group = f"vpc-{tag}", f"sg-{tag}"
    region["vpcs"] = [{"VpcId": vpc, "VpcName": tag, "CidrBlock": "10.8.0.0/16", "IsDefault": False,
                       "RegionId": HANGZHOU, "Status": "Available", "OwnerId": int(account),
                       "CreationTime": "2025-03-01T08:00:00Z"}]  # fmt: skip
    region["security_groups"] = [{"SecurityGroupId": group, "SecurityGroupName": tag, "VpcId": vpc,
                                  "SecurityGroupType": "normal", "CreationTime": "2025-03-01T08:00:00Z"}]  # fmt: skip
    region["permissions"] = {
        group: [{"SecurityGroupRuleId": f"sgr-{tag}", "Direction": "ingress", "IpProtocol": "TCP",
                 "PortRange": "22/22", "Policy": "Accept", "Priority": "1", "NicType": "intranet",
                 "SourceCidrIp": ssh_from, "DestCidrIp": "", "CreateTime": "2025-03-01T08:00:00Z"}]
    }  # fmt: skip
    member.update(account=account, regions={HANGZHOU: region}, buckets=[], trails=[])
    member["sas"]["instances"] = []
    return member


class FakeDirectory(FakeAlibaba):
    """``management`` (an account dict) manages ``members``; ``roles[account]`` is the role names
    each member has, ``untrusting`` the members whose role does not trust the management account."""

    def __init__(
        self,
        management: dict[str, Any],
        members: dict[str, dict[str, Any]],
        *,
        roles: dict[str, set[str]] | None = None,
        untrusting: set[str] | None = None,
        page_cap: int = 2,
    ) -> None:
        super().__init__(management, page_cap=page_cap)
        self.members = {account: FakeAlibaba(data, page_cap=page_cap) for account, data in members.items()}
        self.roles = roles if roles is not None else {account: {ROLE} for account in members}
        self.untrusting = untrusting or set()
        self.sessions: dict[str, tuple[str, str]] = {}  # temporary key id -> (member, security token)
        self._counter = itertools.count(1)
        self._session_lock = threading.Lock()

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        for member in self.members.values():  # never started: only their sockets to close
            member._server.server_close()

    def handle(self, method: str, raw_path: str, headers: dict[str, str], body: bytes) -> Answer:
        key_id = _key_id(headers.get("authorization", ""))
        with self._session_lock:
            session = self.sessions.get(key_id or "")
        if session is None:
            return super().handle(method, raw_path, headers, body)
        member, token = session
        sent = headers.get("x-acs-security-token") or headers.get("x-oss-security-token")
        if sent != token:
            return api_error(
                400, "InvalidSecurityToken.Mismatch", "Specified SecurityToken mismatch with the AccessKey."
            )
        return self.members[member].handle(method, raw_path, headers, body)

    # --- Resource Manager and STS, for the management account's own keys --------------------------

    def _resourcemanager_ListAccounts(self, req: Request) -> Answer:
        accounts = [self.account["account"], *self.members]
        rows = [
            {"AccountId": a, "DisplayName": f"member-{a[-4:]}", "Status": "CreateSuccess",
             "Type": "CloudAccount" if a == self.account["account"] else "ResourceAccount",
             "FolderId": "fd-fake0001", "JoinMethod": "invited" if a == self.account["account"] else "created",
             "JoinTime": "2025-01-18T08:01:50.522Z", "ModifyTime": "2025-01-18T08:01:50.522Z",
             "ResourceDirectoryId": "rd-fake01"}
            for a in accounts
        ]  # fmt: skip
        size = min(int(req.params.get("PageSize", "10")), self.page_cap)
        number = int(req.params.get("PageNumber", "1"))
        return _json(200, {"RequestId": "5E1A-RM", "PageNumber": number, "PageSize": size,
                           "TotalCount": len(rows), "Accounts": {"Account": rows[(number - 1) * size : number * size]}})  # fmt: skip

    def _sts_GetCallerIdentity(self, req: Request) -> Answer:
        own = self.account["account"]
        return _json(200, {"RequestId": "5E1A-STS", "IdentityType": "RAMUser", "AccountId": own,
                           "PrincipalId": "200000000000000099", "UserId": "200000000000000099",
                           "Arn": f"acs:ram::{own}:user/scanner"})  # fmt: skip

    def _sts_AssumeRole(self, req: Request) -> Answer:
        arn = req.params.get("RoleArn", "")
        prefix, _, role = arn.partition(":role/")
        account = prefix.removeprefix("acs:ram::")
        if account not in self.members or role not in self.roles.get(account, set()):
            return api_error(404, "EntityNotExist.Role", f"The specified Role not exists: {arn}")
        if account in self.untrusting:
            return api_error(
                403,
                "NoPermission",
                "You are not authorized to do this action. You should be authorized by RAM.",
            )
        n = next(self._counter)
        key_id, token = f"STS.NTfake{n:04d}{account[-4:]}", f"CAISfakeToken{n:04d}" + "x" * 40
        with self._session_lock:
            self.sessions[key_id] = (account, token)
        return _json(200, {"RequestId": "5E1A-STS",
                           "Credentials": {"AccessKeyId": key_id, "AccessKeySecret": f"fakeTempSecret{n:04d}",
                                           "SecurityToken": token, "Expiration": "2026-12-31T00:00:00Z"},
                           "AssumedRoleUser": {"Arn": f"acs:ram::{account}:role/{role.lower()}/cloudscan",
                                               "AssumedRoleId": f"3{n:017d}:cloudscan"}})  # fmt: skip


def secrets(fake: FakeDirectory) -> list[str]:
    """Every temporary secret and token the fake issued (for the no-secrets tests)."""
    return [token for _, token in fake.sessions.values()] + [
        f"fakeTempSecret{n:04d}" for n in range(1, len(fake.sessions) + 1)
    ]
