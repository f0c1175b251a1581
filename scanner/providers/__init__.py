"""One package per cloud, holding everything that knows that cloud (see ``docs/architecture.md``).

Every provider uses the same part names: ``adapter`` (``collect(request)``, one
account end to end, registered in :data:`scanner.sources.live.LIVE_PROVIDERS`),
``settings``, ``clients``, ``plan``, ``raw``, ``errors``, ``services/`` (the only
modules that call the SDK), ``translate/`` and ``link`` (pure), and ``terraform/``
(its Terraform resource types, registered in
``scanner.sources.terraform.translate.TERRAFORM_PROVIDERS``) and ``fields`` (the
inventory fields both sources fill, for ``docs/fields.md``). Providers never import
each other; shared rules live in :mod:`scanner.rules`. Adapters are imported only when
that provider is scanned, because the SDKs are slow to import.
"""
