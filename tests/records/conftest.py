"""Fixtures of the records tests: an organisation with members, records, tokens, uploads."""

import time
from dataclasses import dataclass

import pytest


@dataclass
class Org:
    workspace: object
    owner: object
    admin: object
    member: object
    other_member: object
    make_token: object

    def module(self, api_name="Leads", product="crm"):
        from records.models import Module

        return Module.objects.get(workspace=self.workspace, product=product,
                                  api_name__iexact=api_name)

    def record(self, api_name="Leads", product="crm", owner=None, zoho_id=None, **data):
        from records.models import Record

        fields = {"zoho_id": zoho_id} if zoho_id is not None else {}
        owner = owner if owner is not None else self.member
        return Record.objects.create(workspace=self.workspace, module=self.module(api_name,
                                     product), owner=owner, created_by=owner,
                                     data=data or {"Last_Name": "Doe"}, **fields)

    def token(self, *scopes, user=None, workspace_token=False):
        if workspace_token:
            return self.make_token(list(scopes), workspace=self.workspace)
        return self.make_token(list(scopes), user=user or self.member)


@pytest.fixture
def make_org(make_workspace, make_user, make_token):
    from accounts.models import Membership

    def make():
        owner, admin, member, other = (make_user() for _ in range(4))
        workspace = make_workspace(members=[owner], role=Membership.Role.OWNER)
        Membership.objects.create(user=admin, workspace=workspace, role=Membership.Role.ADMIN)
        for user in (member, other):
            Membership.objects.create(user=user, workspace=workspace)
        return Org(workspace, owner, admin, member, other, make_token)

    return make


@pytest.fixture
def org(make_org):
    return make_org()


def auth(token, scheme="Zoho-oauthtoken"):
    return {"HTTP_AUTHORIZATION": f"{scheme} {token}"}


def photo_url(record, product="crm", api_name=None):
    return f"/{product}/v2/{api_name or record.module.api_name}/{record.zoho_id}/photo"


def upload(api, url, token, data: bytes, name="photo.png", query="", scheme="Zoho-oauthtoken"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return api.post(url + query, {"file": SimpleUploadedFile(name, data)}, format="multipart",
                    **auth(token, scheme))


def error(code, message, details=None):
    return {"code": code, "details": details or {}, "message": message, "status": "error"}


SUCCESS = {"code": "SUCCESS", "details": {}, "message": "photo uploaded successfully",
           "status": "success"}


def wait_until(condition, timeout=30.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what} not met within {timeout}s")


def ready_photo(record, timeout=30.0):
    """Wait for the record's newest photo to render and for the older ones to be dropped."""
    from photos import services
    from photos.models import Photo

    def settled():
        photos = list(services.photos_of(record).order_by("-pk"))
        if len(photos) == 1 and photos[0].status == Photo.Status.READY:
            return photos[0]
        return None

    return wait_until(settled, timeout, "a single ready photo")


# --- a real local HTTP receiver for webhooks ------------------------------------------------------
class Receiver:
    """An HTTP server on 127.0.0.1 in a thread; records every request and answers ``statuses``
    in turn (the last one repeats). ``during()``, when given, runs (in the server's thread)
    while the caller waits for the answer; what it returns or raises is kept in ``seen``."""

    def __init__(self, statuses=(200,), headers=None, during=None):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.requests, self.statuses, self.extra_headers = [], list(statuses), headers or {}
        self.during, self.seen = during, []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.requests.append({"path": self.path, "headers": dict(self.headers),
                                          "body": body})
                if receiver.during is not None:
                    try:
                        receiver.seen.append(receiver.during())
                    except Exception as exc:  # shown by the test's assertion on ``seen``
                        receiver.seen.append(exc)
                index = min(len(receiver.requests), len(receiver.statuses)) - 1
                self.send_response(receiver.statuses[index])
                for name, value in receiver.extra_headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def make_receiver():
    made = []

    def make(statuses=(200,), headers=None, during=None):
        made.append(Receiver(statuses, headers, during))
        return made[-1]

    yield make
    for receiver in made:
        receiver.close()
