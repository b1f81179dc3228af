"""Request bodies are bounded for every upload endpoint of every dialect, over a real socket.

Each request here declares a huge ``Content-Length`` and sends only its first bytes: the answer
must come at once, in the dialect's own body. A server that read the body (to look for a form
token, or to parse the upload before measuring it) would wait for the rest, and the read below
would time out. The temporary upload folder must stay empty: nothing was stored.
"""

import json
import socket
import uuid
from urllib.parse import urlsplit

import pytest

from photos.models import Photo

HUGE = 300 * 1024 * 1024
WAIT = 5.0  # seconds: far longer than an immediate answer takes, far shorter than 300 MB
BOUNDARY = "----photodesk-bodies"
FIRST_BYTES = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"source\"; "
               f"filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").encode() + b"\xff" * 64
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def exchange(live_server, method, path, headers, body=FIRST_BYTES):
    """Send the request head and ``body`` (the first bytes of what ``headers`` declares), then
    read the answer: ``(status, headers, parsed body)``."""
    address = urlsplit(live_server.url)
    head = [f"{method} {path} HTTP/1.1", f"Host: {address.netloc}", "Connection: close",
            *(f"{name}: {value}" for name, value in headers.items())]
    with socket.create_connection((address.hostname, address.port), timeout=WAIT) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        reply = sock.makefile("rb")
        try:
            status = int(reply.readline().split()[1])
            answer = {}
            while (line := reply.readline().strip()):
                name, _, value = line.decode("latin-1").partition(":")
                answer[name.strip().lower()] = value.strip()
            content = reply.read(int(answer["content-length"]))
        except TimeoutError:
            pytest.fail(f"no answer within {WAIT}s: the server is reading the declared body")
    return status, answer, json.loads(content)


@pytest.fixture
def temp_dir(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every byte of a part would go to a file there
    return tmp_path


@pytest.fixture
def workspace_member(make_user, make_workspace):
    user = make_user(first_name="Alice")
    user.workspace = make_workspace(members=[user])
    return user


def upload_headers(token=None, scheme="Bearer", length=HUGE, content_type=MULTIPART):
    headers = {"Content-Type": content_type, "Content-Length": str(length)}
    if token:
        headers["Authorization"] = f"{scheme} {token}"
    return headers


# --- generic ------------------------------------------------------------------------------------
def test_generic_without_a_token_is_401_unread(live_server, temp_dir):
    status, _, body = exchange(live_server, "POST", "/photos", upload_headers())
    assert (status, body["error"]["code"]) == (401, "unauthorized")
    assert list(temp_dir.iterdir()) == []


@pytest.mark.parametrize("path", ["/photos", "/user/{user}/photos"])
def test_generic_upload_over_the_limit_is_413_unread(live_server, temp_dir, workspace_member,
                                                     make_token, path):
    token = make_token(["user_photos", "manage_photos"], user=workspace_member)
    status, _, body = exchange(live_server, "POST", path.format(user=workspace_member.pk),
                               upload_headers(token))
    assert (status, body["success"], body["error"]["code"]) == (413, False, "photo_too_large")
    assert list(temp_dir.iterdir()) == []


def test_a_form_token_is_looked_for_only_in_a_body_within_the_limit(live_server, temp_dir,
                                                                    settings, workspace_member):
    # small enough to be searched for a form token, too large for the endpoint: Graph (the one
    # API that takes a token in the form) refuses it before the search reads a byte
    length = settings.PHOTO_MAX_BYTES + 512 * 1024
    assert length <= settings.FORM_TOKEN_MAX_BYTES
    status, _, body = exchange(live_server, "POST", f"/{workspace_member.pk}/photos",
                               upload_headers(length=length))
    assert status == 400
    assert body["error"]["code"] == 100 and "limit" in body["error"]["message"]
    assert list(temp_dir.iterdir()) == []


def test_a_generic_upload_with_no_token_header_is_401_unread(live_server, temp_dir, settings):
    # the generic API takes no form token: the body is not searched, nor read
    length = settings.PHOTO_MAX_BYTES + 512 * 1024
    status, _, body = exchange(live_server, "POST", "/photos", upload_headers(length=length))
    assert (status, body["error"]["code"]) == (401, "unauthorized")
    assert list(temp_dir.iterdir()) == []


def test_a_body_of_unknown_length_is_refused_unread(live_server, temp_dir, workspace_member,
                                                    make_token):
    token = make_token(["user_photos", "manage_photos"], user=workspace_member)
    headers = {"Content-Type": MULTIPART, "Transfer-Encoding": "chunked",
               "Authorization": f"Bearer {token}"}
    status, _, body = exchange(live_server, "POST", "/photos", headers,
                               b"%x\r\n" % len(FIRST_BYTES) + FIRST_BYTES + b"\r\n")
    assert (status, body["error"]["code"]) == (400, "invalid_input")
    assert "Content-Length" in body["error"]["message"]
    assert not Photo.objects.exists()


# --- Graph --------------------------------------------------------------------------------------
def test_graph_upload_over_the_limit_is_refused_unread(live_server, temp_dir, workspace_member,
                                                       make_token):
    token = make_token(["user_photos", "publish_stream"], user=workspace_member)
    status, _, body = exchange(live_server, "POST", f"/me/photos?access_token={token}",
                               upload_headers())
    assert status == 400
    assert body["error"]["code"] == 100 and "limit" in body["error"]["message"]
    assert list(temp_dir.iterdir()) == []


def test_graph_without_a_token_is_104_unread(live_server, temp_dir, workspace_member):
    status, _, body = exchange(live_server, "POST", f"/{workspace_member.pk}/photos",
                               upload_headers())
    assert (status, body["error"]["code"]) == (400, 104)
    assert list(temp_dir.iterdir()) == []


def test_graph_json_over_the_body_limit_is_refused_unread(live_server, workspace_member,
                                                          make_token):
    # DRF's JSON parser would read the whole stream into memory
    token = make_token(["user_photos", "publish_stream"], user=workspace_member)
    status, _, body = exchange(live_server, "POST", "/me/albums",
                               upload_headers(token, content_type="application/json"),
                               b'{"name": "' + b"x" * 64)
    assert status == 400 and body["error"]["code"] == 100
    assert "too large" in body["error"]["message"]


# --- Zoho ---------------------------------------------------------------------------------------
@pytest.fixture
def record(workspace_member):
    from accounts.models import Membership
    from records.models import Module, Record

    Membership.objects.filter(user=workspace_member).update(role=Membership.Role.OWNER)
    module = Module.objects.get(workspace=workspace_member.workspace, product="crm",
                                api_name="Leads")
    return Record.objects.create(workspace=workspace_member.workspace, module=module,
                                 owner=workspace_member,
                                 created_by=workspace_member, data={"Last_Name": "Doe"})


def test_zoho_upload_over_the_limit_is_refused_unread(live_server, temp_dir, record,
                                                      make_token, workspace_member):
    token = make_token(["ZohoCRM.modules.ALL"], user=workspace_member)
    status, _, body = exchange(live_server, "POST", f"/crm/v2/Leads/{record.zoho_id}/photo",
                               upload_headers(token, "Zoho-oauthtoken"))
    assert (status, body["code"], body["status"]) == (
        400, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE", "error")
    assert list(temp_dir.iterdir()) == []


def test_zoho_without_a_token_is_401_unread(live_server, temp_dir, record):
    status, _, body = exchange(live_server, "POST", f"/crm/v2/Leads/{record.zoho_id}/photo",
                               upload_headers())
    assert (status, body["code"]) == (401, "AUTHENTICATION_FAILURE")
    assert list(temp_dir.iterdir()) == []


# --- Chatter ------------------------------------------------------------------------------------
@pytest.fixture
def group_path(workspace_member):
    from groups import services

    group = services.create_group(owner=workspace_member, workspace=workspace_member.workspace,
                                  name=f"g-{uuid.uuid4().hex[:6]}", visibility="PublicAccess")
    return f"/services/data/v29.0/chatter/groups/{group.sfid}/photo"


def test_chatter_photo_over_the_limit_is_refused_unread(live_server, temp_dir, group_path,
                                                        make_token, workspace_member):
    token = make_token(["api"], user=workspace_member)
    status, _, body = exchange(live_server, "POST", group_path, upload_headers(token, "OAuth"))
    assert (status, body[0]["errorCode"]) == (400, "FILE_SIZE_LIMIT_EXCEEDED")
    assert list(temp_dir.iterdir()) == []


def test_chatter_file_over_the_limit_is_refused_unread(live_server, temp_dir, make_token,
                                                       workspace_member, settings):
    settings.FILE_MAX_BYTES = 1024 * 1024
    token = make_token(["api"], user=workspace_member)
    status, _, body = exchange(live_server, "POST", "/services/data/v38.0/connect/files/users/me",
                               upload_headers(token, "OAuth"))
    assert (status, body[0]["errorCode"]) == (400, "FILE_SIZE_LIMIT_EXCEEDED")
    assert list(temp_dir.iterdir()) == []


def test_chatter_without_a_token_is_401_unread(live_server, temp_dir, group_path):
    status, _, body = exchange(live_server, "POST", group_path, upload_headers())
    assert (status, body[0]["errorCode"]) == (401, "INVALID_SESSION_ID")
    assert list(temp_dir.iterdir()) == []
