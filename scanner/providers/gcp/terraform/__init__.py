"""Google (``google_*``) resource types -> inventory records.

Field meanings follow the live GCP adapter so one policy judges code and cloud
alike. Defaults for values left out come from the provider documentation
(``hashicorp/terraform-provider-google`` ``website/docs/r/*.html.markdown``):

* ``google_compute_network.auto_create_subnetworks``: "Defaults to true".
* ``google_storage_bucket.uniform_bucket_level_access``: "(Optional, Default: false)".
* ``google_compute_firewall.direction``: the Compute API's default is ``INGRESS``
  (Compute v1 ``Firewall.direction``: "The default is INGRESS"); ``disabled``
  is false unless set ("If this is unspecified, the firewall rule will be enabled").
* ``google_compute_firewall.priority``: 1000. Provider schema
  (``google/services/compute/resource_compute_firewall.go``: ``Default: 1000``,
  "When not specified, the value assumed is 1000") and Compute v1
  ``Firewall.priority`` ("The default value is 1000").
* ``google_compute_firewall`` INGRESS rule whose ``source_ranges``,
  ``source_tags`` and ``source_service_accounts`` are all absent or empty: the
  API applies its default source range ``0.0.0.0/0``. The Compute reference does
  not say so; the provider does: ``diffSuppressSourceRanges`` in
  ``resource_compute_firewall.go`` suppresses the diff from ``["0.0.0.0/0"]`` to
  ``[]`` as "the default range", and hashicorp/terraform-provider-google issues
  #4031 and #6789 show ``source_ranges = []`` becoming ``0.0.0.0/0``. (Current
  providers reject the rule at plan time when none of the three is *written*
  at all; an empty list, often from a variable, passes and opens the rule.)
* ``google_sql_database_instance`` ``ip_configuration.ipv4_enabled``: true.
  Provider schema (``google/services/sql/resource_sql_database_instance.go``:
  ``ipv4_enabled`` ``Optional``, ``Default: true``, "Whether this Cloud SQL
  instance should be assigned a public IPV4 address"). Without an
  ``ip_configuration`` block the provider sends none (the block is
  ``Optional``/``Computed``) and Cloud SQL assigns a public IPv4 address by
  default (Cloud SQL "Configure public IP": instances get a static IPv4 address
  automatically; CIS GCP 6.6 "Default Value": instances have a public IP). So an
  instance without ``ip_configuration`` is public too.
* ``google_compute_subnetwork``: flow logs are on exactly when a ``log_config``
  block is present; ``private_ip_google_access`` is off unless set.

* ``google_compute_instance``: ``can_ip_forward`` "defaults to false";
  ``shielded_instance_config`` ``enable_secure_boot`` "Defaults to false",
  ``enable_vtpm`` and ``enable_integrity_monitoring`` "Defaults to true"
  (``website/docs/r/compute_instance.html.markdown``); a ``service_account``
  block without ``email`` runs as the Compute Engine default account (the
  provider sends ``default``: ``expandServiceAccounts`` in
  ``google/services/compute/compute_instance_helpers.go``).
* ``google_kms_crypto_key.purpose``: "Default value is ENCRYPT_DECRYPT";
  ``google_dns_managed_zone.visibility``: "Default value is public"
  (``kms_crypto_key``/``dns_managed_zone`` docs). Other new kinds: see each module.

Derived facts:

* subnet ``routes_to_internet``: a new GCP network gets a default route to the
  internet gateway unless ``delete_default_routes_on_create = true``; then only a
  ``google_compute_route`` for ``0.0.0.0/0`` (or ``::/0``) to
  ``default-internet-gateway`` without tags on that network gives one back.
  Unknown when the network is outside the scanned code.
* bucket ``public_read``/``public_write``: ``allUsers``/``allAuthenticatedUsers``
  in the bucket's IAM member/binding/policy resources (write: on a role that
  can change objects), or in its ACL resources by the live rule
  (``scanner.providers.gcp.link.bucket_acl_public``): with
  ``uniform_bucket_level_access`` on, ACLs are ignored; otherwise a public entry
  in the bucket ACL or the default object ACL reads (``READER:allUsers``,
  ``predefined_acl = "publicRead"``) and only a bucket ACL ``WRITER``/``OWNER``
  entry writes. All of it is void with ``public_access_prevention =
  "enforced"``. An unknown member makes the value unknown unless a known public
  grant already decides it.
* instance ``public_ips``: one entry per ``access_config`` (IPv4) and
  ``ipv6_access_config`` (IPv6) block, as the live adapter counts ``natIP`` and
  ``externalIpv6``; ``ephemeral`` when the block names no address.
* firewall ``protocol``: a protocol number is read as its name
  (``scanner.providers.gcp.link.firewall_protocol``: ``"6"`` is ``tcp``), so a
  rule for ``"6"`` without ports allows every tcp port, as live.
* account ``log_sink_all_entries`` / ``alerted_changes``: the live rules on the
  declared sinks, metrics and alert policies, decided only when the code
  manages that part of the project (:mod:`.logging`).
* database ``public_endpoint`` = ``ipv4_enabled``; repository ``public`` from its
  IAM resources, ``pushers`` = members of the writing roles.
"""

from __future__ import annotations

from scanner.providers.gcp.terraform.apikey import api_key
from scanner.providers.gcp.terraform.audit import audit_config
from scanner.providers.gcp.terraform.bucket import bucket
from scanner.providers.gcp.terraform.database import sql_instance
from scanner.providers.gcp.terraform.dataproc import dataproc_cluster
from scanner.providers.gcp.terraform.dataset import dataset
from scanner.providers.gcp.terraform.disk import address, disk
from scanner.providers.gcp.terraform.dns import managed_zone
from scanner.providers.gcp.terraform.firewall import firewall
from scanner.providers.gcp.terraform.firewall_policy import firewall_policy_rule, network_firewall_policy_rule
from scanner.providers.gcp.terraform.iam import (
    folder_iam_binding,
    folder_iam_member,
    folder_iam_policy,
    organization_iam_binding,
    organization_iam_member,
    organization_iam_policy,
    project_iam_binding,
    project_iam_member,
    project_iam_policy,
)
from scanner.providers.gcp.terraform.instance import instance
from scanner.providers.gcp.terraform.kms import IAM_TYPES as KMS_IAM_TYPES
from scanner.providers.gcp.terraform.kms import crypto_key
from scanner.providers.gcp.terraform.kubernetes import cluster, node_pool
from scanner.providers.gcp.terraform.loadbalancer import backend_service, region_backend_service
from scanner.providers.gcp.terraform.logging import ALERT_POLICY, log_bucket, log_metric, log_sink
from scanner.providers.gcp.terraform.network import network, subnetwork
from scanner.providers.gcp.terraform.registry import repository
from scanner.sources.terraform.translate.context import Translator

TRANSLATORS: dict[str, Translator] = {
    "google_compute_network": network,
    "google_compute_subnetwork": subnetwork,
    "google_compute_firewall": firewall,
    "google_compute_instance": instance,
    "google_sql_database_instance": sql_instance,
    "google_storage_bucket": bucket,
    "google_artifact_registry_repository": repository,
    "google_project_iam_member": project_iam_member,
    "google_project_iam_binding": project_iam_binding,
    "google_project_iam_policy": project_iam_policy,
    "google_folder_iam_member": folder_iam_member,
    "google_folder_iam_binding": folder_iam_binding,
    "google_folder_iam_policy": folder_iam_policy,
    "google_organization_iam_member": organization_iam_member,
    "google_organization_iam_binding": organization_iam_binding,
    "google_organization_iam_policy": organization_iam_policy,
    "google_compute_firewall_policy_rule": firewall_policy_rule,
    "google_compute_network_firewall_policy_rule": network_firewall_policy_rule,
    "google_project_iam_audit_config": audit_config,
    "google_kms_crypto_key": crypto_key,
    "google_dns_managed_zone": managed_zone,
    "google_bigquery_dataset": dataset,
    "google_apikeys_key": api_key,
    "google_compute_disk": disk,
    "google_compute_address": address,
    "google_container_cluster": cluster,
    "google_container_node_pool": node_pool,
    "google_logging_project_sink": log_sink,
    "google_logging_project_bucket_config": log_bucket,
    "google_logging_metric": log_metric,
    "google_compute_backend_service": backend_service,
    "google_compute_region_backend_service": region_backend_service,
    "google_dataproc_cluster": dataproc_cluster,
}
COMPANIONS: frozenset[str] = frozenset(
    {
        "google_compute_router_nat",  # joined to the subnetworks it serves (native "cloud_nat")
        "google_compute_router",
        "google_compute_route",  # read by the subnetwork's routes_to_internet
        "google_storage_bucket_iam_member",
        "google_storage_bucket_iam_binding",
        "google_storage_bucket_iam_policy",
        "google_storage_bucket_acl",
        "google_storage_default_object_acl",
        "google_artifact_registry_repository_iam_member",
        "google_artifact_registry_repository_iam_binding",
        "google_artifact_registry_repository_iam_policy",
        "google_compute_project_metadata",  # read by the instances' effective metadata switches
        "google_compute_project_metadata_item",
        "google_kms_key_ring",  # holds keys; nothing of its own to judge
        *KMS_IAM_TYPES,  # the key's public
        "google_bigquery_table",  # the dataset's tables_without_customer_key
        "google_compute_attached_disk",  # the disk's attached
        ALERT_POLICY,  # the metrics' alert_enabled and the project's alerted_changes
    }
)
