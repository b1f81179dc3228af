"""The generic photo API (seed 001) in the OpenAPI document: its bodies (documentation
serializers named like the API's own objects), its error body and the statuses that carry it,
its path parameters, and the ``extend_schema`` decorators of its views."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers

from photos import targets
from photos.dialects.generic import params
from photos.dialects.generic.errors import TABLE
from photos.models import PUBLIC_ID_RE, Photo

TAG = "Generic photos"


# --- bodies --------------------------------------------------------------------------------------
class GenericDimensions(serializers.Serializer):
    width = serializers.IntegerField(min_value=1)
    height = serializers.IntegerField(min_value=1)


class GenericImage(serializers.Serializer):
    """One rendition; every value is null until it is rendered."""

    url = serializers.URLField(allow_null=True)
    size = serializers.RegexField(r"^[0-9]+$", allow_null=True, help_text="Bytes, as a string.")
    dimensions = GenericDimensions(allow_null=True)


class GenericImages(serializers.Serializer):
    original = GenericImage(help_text="The photo uploaded, at its own size and in its own "
                                      "format, without its metadata (a crop is encoded).")
    large = GenericImage()
    small = GenericImage()
    icon = GenericImage()


class GenericPhoto(serializers.Serializer):
    _id = serializers.RegexField(rf"^{PUBLIC_ID_RE.pattern}$")
    name = serializers.CharField(allow_blank=True)
    tmp = serializers.BooleanField(help_text="True until the photo is attached to an object.")
    type = serializers.CharField(help_text="The MIME type of the uploaded image.")
    status = serializers.ChoiceField(Photo.Status.values,
                                     help_text="`pending` until the renditions exist.")
    images = GenericImages()
    owner = serializers.CharField(allow_null=True)
    target = serializers.CharField(allow_null=True,
                                   help_text='`"<type>:<id>"` of the object it is attached to.')
    thirdparty = serializers.CharField(allow_null=True,
                                       help_text="The client_id of the uploading application.")
    workspace = serializers.CharField(allow_null=True)
    created_time = serializers.DateTimeField()
    updated_time = serializers.DateTimeField()
    url = serializers.URLField(allow_null=True)
    size = serializers.RegexField(r"^[0-9]+$", allow_null=True)
    dimensions = GenericDimensions(allow_null=True)
    large_url = serializers.URLField(allow_null=True)
    small_url = serializers.URLField(allow_null=True)
    icon_url = serializers.URLField(allow_null=True)


class GenericSuccess(serializers.Serializer):
    success = serializers.BooleanField()


class GenericErrorDetail(serializers.Serializer):
    code = serializers.ChoiceField(sorted({row.code for row in TABLE.rows.values()}))
    message = serializers.CharField(allow_blank=True)


class GenericError(serializers.Serializer):
    success = serializers.BooleanField()
    error = GenericErrorDetail()


# --- request bodies ------------------------------------------------------------------------------
# A multipart text part: whatever is sent is its text (an "object" arrives as its JSON text),
# so it has no JSON type that a request could break (schemathesis would send `{}` as
# "invalid" and see it accepted as the text "{}").
@extend_schema_field({"contentMediaType": "text/plain"})
class TextPart(serializers.CharField):
    pass


class GenericUpload(serializers.Serializer):
    """A multipart upload. The image is the part ``source``; a part named ``file`` is taken in
    its place when there is no ``source`` (an alias the document leaves out: a schema cannot
    say "one of two parts" in a way a client generator or schemathesis reads right)."""

    source = serializers.FileField(help_text="The image (JPEG, PNG or GIF).")
    name = TextPart(
        required=False, allow_blank=True,
        help_text=f"The photo's name (its first {params.MAX_NAME} characters are kept).")


def _kinds() -> list[str]:
    return sorted(target_type.key for target_type in targets.all_types())


def _target_string() -> dict:
    kinds = "|".join(_kinds())
    return {"type": "string", "pattern": rf"^(?:(?:{kinds}):.*\S.*|[^:]*\S[^:]*)$",
            "description": '`"<type>:<id>"` (`"group:0F9..."`), or a bare ID (no colon) '
                           "that exactly one object the caller may read has"}


@extend_schema_field({"anyOf": [
    _target_string(),
    {"type": "integer", "description": "a bare ID"},
    {"type": "object", "required": ["type", "id"],
     "properties": {"type": {"type": "string", "enum": _kinds()},
                    "id": {"anyOf": [{"type": "string", "pattern": r"\S"},
                                     {"type": "integer"}]}}},
]})
class TargetField(serializers.Field):
    pass


@extend_schema_field(_target_string())
class TargetStringField(serializers.Field):
    pass


class GenericAttach(serializers.Serializer):
    target = TargetField(help_text="The object to attach the temporary photo to.")


class GenericAttachForm(serializers.Serializer):
    """A form can only send ``target`` as a string."""

    target = TargetStringField(help_text="The object to attach the temporary photo to.")


# --- errors and parameters -----------------------------------------------------------------------
def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(GenericError, description=description)


# every status the error table answers, and those the base view answers (token, scope, method)
_DESCRIBED = {
    400: "Invalid input, or an image that cannot be read.",
    401: "No token, or one that is invalid or expired.",
    403: "The token lacks the scope, or the caller may not change the object.",
    404: "No such photo or object (or one the caller may not see).",
    405: "The method is not allowed here.",
    413: "The image is too large (bytes or pixels).",
    415: "Not a JPEG, PNG or GIF image.",
    429: "Too many requests (`too_many_requests`): the token's, or the address's without a valid "
         "token, rate is spent; retry after `Retry-After` seconds.",
    500: "An unexpected error (logged with an id).",
    503: "A service the request needs is unavailable; retry later.",
    507: "The storage is full.",
}
ERRORS = {status: _error(text) for status, text in _DESCRIBED.items()}

PHOTO_ID = OpenApiParameter(
    "photo_id", OpenApiTypes.STR, OpenApiParameter.PATH,
    description="The photo's ID (24 hexadecimal digits); anything else names no photo (404).",
    pattern=rf"^{PUBLIC_ID_RE.pattern}$")


KIND = OpenApiParameter(
    "kind", OpenApiTypes.STR, OpenApiParameter.PATH, enum=_kinds(),
    description="The type of the object to publish onto (an unknown type: 404).")
OBJECT_ID = OpenApiParameter(
    "object_id", OpenApiTypes.STR, OpenApiParameter.PATH,
    description="The object's ID as its own API shows it (`42`, `0F9...`); unknown: 404.",
    pattern=r"^[^/]+$")

_UPLOAD = {"multipart/form-data": GenericUpload}

# --- the views' decorators -----------------------------------------------------------------------
photo_get = extend_schema(summary="A photo", parameters=[PHOTO_ID],
                          responses={200: GenericPhoto})
photo_put = extend_schema(
    summary="Attach a temporary photo to an object", parameters=[PHOTO_ID],
    request={"application/json": GenericAttach,
             "application/x-www-form-urlencoded": GenericAttachForm},
    responses={200: GenericSuccess})
photo_delete = extend_schema(summary="Delete a photo", parameters=[PHOTO_ID],
                             responses={200: GenericSuccess})
temporary_post = extend_schema(summary="Upload a temporary photo (attached to nothing yet)",
                               request=_UPLOAD, responses={201: GenericPhoto})
object_post = extend_schema(summary="Publish a photo onto an object",
                            parameters=[KIND, OBJECT_ID], request=_UPLOAD,
                            responses={201: GenericPhoto})
# the edge of a type nobody registered answers 404 at the same path template as object_post
undocumented = extend_schema(exclude=True)
