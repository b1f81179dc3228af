"""Graph's bodies: users, albums, photos, posts, comments, likes, tags, pictures. Graph's field
names (``from``, ``picture``, ``images``, ``name_tags``...) live here and nowhere else. Plain
functions over model instances: the bodies are read-only projections computed from the engine
(renditions and their URLs), so no DRF serializer class would earn its place.
"""

from __future__ import annotations

from datetime import UTC

from photos.delivery import rendition_url

# Graph's documented representations (2013: long edge 960 down to 75), proportional; neither the
# generic square crops nor the original (the upload itself, any size) are among them
GRAPH_SIZES = ("graph_960", "graph_720", "graph_480", "graph_320", "graph_180",
               "graph_130", "graph_75")
PICTURE_TYPES = {"thumbnail": "graph_130", "album": "graph_180", "normal": "graph_960"}
USER_FIELDS = ("id", "name", "first_name", "last_name", "username")
ALBUM_FIELDS = ("id", "from", "name", "description", "count", "type", "can_upload",
                "created_time", "updated_time")


def graph_time(value) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def graph_user(user) -> dict:
    return {"id": str(user.pk), "name": user.display_name}


def graph_images(photo, request) -> list[dict]:
    """The stored representations, largest first, one per size (a small photo is not
    enlarged, so several specs can share a size)."""
    seen, images = set(), []
    renditions = [r for r in (photo.rendition(spec) for spec in GRAPH_SIZES) if r is not None]
    for rendition in sorted(renditions, key=lambda r: r.width * r.height, reverse=True):
        if (rendition.width, rendition.height) in seen:
            continue
        seen.add((rendition.width, rendition.height))
        images.append({"height": rendition.height, "width": rendition.width,
                       "source": rendition_url(rendition, request)})
    return images


def graph_tag(tag) -> dict:
    body = {}
    if tag.user_id:
        body["id"] = str(tag.user_id)
        body["name"] = tag.user.display_name
    else:
        body["name"] = tag.text
    if tag.x is not None:
        body["x"] = tag.x
    if tag.y is not None:
        body["y"] = tag.y
    body["created_time"] = graph_time(tag.created_at)
    return body


def graph_comment(comment) -> dict:
    return {
        "id": f"{comment.photo.public_id}_{comment.pk}",
        "from": graph_user(comment.author),
        "message": comment.message,
        "created_time": graph_time(comment.created_at),
    }


def graph_like(like) -> dict:
    return graph_user(like.user)


def graph_album(album, request, count: int) -> dict:
    body = {
        "id": album.public_id,
        "from": graph_user(album.owner),
        "name": album.name,
    }
    if album.description:
        body["description"] = album.description
    body.update({
        "count": count,
        "type": "app" if album.is_application_album else "normal",
        "can_upload": album.max_photos is None or count < album.max_photos,
        "created_time": graph_time(album.created_at),
        "updated_time": graph_time(album.updated_at),
    })
    return body


PHOTO_FIELDS = ("id", "album", "from", "tags", "name", "name_tags", "icon", "picture", "source",
                "height", "width", "images", "link", "place", "created_time", "updated_time",
                "position", "comments", "likes")
PHOTO_CONNECTION_FIELDS = ("tags", "comments", "likes")


def graph_photo(photo, request, fields: dict, connection, position: int | None) -> dict:
    """The Graph photo with ``fields`` (name -> options, e.g. ``{"limit": 3}``), in Graph's
    order; a value that does not exist (no caption, no place, renditions not made yet) is
    left out, as Graph leaves it out. ``connection(name, options)`` returns a connection's
    first page for the connection fields."""
    entry = getattr(photo, "album_entry", None)
    source = photo.rendition("graph_960")
    icon, picture, largest = (photo.rendition("icon"), photo.rendition("graph_130"),
                              photo.rendition("original"))

    def url(rendition):
        return rendition_url(rendition, request) if rendition is not None else None

    def name_tags():
        # Graph's shape: one array per offset in the caption, each holding who is named there
        groups: dict[int, list] = {}
        for tag in (entry.name_tags if entry else []):
            groups.setdefault(tag["offset"], []).append(tag)
        return [groups[offset] for offset in sorted(groups)] or None

    def place():
        if entry is None or entry.place is None:
            return None
        return {"id": str(entry.place.pk), "name": entry.place.name}

    values = {
        "id": lambda: photo.public_id,
        "album": lambda: ({"id": entry.album.public_id, "name": entry.album.name}
                          if entry else None),
        "from": lambda: graph_user(photo.owner) if photo.owner_id else None,
        "name": lambda: photo.name or None,
        "name_tags": name_tags,
        "icon": lambda: url(icon),
        "picture": lambda: url(picture),
        "source": lambda: url(source),
        "height": lambda: source.height if source else None,
        "width": lambda: source.width if source else None,
        "images": lambda: graph_images(photo, request) or None,
        # no HTML photo page here: the link opens the largest stored image
        "link": lambda: url(largest),
        "place": place,
        "created_time": lambda: graph_time(photo.created_at),
        "updated_time": lambda: graph_time(photo.updated_at),
        "position": lambda: position,
    }
    body = {}
    for name in PHOTO_FIELDS:
        if name not in fields:
            continue
        if name in PHOTO_CONNECTION_FIELDS:
            value = connection(name, fields[name])
            if not value.get("data") and not fields[name].get("explicit"):
                value = None
        else:
            value = values[name]()
        if value is not None:
            body[name] = value
    return body


def select(body: dict, fields: dict) -> dict:
    """The body's ``fields`` only (``fields=``)."""
    return {key: value for key, value in body.items() if key in fields}


def graph_user_node(user, fields: dict) -> dict:
    body = {"id": str(user.pk), "name": graph_user(user)["name"],
            "first_name": user.first_name or None, "last_name": user.last_name or None,
            "username": user.username}
    return select({k: v for k, v in body.items() if v is not None}, fields)


def graph_post(photo, request) -> dict:
    """The story of an upload (``{user-id}_{photo-id}``)."""
    picture, largest = photo.rendition("graph_130"), photo.rendition("original")
    body = {
        "id": f"{photo.owner_id}_{photo.public_id}",
        "from": graph_user(photo.owner),
        "message": photo.name or None,
        "picture": rendition_url(picture, request) if picture else None,
        "link": rendition_url(largest, request) if largest else None,
        "object_id": photo.public_id,
        "type": "photo",
        "created_time": graph_time(photo.created_at),
        "updated_time": graph_time(photo.updated_at),
    }
    return {k: v for k, v in body.items() if v is not None}


def picture_data(url: str) -> dict:
    """``/picture?redirect=false``."""
    return {"data": {"url": url, "is_silhouette": False}}


def created(object_id: str) -> dict:
    return {"id": object_id}


def published(photo, user) -> dict:
    return {"id": photo.public_id, "post_id": f"{user.pk}_{photo.public_id}"}


def comment_created(photo, comment) -> dict:
    return {"id": f"{photo.public_id}_{comment.pk}"}
