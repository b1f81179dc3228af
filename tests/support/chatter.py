"""The client helper of the Chatter API: a client speaking Salesforce's URLs and token header
(``OAuth``), hand-built multipart bodies (each part with its own Content-Type, as Salesforce
clients send them), and Salesforce's error body."""

import json
import re
import uuid

from defusedxml import ElementTree as ET


def multipart(parts) -> tuple[bytes, str]:
    """``parts``: ``(name, filename or None, content type or None, bytes or str)`` tuples."""
    boundary = f"----photodesk{uuid.uuid4().hex}"
    chunks = []
    for name, filename, content_type, content in parts:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        head = f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
        if content_type:
            head += f"Content-Type: {content_type}\r\n"
        body = content.encode() if isinstance(content, str) else content
        chunks.append(head.encode() + b"\r\n" + body + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def json_part(value) -> tuple:
    return ("json", None, "application/json", json.dumps(value))


class Chatter:
    """Calls ``/services/data/v{version}/{path}`` with ``Authorization: OAuth <token>``."""

    def __init__(self, api, token):
        self.api = api
        self.token = token
        self.headers = {"HTTP_AUTHORIZATION": f"OAuth {token}"} if token else {}

    @staticmethod
    def url(version, path) -> str:
        return f"/services/data/v{version}/{path}"

    def get(self, version, path, params=None):
        return self.api.get(self.url(version, path), params or {}, **self.headers)

    def head(self, version, path):
        return self.api.head(self.url(version, path), **self.headers)

    def delete(self, version, path):
        return self.api.delete(self.url(version, path), **self.headers)

    def post_json(self, version, path, body):
        return self.api.generic("POST", self.url(version, path), json.dumps(body),
                                content_type="application/json", **self.headers)

    def post_raw(self, version, path, body: bytes, content_type: str):
        return self.api.generic("POST", self.url(version, path), body,
                                content_type=content_type, **self.headers)

    def post_xml(self, version, path, body, accept=None):
        """``body``: XML text, or a dict of properties sent inside ``<photo>``."""
        if isinstance(body, dict):
            body = "<photo>" + "".join(f"<{k}>{v}</{k}>" for k, v in body.items()) + "</photo>"
        headers = {**self.headers, **({"HTTP_ACCEPT": accept} if accept else {})}
        return self.api.generic("POST", self.url(version, path),
                                body.encode() if isinstance(body, str) else body,
                                content_type="application/xml", **headers)

    def post_params(self, version, path, params):
        """Input as request parameters in the query string (no body)."""
        from urllib.parse import urlencode

        return self.api.generic("POST", f"{self.url(version, path)}?{urlencode(params)}", b"",
                                **self.headers)

    def post_multipart(self, version, path, parts):
        body, content_type = multipart(parts)
        return self.post_raw(version, path, body, content_type)

    def fetch(self, url):
        """GET an absolute URL of a response body (photo URLs), with the token."""
        return self.api.get(url, **self.headers)

    def upload_file(self, content: bytes, name="photo.png", version="36.0", title=None):
        """Upload through the files endpoint of ``version``; the File Summary."""
        path = ("connect/files/users/me" if float(version) >= 36 else "chatter/users/me/files")
        parts = [("fileData", name, "application/octet-stream", content)]
        if title is not None:
            parts.append(json_part({"title": title}))
        response = self.post_multipart(version, path, parts)
        assert response.status_code == 201, response.content
        return response.json()


def error_of(response) -> tuple[int, str, str]:
    """``(status, errorCode, message)`` of a Salesforce error response."""
    body = response.json()
    assert isinstance(body, list) and len(body) == 1, body
    return response.status_code, body[0]["errorCode"], body[0]["message"]


XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


def xml_of(response):
    """The root element of an XML response (Photodesk's own output, parsed in the test)."""
    assert response["Content-Type"].startswith("application/xml"), response["Content-Type"]
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(response.content)


def xml_fields(element) -> dict:
    """``{tag: text}`` of a flat XML body; a nil element is None."""
    return {child.tag: None if child.get(XSI_NIL) == "true" else (child.text or "")
            for child in element}


def xml_error_of(response) -> tuple[int, str, str]:
    """``(status, errorCode, message)`` of Salesforce's XML error body."""
    root = xml_of(response)
    assert root.tag == "Errors" and [child.tag for child in root] == ["Error"], response.content
    fields = xml_fields(root[0])
    assert set(fields) == {"errorCode", "message"}, fields
    return response.status_code, fields["errorCode"], fields["message"]


def unsigned(body: dict) -> dict:
    """``body`` with each signed /ncsphoto/ URL cut to its payload (no time, no signature): the
    e-mail URLs are signed with the second they were made in, which two requests may straddle."""
    return {name: re.sub(r"(/ncsphoto/[^:/]+):[^/]*$", r"\1", value)
            if isinstance(value, str) else value for name, value in body.items()}


# an XML body whose entities would expand to a billion "lol"s (the parser must refuse it unread)
BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE photo [\n <!ENTITY lol "lol">\n'
                  + "".join(f' <!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">\n'
                            for n in range(2, 10)).replace("&lol1;", "&lol;")
                  + ']>\n<photo><fileId>&lol9;</fileId></photo>')
