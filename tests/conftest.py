"""Suite-wide settings: no test may reach anything but loopback.

The variables below stop every cloud library from probing a metadata server
(GCE, ECS, EC2 instance metadata) for credentials or project ids. They are set
at import time, before any test module imports an SDK.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

NO_METADATA = {
    "NO_GCE_CHECK": "True",
    "GCE_METADATA_HOST": "127.0.0.1:9",
    "GCE_METADATA_IP": "127.0.0.1:9",
    "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true",
    "AWS_EC2_METADATA_DISABLED": "true",
    "DISABLE_GCS_PYTHON_CLIENT_OTEL_BUCKET_METADATA": "true",
}
os.environ.update(NO_METADATA)

# Alibaba Cloud: fake keys for the whole suite, so no test falls through to the
# credential chain's profiles or instance metadata (tests/test_alibaba_*.py).
ALIBABA_FAKE_KEYS = {
    "ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAI5tFakeKeyForTests",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "fake-secret-for-tests",
}
os.environ.update(ALIBABA_FAKE_KEYS)

# The built-in policy cache goes to a directory of this test process, never to the user's
# ~/.cache: the suite leaves nothing behind in the home directory, and parallel runs never share it.
os.environ["CLOUDSCAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="cloudscan-test-cache-")
atexit.register(shutil.rmtree, os.environ["CLOUDSCAN_CACHE_DIR"], ignore_errors=True)

# The table lays itself out for the terminal it is given (COLUMNS). Tests that read the table
# say the width they want; none inherits the width of the terminal (or test runner) it runs in.
for name in ("COLUMNS", "LINES"):
    os.environ.pop(name, None)
