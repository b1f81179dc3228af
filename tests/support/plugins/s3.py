"""The S3-compatible server of the suite (``tests.support.s3``): started once, from nothing, for
the tests that store media in a bucket (``tests/storage_s3``), stopped at the session's end."""

import uuid

import pytest

from tests.settings import SESSION_DIR
from tests.support.s3 import start_s3_server


@pytest.fixture(scope="session")
def s3_server():
    server = start_s3_server(log_path=str(SESSION_DIR / "s3-server.log"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def s3_bucket(s3_server):
    """A new, empty bucket of the S3 server, for one test."""
    return s3_server.create_bucket(f"photodesk-{uuid.uuid4().hex[:12]}")
