"""Pure functions from raw Alibaba Cloud API dicts to common inventory records.

No SDK, no I/O: each function takes the dicts a service module returned (keys as
the API reference names them) and the account/region context, and returns
records. Facts that need several resources at once (does a vSwitch route to
the internet) are left to :mod:`scanner.providers.alibaba.link`.
"""
