"""Rules every cloud shares, owned by none: what a policy document grants, ports, the internet.

A rule lives here when two clouds (or a cloud and a source) need it; a provider
imports it from here and never from another provider. Pure functions and
constants only: no SDK, no inventory I/O.
"""
