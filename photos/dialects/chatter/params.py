"""Chatter's typed request parsing: API versions, IDs, the version-aware input, crops, sizes
and e-mail photo tokens.

Salesforce's conventions followed here:
- IDs arrive in their 15- or 18-character form; an ID that is malformed or of another object
  type than the resource takes is 400 INVALID_ID_FIELD (a well-formed one that names nothing the
  caller can see is 404 NOT_FOUND, the view's answer).
- Input comes as request parameters or as a request body (JSON, or the ``json`` part of a
  multipart request); "if you pass resource-specific request parameters and a request body,
  the request parameters are ignored". Each property exists from some API version: in an older
  version a body property is an unrecognized field and a parameter an unrecognized parameter.
- A request body may also be XML (``application/xml``), the resource's root tag around one
  element per property (``<photo><fileId>069...</fileId></photo>``), with the same version
  rules as JSON. It is parsed by defusedxml, never by hand: a DTD (so every entity, the
  billion laughs and external entities included) is refused before anything is expanded or
  fetched, and the body is bounded before it is parsed.
"""

import json
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as xml_fromstring
from django.conf import settings
from django.core import signing

from photos import errors, imaging
from photos.dialects import params
from photos.dialects.chatter import ids
from photos.dialects.params import whole_number

# The versions Photodesk answers, as Salesforce does: older or newer ones are unknown resources.
OLDEST_VERSION = Decimal("20.0")
NEWEST_VERSION = Decimal("66.0")

JSON_PART_MAX = 1024 * 1024  # a rich input body part is small: never read a large one whole
XML_BODY_MAX = 64 * 1024  # an XML input body is a handful of short properties

# a photo URL's size letter -> the rendition spec it shows
SIZES = {"F": "chatter_large", "M": "chatter_medium", "T": "chatter_small"}
# the default photo of each kind is named by the kind's bare key prefix: /profilephoto/005/F
DEFAULT_PHOTO_PREFIX = {"user": ids.USER, "group": ids.GROUP}
EMAIL_SALT = "photodesk.chatter.email-photo"
EMAIL_MAX_AGE = timedelta(days=30)


# --- API versions ---------------------------------------------------------------------------------
def parse_version(text) -> Decimal:
    """``"29.0"`` -> ``Decimal("29.0")``; NotFound for anything Salesforce would not route."""
    try:
        version = Decimal(text)
    except (InvalidOperation, TypeError):
        raise errors.NotFound() from None
    if not OLDEST_VERSION <= version <= NEWEST_VERSION:
        raise errors.NotFound()
    return version


def available(version: Decimal, since: str | None = None, until: str | None = None) -> bool:
    return (since is None or version >= Decimal(since)) and (
        until is None or version <= Decimal(until))


# --- IDs ------------------------------------------------------------------------------------------
def pk_from(raw, prefix: str) -> int:
    """The primary key behind ``raw``, an ID that must be of type ``prefix``."""
    try:
        return ids.pk_of(raw, prefix)
    except ids.InvalidId:
        raise errors.InvalidId(raw) from None


# --- the request's input properties ---------------------------------------------------------------
def json_input(raw, properties: dict[str, str], version: Decimal) -> dict:
    """The JSON object ``raw``, each property checked against the version that introduced it."""
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    if not text.strip():
        return {}
    body = params.load_json(text)
    if not isinstance(body, dict):
        raise errors.JsonSyntax("Malformed JSON: the request body must be a JSON object")
    for name in body:
        since = properties.get(name)
        if since is None or not available(version, since):
            line, column = _position(text, name)
            raise errors.UnrecognizedField(name, line=line, column=column)
    return body


def xml_request_input(request, root: str, properties: dict[str, str], version: Decimal) -> dict:
    """:func:`xml_input` of ``request``'s body, refused unread when it declares more than
    ``XML_BODY_MAX`` bytes."""
    if (params.numeric_id(request.META.get("CONTENT_LENGTH")) or 0) > XML_BODY_MAX:
        raise _xml_too_large()
    return xml_input(request.body, root, properties, version)


def _xml_too_large():
    return errors.XmlSyntax(f"Malformed XML: the body is larger than {XML_BODY_MAX:,} bytes.")


def xml_input(raw: bytes, root: str, properties: dict[str, str], version: Decimal) -> dict:
    """The properties of the XML document ``raw``, whose root element must be ``root``, each
    checked against the version that introduced it (as :func:`json_input` does).

    Each property is a child element holding text only; a value is its text (an integer is
    written as digits, as in Salesforce's XML). Refusals are ``XmlSyntax`` (Salesforce's
    parser error), ``UnrecognizedField`` for a property the version does not have."""
    if len(raw) > XML_BODY_MAX:
        raise _xml_too_large()
    if not raw.strip():
        return {}
    try:
        # no DTD at all: nothing to expand (entities) and nothing to fetch (external ones)
        document = xml_fromstring(raw, forbid_dtd=True, forbid_entities=True,
                                  forbid_external=True)
    except DefusedXmlException:
        raise errors.XmlSyntax("Malformed XML: DTDs and entities are not allowed.") from None
    except ParseError as exc:
        line, column = exc.position
        raise errors.XmlSyntax(f"Malformed XML: {_xml_reason(exc)} at [line:{line}, "
                               f"column:{column + 1}]") from None
    if document.tag != root:
        raise errors.XmlSyntax(f"Malformed XML: the root element must be <{root}>, not "
                               f"<{_printable(document.tag)}>.")
    text = raw.decode("utf-8", errors="replace")
    values = {}
    for element in document:
        name = element.tag
        if not isinstance(name, str):  # a comment or processing instruction: no property
            continue
        since = properties.get(name)
        if since is None or not available(version, since):
            line, column = _xml_position(text, name)
            raise errors.UnrecognizedField(_printable(name), line=line, column=column)
        if len(element) or element.attrib:
            raise errors.XmlSyntax(f"Malformed XML: <{name}> must hold text only.")
        if name in values:
            raise errors.XmlSyntax(f"Malformed XML: <{name}> is given twice.")
        values[name] = params.storable((element.text or "").strip(), name)
    return values


def _xml_reason(exc: ParseError) -> str:
    return str(exc).split(":")[0]  # expat's reason, without its own position


def _xml_position(text: str, name: str) -> tuple[int, int]:
    index = max(text.find(f"<{name}"), 0)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _printable(name: str) -> str:
    return name if len(name) <= 80 else name[:80] + "..."


def parameter_input(given: dict, properties: dict[str, str], version: Decimal) -> dict:
    """The properties among the request parameters ``given`` (others are ignored)."""
    values = {}
    for name, since in properties.items():
        if name in given:
            if not available(version, since):
                raise errors.UnrecognizedParameter(name, since=since)
            value = given[name]
            values[name] = params.storable(value, name) if isinstance(value, str) else value
    return values


def json_part(data, files):
    """The text of a multipart body's ``json`` part (a file part or a field), or None."""
    part = files.get("json")
    text = part.read(JSON_PART_MAX + 1) if part is not None else data.get("json")
    if text is not None and len(text) > JSON_PART_MAX:
        raise errors.InvalidInput("The json part is larger than 1 MB.")
    return text


def has_body(request) -> bool:
    return (params.numeric_id(request.META.get("CONTENT_LENGTH")) or 0) > 0


def _position(text: str, name: str) -> tuple[int, int]:
    index = max(text.find(json.dumps(name)), 0)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# --- paging ---------------------------------------------------------------------------------------
def page_params(request, default_size: int = 25, max_size: int = 250) -> tuple[int, int]:
    """Chatter's ``page`` (from 0) and ``pageSize`` (1 to 250) parameters."""
    page = whole_number(request.query_params.get("page"), "page", minimum=0,
                        maximum=params.MAX_PAGE) or 0
    size = whole_number(request.query_params.get("pageSize"), "pageSize", minimum=1,
                        maximum=max_size)
    return page, default_size if size is None else size


# --- photos ---------------------------------------------------------------------------------------
def crop_of(values: dict):
    """The crop square, when ``cropX``, ``cropY`` and ``cropSize`` are all given."""
    given = {name: whole_number(values.get(name), name) for name in ("cropX", "cropY", "cropSize")}
    present = [name for name, value in given.items() if value is not None]
    if not present:
        return None
    if len(present) < 3:
        raise errors.InvalidInput("cropX, cropY and cropSize are required together to crop.")
    return imaging.Crop(given["cropX"], given["cropY"], given["cropSize"])


def read_email_token(token: str) -> dict:
    """The content of an e-mail photo token (``presenters.email_token``); NotFound when it is
    forged or expired."""
    try:
        # its own key only: not SECRET_KEY's fallbacks, nor any key handed to third parties
        value = signing.loads(token, key=settings.EMAIL_PHOTO_SIGNING_KEY, fallback_keys=[],
                              salt=EMAIL_SALT, max_age=EMAIL_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired included
        raise errors.NotFound() from None
    if not isinstance(value, dict) or value.get("s") not in SIZES or \
            value.get("k") not in DEFAULT_PHOTO_PREFIX or not isinstance(value.get("t"), int) or \
            not isinstance(value.get("v"), str | None):
        raise errors.NotFound()
    return value
