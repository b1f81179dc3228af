"""Test settings: this session's own data folder, media folder and Celery queues (their one
prefix), set in the environment before the real settings are read, so the worker process started
by the ``celery_worker`` fixture (which inherits the environment) sees the same ones."""

import os
import tempfile
import uuid
from pathlib import Path

# The worker process imports these settings too: it inherits the session's folder and queue
# through the environment instead of making new ones.
if "PHOTODESK_TEST_SESSION_DIR" not in os.environ:
    os.environ["PHOTODESK_TEST_SESSION_DIR"] = tempfile.mkdtemp(prefix="photodesk-tests-")
    os.environ["PHOTODESK_TEST_QUEUE_PREFIX"] = f"photodesk-test-{uuid.uuid4().hex[:10]}"
SESSION_DIR = Path(os.environ["PHOTODESK_TEST_SESSION_DIR"])
os.environ["DATA_DIR"] = str(SESSION_DIR / "data")
os.environ["MEDIA_ROOT"] = str(SESSION_DIR / "media")
os.environ["QUEUE_PREFIX"] = os.environ["PHOTODESK_TEST_QUEUE_PREFIX"]
# outgoing requests (webhooks, photo URLs) may reach this machine's own test servers, which
# listen on ports chosen at random
os.environ.setdefault("OUTBOUND_ALLOWED_HOSTS", "127.0.0.1:*,localhost:*")
# the suite's processes (worker, servers) all run on this host: its media folder is shared
os.environ.setdefault("MEDIA_ROOT_SHARED", "1")
# the suite's thousands of calls stay under the rate limits (tests/accounts/test_rate_limits.py
# sets low ones). Tokens keep a high rate, so every call still goes through the throttle; the
# per-address limits are off: one key, 127.0.0.1, would hold the history of every call of the run
os.environ.setdefault("THROTTLE_RATE_TOKEN", "100000/min")
for _rate in ("ANONYMOUS", "OAUTH_TOKEN", "LOGIN"):
    os.environ.setdefault(f"THROTTLE_RATE_{_rate}", "off")
# failed webhooks are retried after 0.2 s, 0.4 s... rather than 30 s, 60 s...
os.environ.setdefault("WEBHOOK_RETRY_BASE_SECONDS", "0.2")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast users in tests
