"""The exit codes of every ``cloudscan`` command (documented in the README), importable without the rest."""

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_PARTIAL, EXIT_INTERNAL = 0, 1, 2, 3, 4
