"""Google Cloud live adapter (see :mod:`scanner.providers.gcp.adapter`).

Importing this package loads nothing: the Google SDKs are imported only by the
adapter and the service modules, so pure parts such as :mod:`.link` (the
derived-fact rules and role sets) can be shared with the Terraform source.
"""
