"""Thin SDK calls, one module per Alibaba Cloud product, returning the API's own dicts.

Each function makes the documented call(s), follows the API's paging scheme and
returns the response items as plain dicts keyed exactly as the API reference
names them (``to_map()`` of the SDK model). Every page is one retried call.
Nothing here interprets a value: that is the translate step's job.
"""
