"""The generic photo API's request values: photo IDs, the uploaded image part, the photo's
name and the ``target`` of ``PUT /photo/{photo-id}``."""

from collections.abc import Mapping

from photos import errors
from photos.dialects import params
from photos.models import PUBLIC_ID_RE

UPLOAD_PARTS = ("source", "file")
# the seed's ``type`` is one of these: the other images the engine reads (BMP, WebP) are refused
PHOTO_FORMATS = ("JPEG", "PNG", "GIF")
MAX_NAME = 255


def photo_id(value: str) -> str:
    """A photo's public ID; anything else names no photo (and never reaches the database)."""
    if not PUBLIC_ID_RE.fullmatch(value):
        raise errors.NotFound(f"No photo {value}.")
    return value


def upload(request):
    for part in UPLOAD_PARTS:
        found = request.FILES.get(part)
        if found is not None:
            return found
    raise errors.MissingFile("Send the image as a multipart part named source (or file).")


def name(request) -> str:
    return params.storable(str(request.data.get("name", "")), "name")[:MAX_NAME]


def target(request) -> tuple[str | None, str, object]:
    """``(type or None, id, the value as sent)`` of ``target``: ``"<type>:<id>"``, an object
    ``{"type": ..., "id": ...}``, or a bare ID (type None), JSON or form-encoded."""
    data = request.data
    # a JSON body may be any value (null, a list, a string), not only an object
    if not isinstance(data, Mapping) or "target" not in data:
        raise errors.InvalidInput("The target is required.", param="target")
    value = data["target"]
    if isinstance(value, dict):
        kind, object_id = value.get("type"), value.get("id")
    elif isinstance(value, str) and ":" in value:
        kind, _, object_id = value.partition(":")
    elif isinstance(value, str | int) and str(value).strip():
        kind, object_id = None, str(value).strip()
    else:
        raise errors.InvalidInput("Name the target: \"<type>:<id>\".", param="target")
    if not isinstance(object_id, str | int) or not str(object_id).strip():
        raise errors.InvalidInput("The target has no id.", param="target")
    return (None if kind is None else str(kind)), str(object_id).strip(), value
