"""Alibaba Cloud: ECS, VPC, RDS, OSS, RAM and Container Registry, live and in Terraform (``alicloud_*``).

Registered as ``"alibaba": "scanner.providers.alibaba.adapter:collect"``.
Importing this package loads nothing: the SDKs are imported by the adapter and
the service modules only, so the pure translate steps can be shared with the
Terraform translators in :mod:`.terraform`. See ``docs/alibaba.md`` for endpoints, credentials, the RAM
policy it needs and what a partial scan looks like.
"""
