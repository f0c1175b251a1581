"""Amazon Web Services: the live adapter (boto3, read-only) and the Terraform translators (``terraform/``).

The same parts as every provider (docs/architecture.md): ``adapter.py`` collects
accounts (one, or the members of an Organization through ``sts:AssumeRole``),
``plan.py`` says which calls to make per account and region, ``services/`` make
them, ``raw.py`` holds the answers, ``translate/`` and ``link.py`` turn them into
inventory records. Only ``clients.py``, ``services/`` and what imports them load boto3.
"""
