"""Test settings: this session's own data folder, media folder and Celery queue, set in the
environment before the real settings are read, so the worker process started by the
``celery_worker`` fixture (which inherits the environment) sees the same ones."""

import os
import tempfile
import uuid
from pathlib import Path

SESSION_DIR = Path(tempfile.mkdtemp(prefix="photodesk-tests-"))
os.environ["DATA_DIR"] = str(SESSION_DIR / "data")
os.environ["MEDIA_ROOT"] = str(SESSION_DIR / "media")
os.environ["CELERY_TASK_DEFAULT_QUEUE"] = f"photodesk-test-{uuid.uuid4().hex[:10]}"
# outgoing requests (webhooks, photo URLs) may reach this machine's own test servers
os.environ.setdefault("OUTBOUND_ALLOWED_HOSTS", "127.0.0.1,localhost")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast users in tests
