"""Zoho's request values: its products, paging numbers, ``restrict_triggers``, the ``data``
rows of an insert and the ``file`` part of a photo upload (through the kit's typed parsers)."""

import io
import re

from django.http.request import RawPostDataException

from photos import errors
from photos.dialects import params
from photos.dialects.zoho.presenters import SYSTEM_FIELDS
from photos.imaging import Limits

CRM, BIGIN = "crm", "bigin"
# A Zoho API name (of a module or a field): also the module part of a scope
# (``ZohoCRM.modules.{name}.ALL``).
API_NAME = r"[A-Za-z][A-Za-z0-9_]{0,99}"
API_NAME_RE = re.compile(API_NAME)
# Zoho's largest page
MAX_PER_PAGE = 200
# What Zoho documents for a record photo: these formats (not WebP, which the photo engine
# otherwise reads), 10 MB and 10 megapixels at the most (an operator's lower PHOTO_MAX_* lowers
# them: records.services.photo_limits)
PHOTO_FORMATS = ("PNG", "JPEG", "GIF", "BMP")
PHOTO_LIMITS = Limits(max_bytes=10 * 1024 * 1024, max_pixels=10_000_000)


def positive_int(value, name: str, default: int, maximum: int | None = None) -> int:
    number = params.whole_number(value, name, minimum=1, maximum=maximum,
                                 message=f"{name} must be a positive whole number"
                                 + (f" up to {maximum}" if maximum else ""))
    return default if number is None else number


def page(request) -> tuple[int, int]:
    """``(page, per_page)``; a ``per_page`` over Zoho's largest page is that page."""
    query = request.query_params
    number = positive_int(query.get("page"), "page", 1, params.MAX_PAGE)
    per_page = min(positive_int(query.get("per_page"), "per_page", MAX_PER_PAGE), MAX_PER_PAGE)
    return number, per_page


def run_workflows(request) -> bool:
    """``restrict_triggers=workflow`` (a comma-separated list, in the query or a form field)
    suppresses workflows. Given twice, or as something other than text (a JSON list, a repeated
    form field), it is INVALID_DATA: which of the values would count is anyone's guess."""
    value = _one_text(request.query_params, "restrict_triggers")
    in_body = _one_text(request.data, "restrict_triggers")
    if value is None:
        value = in_body or ""
    triggers = {part.strip().lower() for part in value.split(",")}
    return "workflow" not in triggers


def _one_text(values, name: str) -> str | None:
    if hasattr(values, "getlist"):  # a query string or a form
        given = values.getlist(name)
        if len(given) > 1:
            raise errors.InvalidInput(f"{name} is given {len(given)} times: give it once",
                                      param=name)
        value = given[0] if given else None
    elif isinstance(values, dict):  # a JSON body
        value = values.get(name)
    else:
        return None
    if value is not None and not isinstance(value, str):
        raise errors.InvalidInput(f"{name} must be text, such as workflow", param=name)
    return value


def json_body(request):
    """The request's body read as JSON whatever its declared type, as Zoho reads it: its SDKs
    and Python samples post JSON with no ``Content-Type``, and its curl sample (``curl -d
    @lead.json``) declares it form-encoded. A multipart body, or one that is no JSON, is read
    as its type says."""
    media_type = (request.content_type or "").split(";")[0].strip().lower()
    if media_type == "application/json" or media_type.startswith("multipart/"):
        return request.data
    try:
        raw = request._request.body
    except RawPostDataException:  # already read as a stream (a form parsed for a token)
        return request.data
    if raw.lstrip()[:1] not in (b"{", b"["):
        return request.data
    return params.JSONParser().parse(io.BytesIO(raw), "application/json",
                                     {"encoding": request.encoding or "utf-8"})


def record_rows(request, maximum: int) -> list:
    """The ``data`` list of an insert (a JSON body, whatever its declared type): present, a
    non-empty list, at most ``maximum`` rows, each without the fields Zoho sets itself (the
    rest of a row is the service's to check, so one bad row refuses only itself)."""
    body = json_body(request)
    rows = body.get("data") if isinstance(body, dict) else None
    if rows is None:
        raise errors.ParamMissing("data")
    if not isinstance(rows, list) or not rows:
        raise errors.InvalidInput("data must be a non-empty list of records")
    if len(rows) > maximum:
        raise errors.TooManyRecords(maximum)
    return [{key: value for key, value in row.items() if key not in SYSTEM_FIELDS}
            if isinstance(row, dict) else row for row in rows]


def photo_file(request):
    """The ``file`` part of an upload (an oversized body is refused here, unread)."""
    upload = request.FILES.get("file")
    if upload is None:
        raise errors.ParamMissing("file")
    return upload
