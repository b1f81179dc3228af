"""Chatter's OpenAPI description: its bodies, its error body, its path parameters and the
decorator its views use.

- The documentation serializers below are named like Salesforce's own objects (``ChatterPhoto``,
  ``ChatterGroup``, ``ChatterFileSummary``...) and are used only for the document; the bodies
  themselves are built by ``presenters``. Properties that exist only from some API version are
  optional.
- ``ERRORS``: every status Chatter's error table (and its base views) can answer, each with the
  error body, a JSON list of ``{"errorCode", "message"}``.
- :class:`ChatterSchema` (the schema of every Chatter view) describes the path parameters from
  the view itself: ``version`` takes exactly the versions the view (and the method) exists in,
  each ID exactly the 15- or 18-character IDs of its object type (an ID the view refuses with
  400 INVALID_ID_FIELD is outside the pattern).
- The views describe each method with ``extend_schema`` (drf-spectacular keeps the view's
  :class:`ChatterSchema` under it).

A view with an ``xml_root`` (and the XML renderer, ``renderers.XMLRenderer``) also takes its JSON
request body as an ``application/xml`` document and answers in XML: its schema names the XML
tags (the root, Salesforce's ``<Errors><Error>``); a null property is ``xsi:nil="true"``.

Request bodies are raw JSON schemas: they are closed (``additionalProperties: false``), since a
property the resource does not take is a 400 ``JSON_PARSER_ERROR``, which a serializer cannot say.
"""

import inspect
from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from photos.dialects.chatter import ids, params
from photos.dialects.params import MAX_PAGE
from photos.dialects.schema import DialectSchema

TAG = "Chatter"
XML = "application/xml"


# --- patterns ------------------------------------------------------------------------------------
def id_pattern(prefix: str) -> str:
    """The IDs ``ids.pk_of(value, prefix)`` takes: 15 case-sensitive characters starting with
    ``prefix``, or 18 whose checksum restores that casing (``ids._restore_case``).

    The checksum's character ``k`` tells which letters of the ``k``-th 5-character chunk are
    capitals: it may not flag a digit, and must flag the prefix's own capitals. Each rule is a
    negative lookahead on the 18-character form."""
    rules = []
    for position in range(15):
        chunk, bit = divmod(position, 5)
        flagged = _suffix_chars(bit, True)
        if position < len(prefix):
            if prefix[position].isalpha():  # must be flagged as a capital
                rules.append(f"(?!.{{{15 + chunk}}}[{_suffix_chars(bit, False)}])")
            continue  # a digit of the prefix: the rule below, with the digit known
        rules.append(f"(?!.{{{position}}}[0-9].{{{14 - position + chunk}}}[{flagged}])")
    for position, char in enumerate(prefix):
        if char.isdigit():
            chunk, bit = divmod(position, 5)
            rules.append(f"(?!.{{{15 + chunk}}}[{_suffix_chars(bit, True)}])")
    folded = "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in prefix)
    rest = ids.BODY_LENGTH
    return (f"^(?:{prefix}[0-9A-Za-z]{{{rest}}}|"
            f"{''.join(rules)}{folded}[0-9A-Za-z]{{{rest}}}[A-Za-z0-5]{{3}})$")


def _suffix_chars(bit: int, flagged: bool) -> str:
    """The checksum characters (in either case) whose value has ``bit`` set (or clear)."""
    chars = [c for value, c in enumerate(ids.SUFFIX_ALPHABET) if bool(value >> bit & 1) == flagged]
    return "".join(sorted({*chars, *(c.lower() for c in chars)}))


def version_pattern(since: str | None = None, until: str | None = None) -> str:
    """The ``v{version}`` values a resource answers: ``NN.N`` from ``since`` to ``until``, within
    the versions Photodesk serves (``params.parse_version``)."""
    low = max(Decimal(since or params.OLDEST_VERSION), params.OLDEST_VERSION)
    high = min(Decimal(until or params.NEWEST_VERSION), params.NEWEST_VERSION)
    whole, single = [], []
    for number in range(int(low), int(high) + 1):
        if low <= number and number + Decimal("0.9") <= high:
            whole.append(number)
        else:
            single += [f"{number}\\.{d}" for d in range(10)
                       if low <= number + Decimal(d) / 10 <= high]
    branches = [f"{tens}{_digits(units)}\\.[0-9]" for tens, units in _by_tens(whole).items()]
    branches += single
    return f"^(?:{'|'.join(branches)})$"


def _digits(units: list[int]) -> str:
    return str(units[0]) if len(units) == 1 else f"[{min(units)}-{max(units)}]"


def _by_tens(numbers) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for number in numbers:  # contiguous, so each decade's units are a range
        grouped.setdefault(number // 10, []).append(number % 10)
    return grouped


def _nothing_unstorable(pattern_body: str = "*") -> str:
    return f"^[^\\u0000]{pattern_body}$"


USER_ID = f"^me$|{id_pattern(ids.USER)}"
ID_PARAMETERS = {  # path parameter -> (pattern, description)
    "group_id": (id_pattern(ids.GROUP), "A group's ID (15 or 18 characters)."),
    "membership_id": (id_pattern(ids.GROUP_MEMBER),
                      "A group membership's ID (15 or 18 characters)."),
    "community_id": (id_pattern(ids.COMMUNITY), "A community's ID (15 or 18 characters)."),
    "file_id": (id_pattern(ids.FILE), "A file's ID (15 or 18 characters)."),
    "user_id": (USER_ID, "A user's ID (15 or 18 characters), or `me`."),
    "photo_id": (f"^(?:{ids.USER}|{ids.GROUP})$|{id_pattern(ids.PHOTO)}",
                 "A photo version's ID (`photoVersionId`), or the bare key prefix of a kind "
                 "for its default photo (users', groups')."),
    "size": ("^[FMT]$", "F: large (200 wide), M: medium (160 wide), T: small (64x64)."),
    "token": ("^[0-9A-Za-z_:.-]+$", "The signed token of an e-mail photo URL."),
}


class ChatterSchema(DialectSchema):
    """Every Chatter view's schema: its path parameters, from the view (see the module)."""

    def get_override_parameters(self):
        described = []
        for name in self.path_parameters():
            if name == "version":
                described.append(OpenApiParameter(
                    "version", OpenApiTypes.STR, OpenApiParameter.PATH,
                    pattern=self.version_pattern(),
                    description="The API version (`29.0`): the resource answers 404 NOT_FOUND "
                                "in a version it does not exist in."))
            elif name in ID_PARAMETERS:
                pattern, description = ID_PARAMETERS[name]
                described.append(OpenApiParameter(name, OpenApiTypes.STR, OpenApiParameter.PATH,
                                                  pattern=pattern, description=description))
        return [*described, *super().get_override_parameters()]

    def path_parameters(self) -> list[str]:
        import uritemplate

        return list(uritemplate.variables(self.path))

    def version_pattern(self) -> str:
        view = self.view
        since = view.method_since.get(self.method, view.since)
        return version_pattern(max(Decimal(since), Decimal(view.since)), view.until)

    def _get_response_bodies(self, direction="response"):
        self.resolve_serializer(ChatterError, direction)  # the items of ERROR_BODY
        bodies = super()._get_response_bodies(direction)
        for response in bodies.values():
            xml = response.get("content", {}).get(XML)
            if xml is not None and "schema" in xml:  # the view's XMLRenderer: name its tags
                xml["schema"] = self.xml_schema(xml["schema"])
        return bodies

    def _get_request_body(self, direction="request"):
        body = super()._get_request_body(direction)
        if body is not None:  # drf-spectacular leaves a raw schema's body optional
            body["required"] = True  # every Chatter write reads its input from its body
            content = body["content"]
            if self.xml_root() and "application/json" in content and XML not in content:
                # the same properties in an XML document (params.xml_input)
                content[XML] = {"schema": {**content["application/json"]["schema"],
                                           "xml": {"name": self.xml_root()}}}
        return body

    def _get_format_parameters(self):
        return []  # no ?format=: the Accept header chooses (renderers.AcceptNegotiation)

    def xml_root(self) -> str | None:
        return getattr(self.view, "xml_root", None)

    def xml_schema(self, schema: dict) -> dict:
        """``schema`` as the XML renderer writes it: Salesforce's ``<Errors><Error>`` for the
        error list, the view's ``xml_root`` around a body."""
        if schema == ERROR_BODY:
            return {**schema, "xml": {"name": "Errors", "wrapped": True},
                    "items": {**schema["items"], "xml": {"name": "Error"}}}
        return {**schema, "xml": {"name": self.xml_root() or "response"}}

    def get_description(self):
        # the resource's own words: the dialect kit's base views' docstrings are notes for
        # their maintainers
        method = getattr(self.view, self.method.lower(), None)
        if method is not None and method.__doc__:
            return inspect.cleandoc(method.__doc__)
        for cls in type(self.view).__mro__:
            if cls.__module__.startswith(("photos.dialects.", "rest_framework.")):
                break
            if cls.__dict__.get("__doc__"):
                return inspect.cleandoc(cls.__doc__)
        return ""

    def get_auth(self):
        auths = super().get_auth()
        # a public resource that also reads a token when one is given
        return [*auths, {}] if auths and getattr(self.view, "openapi_public", False) else auths


# --- the error body -------------------------------------------------------------------------------
class ChatterError(serializers.Serializer):
    errorCode = serializers.CharField(help_text="`NOT_FOUND`, `INVALID_ID_FIELD`...")
    message = serializers.CharField()


# A list of ChatterError. A raw schema: drf-spectacular lists a serializer's objects
# (many=True) in 2xx answers only; ChatterSchema registers the component it refers to.
ERROR_BODY = {"type": "array", "minItems": 1,
              "items": {"$ref": "#/components/schemas/ChatterError"}}


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ERROR_BODY, description=description)


ERRORS = {
    400: _error("INVALID_INPUT, INVALID_ID_FIELD, JSON_PARSER_ERROR, DUPLICATE_VALUE or "
                "FILE_SIZE_LIMIT_EXCEEDED."),
    401: _error("INVALID_SESSION_ID: no token, an invalid or expired one, or one without a "
                "Chatter scope (`api`, `chatter_api`, `full`)."),
    403: _error("INSUFFICIENT_ACCESS (a workspace's token, which acts for no user), "
                "INSUFFICIENT_ACCESS_OR_READONLY (the object is seen, not changed), or "
                "REQUEST_LIMIT_EXCEEDED (too many requests: see `Retry-After`)."),
    404: _error("NOT_FOUND: no such resource in this version, or no object the caller sees."),
    405: _error("METHOD_NOT_ALLOWED (the `Allow` header lists the methods)."),
    500: _error("UNKNOWN_EXCEPTION, with an ErrorId to quote."),
    503: _error("SERVER_UNAVAILABLE: storage is full or unreachable (see `Retry-After`)."),
}


# --- bodies --------------------------------------------------------------------------------------
def _text(**kwargs):
    return serializers.CharField(**kwargs)


def _null_text(**kwargs):
    return serializers.CharField(allow_null=True, **kwargs)


class ChatterReference(serializers.Serializer):
    id = _text()
    url = _text()


class ChatterPhoto(serializers.Serializer):
    """A Photo: the URLs of a group's or user's photo (properties appear from their version)."""

    fullEmailPhotoUrl = serializers.URLField(required=False, help_text="From 27.0.")
    largePhotoUrl = serializers.URLField(required=False)
    mediumPhotoUrl = serializers.URLField(required=False, help_text="From 37.0.")
    photoVersionId = _null_text(required=False, help_text="From 24.0; null for the default "
                                                          "photo.")
    smallPhotoUrl = serializers.URLField(required=False)
    standardEmailPhotoUrl = serializers.URLField(required=False, help_text="From 27.0.")
    url = _text(required=False, help_text="From 27.0.")


class ChatterUserSummary(serializers.Serializer):
    additionalLabel = _null_text()
    communityNickname = _text()
    companyName = _null_text()
    displayName = _text()
    firstName = _null_text()
    id = _text()
    isActive = serializers.BooleanField()
    isInThisCommunity = serializers.BooleanField()
    lastName = _text()
    mySubscription = ChatterReference(allow_null=True)
    name = _text()
    photo = ChatterPhoto()
    title = _null_text()
    type = serializers.ChoiceField(["User"])
    url = _text()
    userType = serializers.ChoiceField(["Internal"])


class ChatterCommunity(serializers.Serializer):
    description = _null_text()
    id = _text()
    invitationsEnabled = serializers.BooleanField()
    name = _text()
    sendWelcomeEmail = serializers.BooleanField()
    status = serializers.ChoiceField(["Live"])
    url = _text()
    urlPathPrefix = _null_text()


class ChatterCommunityList(serializers.Serializer):
    communities = ChatterCommunity(many=True)
    total = serializers.IntegerField()


class ChatterGroup(serializers.Serializer):
    additionalLabel = _null_text()
    community = ChatterReference(allow_null=True)
    description = _null_text()
    id = _text()
    isArchived = serializers.BooleanField()
    isAutoArchiveDisabled = serializers.BooleanField()
    memberCount = serializers.IntegerField()
    myRole = serializers.ChoiceField(["GroupOwner", "GroupManager", "StandardMember",
                                      "NotAMember"])
    mySubscription = ChatterReference(allow_null=True)
    name = _text()
    owner = ChatterUserSummary()
    photo = ChatterPhoto()
    type = serializers.ChoiceField(["CollaborationGroup"])
    url = _text()
    visibility = serializers.ChoiceField(["PublicAccess", "PrivateAccess"])


class ChatterPage(serializers.Serializer):
    currentPageUrl = _text()
    nextPageUrl = _null_text()
    previousPageUrl = _null_text()


class ChatterGroupPage(ChatterPage):
    groups = ChatterGroup(many=True)


class ChatterGroupMember(serializers.Serializer):
    id = _text()
    role = serializers.ChoiceField(["GroupOwner", "GroupManager", "StandardMember"])
    url = _text()
    user = ChatterUserSummary()


class ChatterGroupMemberPage(ChatterPage):
    members = ChatterGroupMember(many=True)
    myMembership = ChatterReference(allow_null=True)
    totalMemberCount = serializers.IntegerField()


class ChatterFileSummary(serializers.Serializer):
    checksum = _text()
    contentModifiedDate = serializers.DateTimeField()
    contentSize = serializers.IntegerField()
    contentUrl = _null_text()
    createdDate = serializers.DateTimeField()
    description = _null_text()
    downloadUrl = _text()
    fileExtension = _null_text()
    fileType = _text()
    flashRenditionStatus = _text()
    id = _text()
    isInMyFileSync = serializers.BooleanField()
    isMajorVersion = serializers.BooleanField()
    latestPublishedVersionId = _text()
    mimeType = _text()
    modifiedDate = serializers.DateTimeField()
    mySubscription = ChatterReference(allow_null=True)
    name = _text()
    origin = _text()
    owner = ChatterUserSummary()
    pageCount = serializers.IntegerField()
    pdfRenditionStatus = _text()
    publishStatus = _text()
    renditionUrl = _null_text()
    renditionUrl240By180 = _null_text()
    renditionUrl720By480 = _null_text()
    sharingRole = serializers.ChoiceField(["Owner", "Viewer"])
    thumb120By90RenditionStatus = _text()
    thumb240By180RenditionStatus = _text()
    thumb720By480RenditionStatus = _text()
    title = _text()
    type = serializers.ChoiceField(["File"])
    url = _text()
    versionNumber = _text()


class ChatterFilePage(ChatterPage):
    files = ChatterFileSummary(many=True)


class ChatterVersion(serializers.Serializer):
    label = _text(help_text="Winter '11...")
    url = _text()
    version = _text()


# --- requests ------------------------------------------------------------------------------------
_STORABLE = {"type": "string", "pattern": _nothing_unstorable()}


def _closed(properties: dict, required=(), **extra) -> dict:
    return {"type": "object", "properties": properties, "required": list(required),
            "additionalProperties": False, **extra}


def _body(schema: dict, form: dict | None = None) -> dict:
    """A request body as JSON, or as form fields (request parameters) of the same names."""
    return {"application/json": schema,
            "application/x-www-form-urlencoded": form or schema}


GROUP_INPUT = _body(_closed({
    # a name is 1 to 40 characters, not all white space
    "name": {"type": "string", "maxLength": 40,
             "pattern": "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"},
    "visibility": {"type": "string", "enum": ["PublicAccess", "PrivateAccess"]},
    "description": {**_STORABLE, "maxLength": 4000},
}, required=["name", "visibility"]))

MEMBER_INPUT = _body(_closed({
    "userId": {"type": "string", "pattern": USER_ID},
    "role": {"type": "string", "enum": ["StandardMember", "Standard", "GroupManager"],
             "description": "From 29.0."},
}, required=["userId"]))

_CROP = {name: {"type": "integer", "minimum": 0, "maximum": 10**9,
                "description": "From 29.0; cropX, cropY and cropSize go together."}
         for name in ("cropX", "cropY", "cropSize")}
_CROP_TOGETHER = {"dependentRequired": {"cropX": ["cropY", "cropSize"],
                                        "cropY": ["cropX", "cropSize"],
                                        "cropSize": ["cropX", "cropY"]}}
PHOTO_INPUT = {
    "multipart/form-data": _closed({
        "fileUpload": {"type": "string", "format": "binary",
                       "description": "The image (JPEG, PNG, GIF or WebP)."},
        **_CROP,
    }, required=["fileUpload"], **_CROP_TOGETHER),
    "application/json": _closed({
        "fileId": {"type": "string", "pattern": id_pattern(ids.FILE),
                   "description": "From 25.0: a file of the caller's to use as the photo."},
        "versionNumber": {"type": "integer", "minimum": 1, "maximum": 10**18 - 1},
        **_CROP,
    }, required=["fileId"], **_CROP_TOGETHER),
}

FILE_INPUT = {"multipart/form-data": _closed({
    "fileData": {"type": "string", "format": "binary", "minLength": 1,
                 "description": "The file's bytes (an empty file is refused)."},
    "title": {**_STORABLE, "maxLength": 255},
    "desc": {**_STORABLE, "maxLength": 1000},
}, required=["fileData"])}


# --- query parameters ----------------------------------------------------------------------------
def _integer(low: int, high: int) -> dict:
    return {"type": "integer", "minimum": low, "maximum": high}


PAGE_PARAMETERS = [
    OpenApiParameter("page", _integer(0, MAX_PAGE), description="The page, from 0."),
    OpenApiParameter("pageSize", _integer(1, 250), description="1 to 250 (25 by default)."),
]
VERSION_NUMBER = OpenApiParameter("versionNumber", _integer(1, 10**18 - 1),
                                  description="A version of the file (its latest by default).")


def image(description: str) -> dict:
    """``responses`` of a URL that answers an image: a rendition (JPEG, or PNG where it is
    transparent) or a default photo (PNG)."""
    return {(200, media): OpenApiResponse(OpenApiTypes.BINARY, description=description)
            for media in ("image/jpeg", "image/png")}
