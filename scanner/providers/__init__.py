"""Live provider adapters: the only code that imports a cloud SDK.

Each provider is a package with one thin module per cloud service that calls the
SDK, a pure translate step, and a ``collect(request)`` entry point. They are
registered by name in :data:`scanner.sources.live.LIVE_PROVIDERS` and imported
only when that provider is scanned, because the SDKs are slow to import.
"""
