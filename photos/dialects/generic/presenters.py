"""The generic photo API's bodies (seed 001): its field names (``_id``, ``images``, ``tmp``,
``large_url``...) live only here. Every value is computed from the engine (renditions and their
URLs), so these are plain functions over model instances."""

from __future__ import annotations

from datetime import UTC

from photos.delivery import rendition_url
from photos.permissions import target_of

SIZES = ("original", "large", "small", "icon")
SUCCESS = {"success": True}


def error(code: str, message: str) -> dict:
    return {"success": False, "error": {"code": code, "message": message}}


def iso_time(value) -> str:
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _image(photo, spec: str, request) -> dict:
    rendition = photo.rendition(spec)
    if rendition is None:  # not rendered yet (or failed): same shape, no values
        return {"url": None, "size": None, "dimensions": None}
    return {
        "url": rendition_url(rendition, request),
        "size": str(rendition.byte_size),
        "dimensions": {"width": rendition.width, "height": rendition.height},
    }


def target(photo) -> str | None:
    """``"<type>:<id>"``, e.g. ``"group:0F9..."``; the type keeps IDs of different objects
    apart, and ``PUT /photo/{id}`` accepts the same string back."""
    if photo.is_temporary:
        return None
    target_type, obj = target_of(photo)
    if target_type is None:
        return None
    public_id = target_type.public_id(obj) if obj is not None else photo.target_id
    return f"{target_type.key}:{public_id}"


def photo(photo, request) -> dict:
    images = {spec: _image(photo, spec, request) for spec in SIZES}
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
        "target": target(photo),
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
