"""The Graph API (seed 004): objects at the root, under an optional version prefix (``/v2.0/``).

Objects and their IDs:
- users: ``/me`` or ``/{user-id}`` (the numeric user ID); visible to themselves and to people
  (or a workspace token) sharing a workspace with them; ``/me`` needs a user token (2500);
- albums: 16-digit numeric IDs; ``/{user-id}/albums`` lists and creates them (``name``,
  ``message`` as the description); the application album is made on first
  ``POST /{user-id}/photos``;
- photos: ``Photo.public_id`` as is (24 hexadecimal characters; Graph's IDs are numeric, ours
  are not: clients treat IDs as opaque strings) -- the same ID as the generic API's ``_id``;
- the story of an upload: ``{user-id}_{photo-id}``, the ``post_id`` an upload answers.

Choices where Graph has no equivalent here (written down as api-notes asks):
- only photos that are in an album are Graph photos (every Graph upload is); others answer
  "Unsupported get request."; no photo is public;
- every write on a photo (comment, like, tag, delete) needs ``publish_stream`` and the read
  permission on the photo, and a user token;
- an object the caller cannot see answers exactly as one that does not exist (``Unsupported
  <method> request.``), whatever the token's scopes: visibility is checked before scopes and
  before the request's parameters, so no answer tells an invisible object from a missing one;
- ``link`` is the largest stored image (there is no HTML photo page), ``icon`` the photo's own
  32x32 icon, ``place`` a page the uploader belongs to (a workspace, ``place=<id>`` on upload;
  no geographic ``location`` is known), ``name_tags`` come from ``@[user-id]`` or
  ``@[user-id:text]`` in the caption, which the caption keeps as the name (or the text);
- ``tags``, ``comments`` and ``likes`` inside a photo are ``{"data": [...]}`` pages, as in
  Graph's answers of the time; shown when not empty, or when asked for in ``fields``;
- a photo still being processed has no ``picture``, ``source``, ``images``, ``icon``, ``link``,
  ``height`` or ``width`` yet (Graph leaves out what has no value) and its ``/picture`` answers
  a (#100) error until it is ready.
"""

from __future__ import annotations

import math
import re

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from rest_framework.response import Response

from accounts.models import User
from accounts.permissions import principal_of
from photos import albums, errors, services, social
from photos import permissions as rules
from photos.api.fields import parse_fields
from photos.api.paging import first_page, first_rows, paginate, parse_limit
from photos.delivery import rendition_url
from photos.dialects import graph as dialect
from photos.dialects import params
from photos.models import PUBLIC_ID_RE, Album, AlbumPhoto, Comment, Like, Photo, Tag
from photos.serializers import (
    PHOTO_CONNECTION_FIELDS,
    PHOTO_FIELDS,
    PICTURE_TYPES,
    graph_album,
    graph_comment,
    graph_like,
    graph_photo,
    graph_tag,
    graph_time,
    graph_user,
)

VERSION_RE = re.compile(r"^/(v\d+\.\d+)/")
POST_ID_RE = re.compile(r"^([0-9]{1,19})_([0-9a-f]{24})$")
MENTION_RE = re.compile(r"@\[([0-9]+)(?::([^\]]*))?\]")
USER_FIELDS = ("id", "name", "first_name", "last_name", "username")
ALBUM_FIELDS = ("id", "from", "name", "description", "count", "type", "can_upload",
                "created_time", "updated_time")
MAX_COMMENT = 8000


# --- finding objects ----------------------------------------------------------------------------
def graph_photos():
    before = (AlbumPhoto.objects.filter(album_id=OuterRef("album_entry__album_id"),
                                        position__lt=OuterRef("album_entry__position"))
              .exclude(photo__status=Photo.Status.TAKEN_DOWN)
              .order_by().values("album_id").annotate(n=Count("pk")).values("n"))
    return (Photo.objects.visible().filter(album_entry__isnull=False)
            .select_related("owner", "album_entry__album", "album_entry__place")
            .prefetch_related("renditions")
            .annotate(album_rank=Coalesce(Subquery(before, output_field=IntegerField()),
                                          Value(0)) + 1))


def find_node(object_id: str, principal, method: str = "get"):
    """``(kind, object)`` for an ID; NotFound (naming the request's method, as for an object
    the caller cannot see) when nothing has it."""
    if object_id == "me":
        if principal.user is None:  # a workspace token has no "current user"
            raise errors.NoCurrentUser()
        return "user", principal.user
    if PUBLIC_ID_RE.fullmatch(object_id):
        photo = graph_photos().filter(public_id=object_id).first()
        if photo is not None:
            return "photo", photo
    if match := POST_ID_RE.match(object_id):
        photo = graph_photos().filter(public_id=match[2], owner_id=int(match[1])).first()
        if photo is not None:
            return "post", photo
    number = params.numeric_id(object_id)
    if number is not None:
        album = Album.objects.select_related("owner").filter(public_id=object_id).first()
        if album is not None:
            return "album", album
        if len(object_id) < 16:
            user = User.objects.filter(pk=number, is_active=True).first()
            if user is not None:
                return "user", user
    raise errors.NotFound(method=method)


def user_relation(principal, user) -> set[str]:
    return rules.relation_to_people(principal, {user.pk})


def photo_relation(principal, photo) -> set[str]:
    return rules.relation_to_people(principal, rules.photo_people(photo))


def read_user(principal, user, method="get"):
    relation = user_relation(principal, user)
    if not relation:
        raise errors.NotFound(method=method)
    return relation


# --- request helpers ----------------------------------------------------------------------------
def param(request, name, default=None):
    """A parameter from the query string or the body (Graph takes both); text that the
    database could not store (NUL, a lone surrogate) is refused here, for every parameter."""
    if name in request.query_params:
        value = request.query_params.get(name)
    elif hasattr(request.data, "get"):
        value = request.data.get(name, default)
    else:
        value = default
    return params.storable(value, name) if isinstance(value, str) else value


def version_prefix(request) -> str:
    match = VERSION_RE.match(request.path)
    return f"/{match[1]}" if match else ""


def percentage(value, name):
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise errors.InvalidInput(f"The {name} coordinate must be a number.", param=name) \
            from None
    if not math.isfinite(number) or not 0 <= number <= 100:
        raise errors.InvalidInput(f"The {name} coordinate must be between 0 and 100 "
                                  "(a percentage).", param=name)
    return number


def select(body: dict, fields: dict) -> dict:
    return {key: value for key, value in body.items() if key in fields}


def photo_body(request, photo, fields=None, embedded=None) -> dict:
    """A photo's fields; ``embedded`` ({(connection, photo pk): rows}, from
    ``embedded_first_rows``) supplies its connections' first pages already read."""
    fields = fields if fields is not None else parse_fields(
        request.query_params.get("fields"), PHOTO_FIELDS, "Photo", PHOTO_CONNECTION_FIELDS)
    prefix = version_prefix(request)

    def connection(name, options):
        limit = options.get("limit")
        params = {} if limit is None else {"limit": str(limit)}
        base_path = f"{prefix}/{photo.public_id}/{name}"
        if embedded is None:
            return photo_connection(request, photo, name, params=params, base_path=base_path)
        return first_page(request, embedded.get((name, photo.pk), []), "pk",
                          CONNECTIONS[name][1], limit=parse_limit(limit), params=params,
                          base_path=base_path)

    return graph_photo(photo, request, fields, connection, getattr(photo, "album_rank", None))


# each connection of a photo: its rows, and how one is shown
CONNECTIONS = {
    "comments": (lambda: Comment.objects.select_related("author", "photo"), graph_comment),
    "likes": (lambda: Like.objects.select_related("user"), graph_like),
    "tags": (lambda: Tag.objects.select_related("user"), graph_tag),
}


def photo_connection(request, photo, name, params=None, base_path=None) -> dict:
    rows, serialize = CONNECTIONS[name]
    return paginate(request, rows().filter(photo=photo), "pk", serialize, params=params,
                    base_path=base_path)


def embedded_first_rows(photos, fields) -> dict:
    """The first page's rows of every connection ``fields`` embeds, for all ``photos`` at once:
    one query per connection instead of one per photo and connection."""
    out = {}
    ids = [photo.pk for photo in photos]
    for name in PHOTO_CONNECTION_FIELDS:
        if name not in fields or not ids:
            continue
        rows = first_rows(CONNECTIONS[name][0]().filter(photo_id__in=ids), "photo_id", "pk",
                          parse_limit(fields[name].get("limit")))
        out.update({(name, photo_id): page for photo_id, page in rows.items()})
    return out


def photo_list(request, query, key, descending) -> dict:
    fields = parse_fields(request.query_params.get("fields"), PHOTO_FIELDS, "Photo",
                          PHOTO_CONNECTION_FIELDS)
    first = {}
    return paginate(request, query, key,
                    lambda photo: photo_body(request, photo, fields, embedded=first),
                    descending=descending,
                    prepare=lambda photos: first.update(embedded_first_rows(photos, fields)))


# --- uploads ------------------------------------------------------------------------------------
def mentions(text: str) -> list[social.Mention]:
    return [social.Mention(m.start(), m.end(), params.numeric_id(m[1]), m[2] or "")
            for m in MENTION_RE.finditer(text)]


def publish_photo(request, principal, album: Album) -> Response:
    caption = str(param(request, "message") or param(request, "caption") or "")[:5000]
    place = param(request, "place")
    place_id = None
    if place:
        place_id = params.numeric_id(place)
        if place_id is None:
            raise errors.InvalidPlace(place)
    photo = albums.publish(album, principal, upload=request.FILES.get("source"),
                           url=str(param(request, "url") or "") or None, caption=caption,
                           mentions=mentions(caption), place_id=place_id)
    return Response({"id": photo.public_id, "post_id": f"{principal.user.pk}_{photo.public_id}"})


# --- handlers: (kind, connection, method) -> function(view, request, principal, obj) -------------
def get_user(request, principal, user):
    read_user(principal, user)
    first, last = user.first_name, user.last_name
    body = {"id": str(user.pk), "name": graph_user(user)["name"], "first_name": first or None,
            "last_name": last or None, "username": user.username}
    fields = parse_fields(request.query_params.get("fields"), USER_FIELDS, "User")
    return Response(select({k: v for k, v in body.items() if v is not None}, fields))


def get_user_photos(request, principal, user):
    rules.require_graph_read(principal, read_user(principal, user))
    # what they posted, and what they are tagged in
    query = graph_photos().filter(
        Q(owner=user) | Q(pk__in=Tag.objects.filter(user=user).values("photo_id")))
    return Response(photo_list(request, query, "pk", descending=True))


def post_user_photos(request, principal, user):
    read_user(principal, user, "post")
    rules.require_publish(principal)
    if user.pk != principal.user.pk:
        raise errors.PermissionDenied("You can only publish photos for yourself.")
    return publish_photo(request, principal, albums.application_album(user,
                                                                      principal.application))


def album_count(album) -> int:
    return albums.shown_entries(album).count()


def get_user_albums(request, principal, user):
    rules.require_graph_read(principal, read_user(principal, user))
    fields = parse_fields(request.query_params.get("fields"), ALBUM_FIELDS, "Album")
    query = Album.objects.filter(owner=user).select_related("owner")
    return Response(paginate(
        request, query, "pk",
        lambda album: select(graph_album(album, request, album_count(album)), fields),
        descending=True))


def post_user_albums(request, principal, user):
    read_user(principal, user, "post")
    rules.require_publish(principal)
    if user.pk != principal.user.pk:
        raise errors.PermissionDenied("You can only create albums for yourself.")
    name = str(param(request, "name") or "").strip()
    if not name:
        raise errors.InvalidInput("The parameter name is required.", param="name")
    album = albums.create_album(user, principal.application, name,
                                str(param(request, "message") or ""))
    return Response({"id": album.public_id})


def read_album(principal, album, method="get"):
    relation = rules.relation_to_people(principal, {album.owner_id})
    if not relation:
        raise errors.NotFound(method=method)
    return relation


def get_album(request, principal, album):
    rules.require_graph_read(principal, read_album(principal, album))
    fields = parse_fields(request.query_params.get("fields"), ALBUM_FIELDS, "Album")
    return Response(select(graph_album(album, request, album_count(album)), fields))


def get_album_photos(request, principal, album):
    rules.require_graph_read(principal, read_album(principal, album))
    query = graph_photos().filter(album_entry__album=album)
    return Response(photo_list(request, query, "album_entry__position", descending=False))


def post_album_photos(request, principal, album):
    read_album(principal, album, "post")
    rules.require_publish(principal)
    if not rules.album_updatable(principal, album):
        raise errors.PermissionDenied("You can only add photos to your own albums.")
    return publish_photo(request, principal, album)


def seen_photo(principal, photo, method) -> set[str]:
    """The caller's relation to a photo they can see; NotFound (as a missing photo) else."""
    relation = photo_relation(principal, photo)
    if not relation:
        raise errors.NotFound(method=method)
    return relation


def read_photo(principal, photo):
    rules.require_graph_read(principal, seen_photo(principal, photo, "get"))


def write_photo(request, principal, photo):
    """Visibility first (an invisible photo is a missing one, whatever the scopes), then
    ``publish_stream``, then the read permission."""
    relation = seen_photo(principal, photo, request.method)
    rules.require_publish(principal)
    rules.require_graph_read(principal, relation)


def get_photo(request, principal, photo):
    read_photo(principal, photo)
    return Response(photo_body(request, photo))


def delete_photo(request, principal, photo):
    write_photo(request, principal, photo)
    if photo.owner_id != principal.user.pk:
        raise errors.PermissionDenied("Only the person who posted a photo can delete it.")
    services.delete_photo(photo)
    return Response(True)


def get_post(request, principal, photo):
    read_photo(principal, photo)
    picture = photo.rendition("graph_130")
    largest = photo.rendition("original")
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
    return Response({k: v for k, v in body.items() if v is not None})


def get_picture(request, principal, photo):
    read_photo(principal, photo)
    kind = request.query_params.get("type") or "album"
    if kind not in PICTURE_TYPES:
        raise errors.InvalidInput(f"type must be one of {', '.join(PICTURE_TYPES)}.",
                                  param="type")
    rendition = photo.rendition(PICTURE_TYPES[kind]) if photo.is_ready else None
    if rendition is None:
        raise errors.InvalidInput("The picture is not ready yet: the photo is being "
                                  "processed.", param="picture")
    url = rendition_url(rendition, request)
    if request.query_params.get("redirect", "").lower() in ("false", "0"):
        return Response({"data": {"url": url, "is_silhouette": False}})
    return HttpResponseRedirect(url)


def get_connection(name):
    def handler(request, principal, photo):
        read_photo(principal, photo)
        return Response(photo_connection(request, photo, name))

    return handler


def post_comment(request, principal, photo):
    write_photo(request, principal, photo)
    message = str(param(request, "message") or "").strip()
    if not message:
        raise errors.InvalidInput("The parameter message is required.", param="message")
    if len(message) > MAX_COMMENT:
        raise errors.InvalidInput(f"The message is longer than {MAX_COMMENT} characters.",
                                  param="message")
    comment = social.comment(photo, principal.user, message)
    return Response({"id": f"{photo.public_id}_{comment.pk}"})


def post_like(request, principal, photo):
    write_photo(request, principal, photo)
    social.like(photo, principal.user)
    return Response(True)


def delete_like(request, principal, photo):
    write_photo(request, principal, photo)
    social.unlike(photo, principal.user)
    return Response(True)


# --- tags ---------------------------------------------------------------------------------------
def _requested_tags(request, user_id=None) -> list[social.TagRequest]:
    """From the path's user, ``to``/``tag_text``, or a ``tags`` JSON array of
    ``tag_uid``/``tag_text``/``x``/``y``."""
    raw_tags = param(request, "tags")
    if user_id is None and raw_tags not in (None, ""):
        if isinstance(raw_tags, str):
            raw_tags = params.load_json(raw_tags, "tags")
        if not isinstance(raw_tags, list) or not raw_tags or not all(
                isinstance(item, dict) for item in raw_tags):
            raise errors.InvalidInput("tags must be a JSON array of objects.", param="tags")
        items = [{"to": item.get("tag_uid") or item.get("to"), "tag_text": item.get("tag_text"),
                  "x": item.get("x"), "y": item.get("y")} for item in raw_tags]
    else:
        items = [{"to": user_id or param(request, "to"), "tag_text": param(request, "tag_text"),
                  "x": param(request, "x"), "y": param(request, "y")}]
    wanted = []
    for item in items:
        to, text = item["to"], str(item["tag_text"] or "").strip()
        if to in (None, "") and not text:
            raise errors.InvalidInput("One of to or tag_text is required.", param="to")
        user = params.numeric_id(to) if to not in (None, "") else None
        if to not in (None, "") and user is None:
            raise errors.InvalidTagUser(to)
        wanted.append(social.TagRequest(
            user=user, text=text[:255], x=percentage(item["x"], "x"),
            y=percentage(item["y"], "y"), has_x=item["x"] not in (None, ""),
            has_y=item["y"] not in (None, "")))
    people = [w.user for w in wanted if w.user is not None]
    if len(people) != len(set(people)):
        raise errors.TaggedTwice(people)
    return wanted


def post_tags(request, principal, photo, user_id=None):
    write_photo(request, principal, photo)
    social.tag(photo, principal, _requested_tags(request, user_id))
    return Response(True)


def delete_tags(request, principal, photo, user_id=None):
    write_photo(request, principal, photo)
    to = user_id or param(request, "to")
    if to in (None, ""):
        raise errors.InvalidInput("The parameter to (a user id) is required.", param="to")
    tagged = params.numeric_id(to)
    if tagged is None:
        raise errors.InvalidTagUser(to)
    social.untag(photo, principal, tagged, to)
    return Response(True)


HANDLERS = {
    ("user", None, "GET"): get_user,
    ("user", "photos", "GET"): get_user_photos,
    ("user", "photos", "POST"): post_user_photos,
    ("user", "albums", "GET"): get_user_albums,
    ("user", "albums", "POST"): post_user_albums,
    ("album", None, "GET"): get_album,
    ("album", "photos", "GET"): get_album_photos,
    ("album", "photos", "POST"): post_album_photos,
    ("photo", None, "GET"): get_photo,
    ("photo", None, "DELETE"): delete_photo,
    ("photo", "picture", "GET"): get_picture,
    ("photo", "comments", "GET"): get_connection("comments"),
    ("photo", "comments", "POST"): post_comment,
    ("photo", "likes", "GET"): get_connection("likes"),
    ("photo", "likes", "POST"): post_like,
    ("photo", "likes", "DELETE"): delete_like,
    ("photo", "tags", "GET"): get_connection("tags"),
    ("photo", "tags", "POST"): post_tags,
    ("photo", "tags", "DELETE"): delete_tags,
    ("post", None, "GET"): get_post,
}
USER_TAG_HANDLERS = {"POST": post_tags, "DELETE": delete_tags}


# --- views --------------------------------------------------------------------------------------
class GraphView(dialect.APIView):
    """Authentication is checked here rather than by a permission class, so that ``/me``
    without a token answers Graph's 2500 instead of 104."""

    permission_classes = []

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise errors.MethodNotAllowed(method=request.method)

    def principal(self, request, object_id):
        principal = principal_of(request)
        if principal is None:
            raise errors.NoCurrentUser() if object_id == "me" else errors.TokenMissing()
        return principal

    def dispatch_node(self, request, object_id, connection=None):
        principal = self.principal(request, object_id)
        kind, obj = find_node(object_id, principal, request.method)
        handler = HANDLERS.get((kind, connection, request.method))
        if handler is None:
            raise errors.NotFound(method=request.method)
        return handler(request, principal, obj)


class NodeView(GraphView):
    """``/{id}``."""

    def get(self, request, object_id):
        return self.dispatch_node(request, object_id)

    def post(self, request, object_id):
        return self.dispatch_node(request, object_id)

    def delete(self, request, object_id):
        return self.dispatch_node(request, object_id)


class ConnectionView(NodeView):
    """``/{id}/{connection}``."""

    def upload_limit(self):
        # only ``POST /{id}/photos`` takes a file
        return settings.PHOTO_MAX_BYTES if self.kwargs.get("connection") == "photos" else None

    def get(self, request, object_id, connection):
        return self.dispatch_node(request, object_id, connection)

    def post(self, request, object_id, connection):
        return self.dispatch_node(request, object_id, connection)

    def delete(self, request, object_id, connection):
        return self.dispatch_node(request, object_id, connection)


class UserTagView(GraphView):
    """``/{photo-id}/tags/{user-id}``: tag, move or untag one person (the handlers check the
    user ID once the photo is known to be visible)."""

    def handle(self, request, object_id, user_id):
        principal = self.principal(request, object_id)
        kind, photo = find_node(object_id, principal, request.method)
        if kind != "photo":
            raise errors.NotFound(method=request.method)
        return USER_TAG_HANDLERS[request.method](request, principal, photo, user_id)

    def post(self, request, object_id, user_id):
        return self.handle(request, object_id, user_id)

    def delete(self, request, object_id, user_id):
        return self.handle(request, object_id, user_id)

