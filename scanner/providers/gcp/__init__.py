"""Google Cloud: everything that knows it, in one folder (see ``docs/architecture.md``).

The live adapter (:mod:`.adapter`, registered in ``scanner.sources.live``) and the
``google_*`` Terraform translators (:mod:`.terraform`, registered in
``scanner.sources.terraform.translate``). Importing this package loads nothing:
the Google SDKs are imported only by :mod:`.clients` and :mod:`.services`, so the
pure parts (:mod:`.translate`, :mod:`.link`, :mod:`.terraform`) load without them.
"""
