"""The Graph dialect's OpenAPI description: its bodies as documentation serializers (used only
for the schema; ``presenters`` builds the real bodies), its error body and ``ERRORS``, its path
and query parameters, and the ``extend_schema_view`` of each path ``photos.api.graph.views``
serves.

Every body Graph answers may be cut down by ``fields=``: only ``id`` is always there, so every
other property is optional. An ID names a user (``me`` or digits), an album (16 digits), a photo
(24 hexadecimal characters) or a post (``{user-id}_{photo-id}``); an ID of that shape that names
nothing, or an object the caller cannot see, answers 400 (code 100), as Graph does.
"""

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers

from photos.dialects.graph import params, presenters

TAG = "Graph"


# -- error body ------------------------------------------------------------------------------

class GraphErrorDetail(serializers.Serializer):
    message = serializers.CharField()
    type = serializers.CharField(help_text="`OAuthException`, or `GraphMethodException` for an "
                                           "unknown object or method.")
    code = serializers.IntegerField(help_text="Graph's error code (100, 104, 190, 200...).")
    error_subcode = serializers.IntegerField(required=False)
    fbtrace_id = serializers.CharField(required=False)


class GraphError(serializers.Serializer):
    error = GraphErrorDetail()


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(GraphError, description=description)


# every status the error table (errors.TABLE) answers: Graph answers a missing or invalid token
# and an unknown object with 400, never 401. A 404 is not Graph's: a path whose ID has other
# characters than Graph's IDs is no Graph URL at all.
ERRORS = {
    400: _error("Bad parameters, no or an invalid access token (codes 104, 190, 2500), an "
                "unknown or invisible object or a method it does not have (100, "
                "`GraphMethodException`), a full album (321), a missing or invalid image "
                "(324), too many requests (17 for a user's token, 4 for an application's or "
                "for calls without a valid token; see `Retry-After`)."),
    403: _error("A missing permission (10 to read, 200 to publish) or an action on someone "
                "else's object (200)."),
    404: OpenApiResponse(description="No Graph URL: an ID of other characters than letters, "
                                     "digits and `_` (the site's own 404 page)."),
    405: _error("A method the path has on no object (code 100, `GraphMethodException`)."),
    500: _error("An unexpected error (code 2)."),
    503: _error("A service (storage) is unavailable; retry after `Retry-After` seconds "
                "(code 2)."),
}


# -- bodies ----------------------------------------------------------------------------------

def _enum(*values: str) -> type[serializers.Field]:
    # not a ChoiceField: its component would be named after the field (``TypeEnum``), a name
    # every dialect could take
    return extend_schema_field({"type": "string", "enum": list(values)})(
        type("EnumField", (serializers.Field,), {}))


def with_from(required=True):
    """Adds ``from`` (the author; a Python keyword, so no class attribute) to a body."""

    def add(serializer):
        serializer._declared_fields["from"] = GraphUser(required=required)
        return serializer

    return add


TIME = "Graph's time: `2026-11-29T23:03:13+0000`."


class GraphUser(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()


class GraphUserNode(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField(required=False)
    first_name = serializers.CharField(required=False)
    last_name = serializers.CharField(required=False)
    username = serializers.CharField(required=False)


@with_from(required=False)
class GraphAlbum(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField(required=False)
    description = serializers.CharField(required=False)
    count = serializers.IntegerField(required=False)
    type = _enum("app", "normal")(required=False)
    can_upload = serializers.BooleanField(required=False)
    created_time = serializers.CharField(required=False, help_text=TIME)
    updated_time = serializers.CharField(required=False, help_text=TIME)



class GraphCursors(serializers.Serializer):
    before = serializers.CharField()
    after = serializers.CharField()


class GraphPaging(serializers.Serializer):
    cursors = GraphCursors()
    previous = serializers.URLField(required=False, help_text="Left out on the first page.")
    next = serializers.URLField(required=False, help_text="Left out on the last page.")


def _page(name: str, item) -> type[serializers.Serializer]:
    """A page of ``item``: ``{"data": [...], "paging": ...}`` (no ``paging`` when empty)."""
    return type(name, (serializers.Serializer,), {
        "data": item(many=True),
        "paging": GraphPaging(required=False),
        "__doc__": f"A page of {item.__name__}, paged by cursor.",
    })


@with_from()
class GraphComment(serializers.Serializer):
    id = serializers.CharField(help_text="`{photo-id}_{comment-id}`.")
    message = serializers.CharField()
    created_time = serializers.CharField(help_text=TIME)



class GraphTag(serializers.Serializer):
    id = serializers.CharField(required=False, help_text="The tagged user (a text tag has "
                                                         "none).")
    name = serializers.CharField()
    x = serializers.FloatField(required=False, help_text="Percent of the width.")
    y = serializers.FloatField(required=False, help_text="Percent of the height.")
    created_time = serializers.CharField(help_text=TIME)


GraphCommentPage = _page("GraphCommentPage", GraphComment)
GraphLikePage = _page("GraphLikePage", GraphUser)
GraphTagPage = _page("GraphTagPage", GraphTag)


class GraphObjectRef(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()


class GraphNameTag(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    type = serializers.CharField()
    offset = serializers.IntegerField()
    length = serializers.IntegerField()


class GraphImage(serializers.Serializer):
    height = serializers.IntegerField()
    width = serializers.IntegerField()
    source = serializers.URLField()


@with_from(required=False)
class GraphPhoto(serializers.Serializer):
    """A photo; a photo still being processed has no ``picture``, ``source``, ``images``,
    ``icon``, ``link``, ``height`` or ``width`` yet."""

    id = serializers.CharField(help_text="24 hexadecimal characters.")
    album = GraphObjectRef(required=False)
    tags = GraphTagPage(required=False)
    name = serializers.CharField(required=False, help_text="The caption.")
    name_tags = serializers.ListField(child=GraphNameTag(many=True), required=False,
                                      help_text="One array per offset in the caption.")
    icon = serializers.URLField(required=False)
    picture = serializers.URLField(required=False)
    source = serializers.URLField(required=False)
    height = serializers.IntegerField(required=False)
    width = serializers.IntegerField(required=False)
    images = GraphImage(many=True, required=False,
                        help_text="The stored representations, 960 px on the long edge down to "
                                  "75 (never larger than the photo), largest first.")
    link = serializers.URLField(required=False)
    place = GraphObjectRef(required=False)
    created_time = serializers.CharField(required=False, help_text=TIME)
    updated_time = serializers.CharField(required=False, help_text=TIME)
    position = serializers.IntegerField(required=False)
    comments = GraphCommentPage(required=False)
    likes = GraphLikePage(required=False)



@with_from()
class GraphPost(serializers.Serializer):
    """The story of an upload."""

    id = serializers.CharField(help_text="`{user-id}_{photo-id}`.")
    message = serializers.CharField(required=False)
    picture = serializers.URLField(required=False)
    link = serializers.URLField(required=False)
    object_id = serializers.CharField()
    type = _enum("photo")()
    created_time = serializers.CharField(help_text=TIME)
    updated_time = serializers.CharField(help_text=TIME)


GraphPhotoPage = _page("GraphPhotoPage", GraphPhoto)
GraphAlbumPage = _page("GraphAlbumPage", GraphAlbum)


class GraphPictureData(serializers.Serializer):
    url = serializers.URLField()
    is_silhouette = serializers.BooleanField()


class GraphPicture(serializers.Serializer):
    data = GraphPictureData()


class GraphCreated(serializers.Serializer):
    id = serializers.CharField()


class GraphPublished(serializers.Serializer):
    id = serializers.CharField(help_text="The photo's ID.")
    post_id = serializers.CharField(help_text="The story's ID: `{user-id}_{photo-id}`.")


class GraphNode(serializers.Serializer):
    """Any object: a user, an album, a photo or a post (its schema: GraphNodeSchema)."""


class GraphNodeSchema(OpenApiSerializerExtension):
    """A node is any of the four, each cut down by ``fields=``: anyOf, not oneOf, as
    ``{"id": ...}`` is all four at once."""

    target_class = GraphNode

    def map_serializer(self, auto_schema, direction):
        return {"anyOf": [auto_schema.resolve_serializer(body, direction).ref
                          for body in (GraphUserNode, GraphAlbum, GraphPhoto, GraphPost)]}

DONE = OpenApiResponse(OpenApiTypes.BOOL, description="`true`: done.")


# -- request bodies --------------------------------------------------------------------------
# Graph reads a parameter from the query or the body, and takes a JSON value as its text (a
# number for a name, say): a body field's schema says what the text must be, with no JSON type.

def _loose(schema: dict) -> type[serializers.Field]:
    """A body field of any JSON type whose text ``schema`` describes."""
    return extend_schema_field(schema)(type("LooseField", (serializers.Field,), {}))


Text = _loose({})
_DIGITS = {"pattern": r"^[0-9]{1,19}$"}
_PERCENT = {"minimum": 0, "maximum": 100}
Digits = _loose(_DIGITS)
# an upload's place: a workspace's ID, or empty for none (a form's blank field)
Place = _loose({"pattern": r"^([0-9]{1,19})?$"})
Percent = _loose(_PERCENT)


class GraphPhotoUpload(serializers.Serializer):
    source = serializers.FileField(required=False, help_text="The image (JPEG, PNG, GIF, "
                                                             "WebP...). Or `url`.")
    url = Text(required=False, help_text="An image to fetch instead of `source`.")
    message = Text(required=False, help_text="The caption; `@[user-id]` or `@[user-id:text]` "
                                             "names someone.")
    caption = Text(required=False, help_text="The caption, if no `message`.")
    place = Place(required=False, help_text="A workspace's ID the uploader belongs to (empty: "
                                            "none).")


class GraphPhotoUploadJson(serializers.Serializer):
    url = Text(required=False, help_text="An image to fetch.")
    message = Text(required=False, help_text="The caption.")
    caption = Text(required=False, help_text="The caption, if no `message`.")
    place = Place(required=False, help_text="A workspace's ID the uploader belongs to (empty: "
                                            "none).")


class GraphAlbumCreate(serializers.Serializer):
    name = Text(help_text="Not blank.")
    message = Text(required=False, help_text="The description.")


class GraphCommentCreate(serializers.Serializer):
    message = Text(help_text=f"Not blank, at most {params.MAX_COMMENT} characters.")


_TAG_ITEM = {"type": "object", "properties": {
    "tag_uid": {**_DIGITS, "description": "The user to tag."},
    "to": {**_DIGITS, "description": "The user to tag, if no `tag_uid`."},
    "tag_text": {"description": "A text tag (no user)."},
    "x": _PERCENT, "y": _PERCENT}}


class GraphTagCreate(serializers.Serializer):
    to = Digits(required=False, help_text="The user to tag.")
    tag_text = Text(required=False, help_text="A text tag (no user).")
    x = Percent(required=False, help_text="Percent of the width.")
    y = Percent(required=False, help_text="Percent of the height.")
    tags = _loose({"anyOf": [{"type": "array", "minItems": 1, "items": _TAG_ITEM},
                             {"type": "string"}]})(
        required=False, help_text="Several tags: an array (in a form: its JSON text).")


class GraphUserTagMove(serializers.Serializer):
    x = Percent(required=False, help_text="Percent of the width.")
    y = Percent(required=False, help_text="Percent of the height.")


class GraphTagRemove(serializers.Serializer):
    to = Digits(required=False, help_text="The user to untag.")


# -- parameters ------------------------------------------------------------------------------

# the IDs each kind of node has (params.POST_ID_RE, PUBLIC_ID_RE, 16-digit albums, user pks)
USER_ID_PATTERN = r"me|[0-9]{1,15}"
ALBUM_ID_PATTERN = r"[0-9]{16}"
PHOTO_ID_PATTERN = r"[0-9a-f]{24}"
POST_ID_PATTERN = r"[0-9]{1,19}_[0-9a-f]{24}"


def object_id(description: str, *patterns: str) -> OpenApiParameter:
    return OpenApiParameter("object_id", str, OpenApiParameter.PATH,
                            pattern=f"^({'|'.join(patterns)})$", description=description)


ANY_ID = object_id("`me`, a user's numeric ID, an album's (16 digits), a photo's (24 "
                   "hexadecimal characters) or a post's (`{user-id}_{photo-id}`).",
                   USER_ID_PATTERN, ALBUM_ID_PATTERN, PHOTO_ID_PATTERN, POST_ID_PATTERN)
USER_OR_ALBUM_ID = object_id("`me`, a user's numeric ID or an album's (16 digits).",
                             USER_ID_PATTERN, ALBUM_ID_PATTERN)
USER_ID_OF_PATH = object_id("`me` or a user's numeric ID.", USER_ID_PATTERN)
PHOTO_ID = object_id("A photo's ID (24 hexadecimal characters).", PHOTO_ID_PATTERN)
USER_ID = OpenApiParameter("user_id", str, OpenApiParameter.PATH, pattern=r"^[0-9]{1,19}$",
                           description="The user tagged.")
FIELDS = OpenApiParameter(
    "fields", str, description="The fields to answer, comma-separated (`id,name`); a "
                               "connection takes `.limit(n)` (`comments.limit(3)`).")
PAGING = [
    OpenApiParameter("limit", {"anyOf": [{"type": "integer", "minimum": 1,
                                         "maximum": 10**18 - 1}, {"const": ""}]},
                     description=f"Page size (at most {params.MAX_LIMIT}, "
                                               f"{params.DEFAULT_LIMIT} by default)."),
    OpenApiParameter("after", str, description="The cursor after which the page starts."),
    OpenApiParameter("before", str, description="The cursor before which the page ends."),
]
PICTURE = [
    OpenApiParameter("type", str, enum=["", *presenters.PICTURE_TYPES],
                     description="The picture's size (`album` by default)."),
    OpenApiParameter("redirect", str, description="`false` (or `0`): answer the URL in a body "
                                                  "instead of redirecting to it."),
]
RETRY_AFTER = OpenApiParameter("Retry-After", int, OpenApiParameter.HEADER, response=[503])


def api_version(statuses) -> OpenApiParameter:
    """``facebook-api-version`` on the answers of ``statuses``: every Graph answer (the
    ``ids=`` lookup's 404 included) carries it, but a 404 may be no Graph URL at all (an ID of
    other characters), so it is not promised there."""
    return OpenApiParameter(
        "facebook-api-version", str, OpenApiParameter.HEADER, response=sorted(statuses),
        required=True, pattern=r"^v[0-9]+\.[0-9]+$",
        description="The version that served the call: the path's, else the default version "
                    "(`v2.0`).")
IDS_PARAM = OpenApiParameter(
    "ids", str, required=True, pattern=r"^\s*[A-Za-z0-9_]+\s*(,\s*[A-Za-z0-9_]+\s*)*,?\s*$",
    description="The objects to answer, comma-separated (at most 50): any ID `/{object_id}` "
                "takes.")
LOCATION = OpenApiParameter("Location", str, OpenApiParameter.HEADER, response=[302],
                            description="The picture's URL.")

_FORMS = ["multipart/form-data", "application/x-www-form-urlencoded", "application/json"]


def ok(body, description: str) -> OpenApiResponse:
    return OpenApiResponse(body, description=description)


def _operation(summary, responses, parameters=(), request=None, forms=_FORMS, node=PHOTO_ID):
    # an operation's own 404 (by media type: ``(404, "application/json")``) replaces ERRORS'
    own_404 = any(isinstance(key, tuple) and key[0] == 404 for key in responses)
    errors = {status: response for status, response in ERRORS.items()
              if not (own_404 and status == 404)}
    statuses = {key[0] if isinstance(key, tuple) else key for key in [*responses, *errors]}
    return extend_schema(
        summary=summary, parameters=[
            *([node] if node else []), *parameters, RETRY_AFTER,
            api_version(statuses - {404})],
        request=(request if isinstance(request, dict) else
                 {media: request for media in forms} if request else None),
        responses={**errors, **responses})


_TEXT_FORMS = ["application/x-www-form-urlencoded", "application/json"]

# a method no object of the path has: answered "Unsupported <method> request." (400, #100), as
# Graph answers it, but no operation of the API
EXCLUDED = extend_schema(exclude=True)

OBJECT = extend_schema_view(
    get=_operation("An object: a user, an album, a photo or a post",
                   {200: ok(GraphNode, "The object's fields.")}, [FIELDS], node=ANY_ID),
    delete=_operation("Delete a photo (its uploader only)", {200: DONE}),
    post=EXCLUDED,
)

CONNECTIONS = {
    "photos": extend_schema_view(
        get=_operation("The photos of a user (posted, or tagged in) or an album",
                       {200: ok(GraphPhotoPage, "A page of photos.")}, [FIELDS, *PAGING],
                       node=USER_OR_ALBUM_ID),
        post=_operation("Upload a photo to the caller's application album, or to an album",
                        {200: ok(GraphPublished, "The photo and its story.")},
                        request={"multipart/form-data": GraphPhotoUpload,
                                 "application/json": GraphPhotoUploadJson},
                        node=USER_OR_ALBUM_ID),
        delete=EXCLUDED,
    ),
    "albums": extend_schema_view(
        get=_operation("A user's albums", {200: ok(GraphAlbumPage, "A page of albums.")},
                       [FIELDS, *PAGING], node=USER_ID_OF_PATH),
        post=_operation("Create an album (for the caller)",
                        {200: ok(GraphCreated, "The new album.")}, request=GraphAlbumCreate,
                        node=USER_ID_OF_PATH),
        delete=EXCLUDED,
    ),
    "picture": extend_schema_view(
        get=_operation("A photo's picture: a redirect to it, or its URL",
                       {200: ok(GraphPicture, "The URL (`redirect=false`)."),
                        302: OpenApiResponse(description="To the picture.")},
                       [*PICTURE, LOCATION]),
        post=EXCLUDED, delete=EXCLUDED,
    ),
    "comments": extend_schema_view(
        get=_operation("A photo's comments", {200: ok(GraphCommentPage, "A page of comments.")},
                       PAGING),
        post=_operation("Comment on a photo", {200: ok(GraphCreated, "The new comment.")},
                        request=GraphCommentCreate),
        delete=EXCLUDED,
    ),
    "likes": extend_schema_view(
        get=_operation("Who likes a photo",
                       {200: ok(GraphLikePage, "A page of the people who like it.")}, PAGING),
        post=_operation("Like a photo", {200: DONE}),
        delete=_operation("Unlike a photo", {200: DONE}),
    ),
    "tags": extend_schema_view(
        get=_operation("The people and texts tagged in a photo",
                       {200: ok(GraphTagPage, "A page of tags.")}, PAGING),
        post=_operation("Tag people or texts in a photo", {200: DONE}, request=GraphTagCreate,
                        forms=_TEXT_FORMS),
        delete=_operation("Untag someone", {200: DONE}, request=GraphTagRemove,
                          forms=_TEXT_FORMS),
    ),
}

USER_TAG = extend_schema_view(
    post=_operation("Tag someone in a photo, or move their tag", {200: DONE}, [USER_ID],
                    request=GraphUserTagMove, forms=_TEXT_FORMS),
    delete=_operation("Untag someone", {200: DONE}, [USER_ID]),
)

class GraphNodes(serializers.Serializer):
    """``{id: object}``: each ID asked for, as ``/{object_id}`` answers it (schema below)."""


class GraphNodesSchema(OpenApiSerializerExtension):
    target_class = GraphNodes

    def map_serializer(self, auto_schema, direction):
        return {"type": "object",
                "additionalProperties": auto_schema.resolve_serializer(GraphNode, direction).ref}


_IDS_ERRORS = {
    (404, "application/json"): _error(
        "An ID that names no object, or one the caller cannot see (code 803: \"Some of the "
        "aliases you requested do not exist\")."),
    (404, "text/html"): OpenApiResponse(OpenApiTypes.STR, description=(
        "No Graph URL: a version of other characters than `v{major}.{minor}` (the site's own "
        "404 page).")),
}

IDS = extend_schema_view(
    get=_operation("Several objects at once (`?ids=a,b`)",
                   {200: ok(GraphNodes, "Each object, keyed by its ID as asked."),
                    **_IDS_ERRORS}, [IDS_PARAM, FIELDS], node=None),
)

UNDESCRIBED = extend_schema(exclude=True)  # a connection no node has: answered 400, as Graph
