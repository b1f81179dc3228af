"""Fixtures of the fault tests: real faults against real processes (``tests.support.processes``).

Each fault test asserts the end state: every photo reaches ``ready`` or ``failed`` (with a
reason) within a bounded time after the fault ends, and storage holds exactly the files the
database points at.
"""

import os

import pytest

from tests.support.processes import REDIS_SERVER, RedisServer, Stack, Tmpfs, database_url


@pytest.fixture
def stack(transactional_db, tmp_path):
    """The processes of the test (started by it), stopped before the database is flushed."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.fail("the fault tests run on PostgreSQL (README's test command)")
    made = Stack(tmp_path, database_url())
    try:
        yield made
    except BaseException:
        raise
    finally:
        made.stop()


@pytest.fixture
def all_dialects_caller(make_user, make_workspace, make_token):
    """A user owning a workspace, a token every dialect accepts (generic, Graph, Chatter,
    Zoho), and a Zoho lead of theirs."""
    from accounts.models import Membership
    from records.models import Record
    from records.services import find_module

    user = make_user()
    workspace = make_workspace(members=[user], role=Membership.Role.OWNER)
    lead = Record.objects.create(workspace=workspace, module=find_module(workspace, "crm",
                                 "Leads"), owner=user, created_by=user, data={"Last_Name": "D"})
    token = make_token(["user_photos", "manage_photos", "publish_stream", "chatter_api",
                        "ZohoCRM.modules.ALL"], user=user)
    return {"user": user, "token": token, "lead": lead}


@pytest.fixture
def redis_server(tmp_path):
    if REDIS_SERVER is None:
        pytest.fail("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def tmpfs(tmp_path):
    """``tmpfs(size)`` mounts a small disk (as root, as on CI); a non-root run skips."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill it needs root")
    mounted = []

    def mount(size="2m", name="disk"):
        disk = Tmpfs(tmp_path / name, size)
        mounted.append(disk)
        return disk

    yield mount
    for disk in mounted:
        disk.unmount()

