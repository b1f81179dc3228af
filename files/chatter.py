"""What every Chatter REST endpoint of Photodesk shares (the files and groups apps): the base
view, IDs in URLs and bodies, the version-aware request input, dates.

Salesforce's conventions followed here:
- IDs arrive in their 15- or 18-character form and always leave in the 18-character one; an ID
  that is malformed or of another object type than the resource takes is 400 INVALID_ID_FIELD,
  a well-formed one that names nothing the caller can see is 404 NOT_FOUND.
- Input comes as request parameters or as a request body (JSON, or the ``json`` part of a
  multipart request); "if you pass resource-specific request parameters and a request body,
  the request parameters are ignored". Each property exists from some API version: in an older
  version a body property is an unrecognized field and a parameter an unrecognized parameter.
"""

import json
from dataclasses import dataclass
from datetime import UTC
from decimal import Decimal

from django.core.exceptions import TooManyFieldsSent, TooManyFilesSent
from django.db import models
from django.http import HttpResponse

from files import sfid
from photos import errors
from photos.delivery import absolute
from photos.dialects import chatter as dialect
from photos.dialects import params
from photos.dialects.base import to_domain
from photos.dialects.params import whole_number

USER = "005"
FILE = "069"
FILE_VERSION = "068"
GROUP = "0F9"
GROUP_MEMBER = "0FB"
COMMUNITY = "0DB"
PHOTO = "729"

JSON_PART_MAX = 1024 * 1024  # a rich input body part is small: never read a large one whole


def sfid18(prefix: str, pk: int) -> str:
    return sfid.to_18(sfid.encode(prefix, pk))


def pk_from(raw, prefix: str) -> int:
    """The primary key behind ``raw``, an ID that must be of type ``prefix``."""
    try:
        return sfid.pk_of(raw, prefix)
    except sfid.InvalidId:
        raise errors.InvalidId(raw) from None


def find(queryset: models.QuerySet, raw, prefix: str):
    """The object of ``queryset`` named by the ID ``raw`` (INVALID_ID_FIELD, NOT_FOUND)."""
    obj = queryset.filter(pk=pk_from(raw, prefix)).first()
    if obj is None:
        raise errors.NotFound()
    return obj


def sf_date(value) -> str | None:
    """Salesforce's date-time format: ``2013-07-31T22:18:04.000Z``."""
    if value is None:
        return None
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


# --- the call ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Call:
    """One Chatter request: who, which API version, and how to write URLs for it."""

    request: object
    principal: object
    version: Decimal
    version_text: str

    @property
    def user(self):
        return self.principal.user

    @property
    def base(self) -> str:
        return f"/services/data/v{self.version_text}/"

    def since(self, since: str | None = None, until: str | None = None) -> bool:
        return dialect.available(self.version, since, until)

    def absolute(self, path: str) -> str:
        return absolute(self.request, path)


class ChatterView(dialect.APIView):
    """Base of Photodesk's Chatter views: ``self.call`` describes the request.

    A view that takes uploads sets ``upload_limit_setting``: multipart bodies stream through
    :class:`photos.uploads.StreamingLimit` (``self.streaming``), which every dialect's base
    view installs before anything (authentication included) can read the body.
    """

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.call = Call(request=request, principal=self.principal, version=self.version,
                         version_text=self.version_text)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method == "HEAD":
            response = without_body(response)
        return response

    # --- request input -------------------------------------------------------------------
    def form(self):
        """``(fields, files)`` of a multipart or form body, parsed once (an upload over the
        limit, or cut short, is refused while it is parsed)."""
        request = self.request
        try:
            return request.POST, request.FILES
        except (TooManyFieldsSent, TooManyFilesSent) as exc:
            raise to_domain(exc) from None

    def uploaded(self, field_name: str):
        """``(UploadedFile, Received)`` of the binary part ``field_name``, or ``(None, None)``."""
        _, files = self.form()
        uploaded = files.get(field_name)
        if uploaded is None:
            return None, None
        received = self.streaming.measured(field_name) if self.streaming else None
        return uploaded, received

    def read_input(self, properties: dict[str, str], binary_parts=()) -> dict:
        """The input properties of this request, checked against the URL's version.

        ``properties`` maps each property the resource takes (in any version) to the version
        that introduced it. The source is the JSON body, else the ``json`` part of a multipart
        body, else the request parameters (query string and form fields).
        """
        request = self.request
        content_type = (request.content_type or "").split(";")[0].strip().lower()
        if not _has_body(request):
            return self._params_input(request.query_params.dict(), properties)
        if content_type == "application/json":
            return self._json_input(request.body, properties)
        if content_type == "multipart/form-data":
            data, files = self.form()
            part = files.get("json")
            text = part.read(JSON_PART_MAX + 1) if part is not None else data.get("json")
            if text is not None and len(text) > JSON_PART_MAX:
                raise errors.InvalidInput("The json part is larger than 1 MB.")
            if text is not None:
                return self._json_input(text, properties)
            fields = {k: v for k, v in data.items() if k not in binary_parts}
            return self._params_input({**request.query_params.dict(), **fields}, properties)
        if content_type in ("", "application/x-www-form-urlencoded"):
            form = request.POST.dict() if content_type else {}
            return self._params_input({**request.query_params.dict(), **form}, properties)
        if content_type in ("application/xml", "text/xml"):
            raise errors.InvalidInput("XML request bodies are not supported: send JSON.")
        raise errors.InvalidInput(f"Unsupported Content-Type: {content_type}")

    def _json_input(self, raw, properties) -> dict:
        text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
        if not text.strip():
            return {}
        body = params.load_json(text)
        if not isinstance(body, dict):
            raise errors.JsonSyntax("Malformed JSON: the request body must be a JSON object")
        for name in body:
            since = properties.get(name)
            if since is None or not self.call.since(since):
                line, column = _position(text, name)
                raise errors.UnrecognizedField(name, line=line, column=column)
        return body

    def _params_input(self, given: dict, properties) -> dict:
        values = {}
        for name, since in properties.items():
            if name in given:
                if not self.call.since(since):
                    raise errors.UnrecognizedParameter(name, since=since)
                value = given[name]
                values[name] = params.storable(value, name) if isinstance(value, str) else value
        return values


def _has_body(request) -> bool:
    return (params.numeric_id(request.META.get("CONTENT_LENGTH")) or 0) > 0


def without_body(response):
    """``response`` as the answer to HEAD: the same status and headers, no body."""
    if response.streaming:
        headers = dict(response.items())
        response.close()
        return HttpResponse(status=response.status_code, headers=headers)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if not response.content and response.has_header("Content-Length"):
        return response  # already a HEAD answer (photos.delivery.serve): keep its length
    length = len(response.content)
    response.content = b""
    response["Content-Length"] = str(length)
    return response


def _position(text: str, name: str) -> tuple[int, int]:
    index = max(text.find(json.dumps(name)), 0)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def page_params(request, default_size: int = 25, max_size: int = 250) -> tuple[int, int]:
    """Chatter's ``page`` (from 0) and ``pageSize`` (1 to 250) parameters."""
    page = whole_number(request.query_params.get("page"), "page", minimum=0,
                        maximum=params.MAX_PAGE) or 0
    size = whole_number(request.query_params.get("pageSize"), "pageSize", minimum=1,
                        maximum=max_size)
    return page, default_size if size is None else size


def page_urls(call: Call, path: str, page: int, size: int, total: int) -> dict:
    def url(number):
        return f"{path}?page={number}&pageSize={size}"

    return {
        "currentPageUrl": url(page),
        "nextPageUrl": url(page + 1) if (page + 1) * size < total else None,
        "previousPageUrl": url(page - 1) if page > 0 else None,
    }
