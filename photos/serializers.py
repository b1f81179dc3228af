"""The shapes of photos in the generic photo API (Graph's are in ``photos.dialects.graph
.presenters``).

Dialect names (``_id``, ``images``, ``large_url``) live only here. Plain
functions over model instances: the bodies are read-only projections and every value is
computed from the engine (renditions and their URLs), so no DRF serializer class would earn its
place.
"""

from __future__ import annotations

from datetime import UTC

from photos.delivery import rendition_url
from photos.permissions import target_of

GENERIC_SIZES = ("original", "large", "small", "icon")


# --- generic ------------------------------------------------------------------------------------
def iso_time(value) -> str:
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _generic_image(photo, spec: str, request) -> dict:
    rendition = photo.rendition(spec)
    if rendition is None:  # not rendered yet (or failed): same shape, no values
        return {"url": None, "size": None, "dimensions": None}
    return {
        "url": rendition_url(rendition, request),
        "size": str(rendition.byte_size),
        "dimensions": {"width": rendition.width, "height": rendition.height},
    }


def generic_target(photo) -> str | None:
    """``"<type>:<id>"``, e.g. ``"group:0F9..."``; the type keeps IDs of different objects
    apart, and ``PUT /photo/{id}`` accepts the same string back."""
    if photo.is_temporary:
        return None
    target_type, target = target_of(photo)
    if target_type is None:
        return None
    public_id = target_type.public_id(target) if target is not None else photo.target_id
    return f"{target_type.key}:{public_id}"


def generic_photo(photo, request) -> dict:
    images = {spec: _generic_image(photo, spec, request) for spec in GENERIC_SIZES}
    original = images["original"]
    return {
        "_id": photo.public_id,
        "name": photo.name,
        "tmp": photo.is_temporary,
        "type": photo.mime_type,
        # not part of the seed: renditions are made after the upload, so a client can tell
        # "pending" from "ready" (the images' values are null until then) and "failed"
        "status": photo.status,
        "images": images,
        "owner": str(photo.owner_id) if photo.owner_id else None,
        "target": generic_target(photo),
        "thirdparty": photo.application.client_id if photo.application_id else None,
        "workspace": str(photo.workspace_id) if photo.workspace_id else None,
        "created_time": iso_time(photo.created_at),
        "updated_time": iso_time(photo.updated_at),
        "url": original["url"],
        "size": original["size"],
        "dimensions": original["dimensions"],
        "large_url": images["large"]["url"],
        "small_url": images["small"]["url"],
        "icon_url": images["icon"]["url"],
    }
