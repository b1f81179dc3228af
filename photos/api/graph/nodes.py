"""Graph's nodes: one small class per kind of object (user, album, photo, post), each listing
its connections as ``ROUTES``: ``(connection or None, method) -> (handler, permissions)``.

A handler parses with the dialect's params, calls one service and returns the presenter's body;
the permissions (``photos.dialects.graph.permissions``) are checked by the view, in order,
before it runs. A node's ``people()`` are whom the object rule (``photos.permissions``)
relates the caller to.
"""

from django.db.models import Q
from django.http import HttpResponseRedirect

from accounts.models import User
from accounts.permissions import principal_of
from photos import albums, errors, services, social
from photos import permissions as rules
from photos.api.graph import lists
from photos.delivery import rendition_url
from photos.dialects import params as shared
from photos.dialects.graph import params, presenters
from photos.dialects.graph.permissions import (
    PUBLISH_FOR,
    READ,
    WRITE_PHOTO,
    IsSelf,
    IsSelfForAlbums,
    PostedPhoto,
    UpdatesAlbum,
    Visible,
)
from photos.models import PUBLIC_ID_RE, Album, Tag


class Node:
    ROUTES: dict = {}

    def __init__(self, view, obj):
        self.view, self.request, self.obj = view, view.request, obj
        self.principal = principal_of(view.request)
        self._relation = None

    def people(self) -> set[int]:
        raise NotImplementedError

    def relation(self) -> set[str]:
        """How the caller stands to this node's people (read once per request)."""
        if self._relation is None:
            self._relation = rules.relation_to_people(self.principal, self.people())
        return self._relation

    def route(self, connection, method):
        """The bound handler and permissions of ``method`` on ``connection``; NotFound (as for an
        invisible object) when the node has no such connection."""
        found = self.ROUTES.get((connection, method))
        if found is None:
            raise errors.NotFound(method=method)
        name, permissions = found
        return getattr(self, name), permissions

    def publish(self, album):
        request, caption = self.request, params.caption(self.request)
        photo = albums.publish(album, self.principal, upload=request.FILES.get("source"),
                               url=params.url(request), caption=caption,
                               mentions=params.mentions(caption), place_id=params.place(request))
        return presenters.published(photo, self.principal.user)


class UserNode(Node):
    ROUTES = {
        (None, "GET"): ("get", (Visible,)),
        ("photos", "GET"): ("photos", READ),
        ("photos", "POST"): ("publish_photo", (*PUBLISH_FOR, IsSelf)),
        ("albums", "GET"): ("albums", READ),
        ("albums", "POST"): ("create_album", (*PUBLISH_FOR, IsSelfForAlbums)),
    }

    def people(self):
        return {self.obj.pk}

    def get(self):
        fields = params.fields(self.request, presenters.USER_FIELDS, "User")
        return presenters.graph_user_node(self.obj, fields)

    def photos(self):
        # what they posted, and what they are tagged in
        query = lists.graph_photos().filter(
            Q(owner=self.obj) | Q(pk__in=Tag.objects.filter(user=self.obj).values("photo_id")))
        return lists.photo_list(self.request, query, "pk", descending=True)

    def publish_photo(self):
        return self.publish(albums.application_album(self.obj, self.principal.application))

    def albums(self):
        fields = params.fields(self.request, presenters.ALBUM_FIELDS, "Album")
        query = Album.objects.filter(owner=self.obj).select_related("owner")
        return lists.page(self.request, query, lambda album: AlbumNode.body(
            self.request, album, fields), descending=True)

    def create_album(self):
        album = albums.create_album(self.obj, self.principal.application,
                                    params.album_name(self.request),
                                    params.description(self.request))
        return presenters.created(album.public_id)


class AlbumNode(Node):
    ROUTES = {
        (None, "GET"): ("get", READ),
        ("photos", "GET"): ("photos", READ),
        ("photos", "POST"): ("publish_photo", (*PUBLISH_FOR, UpdatesAlbum)),
    }

    def people(self):
        return {self.obj.owner_id}

    @staticmethod
    def body(request, album, fields):
        count = albums.shown_entries(album).count()
        return presenters.select(presenters.graph_album(album, request, count), fields)

    def get(self):
        fields = params.fields(self.request, presenters.ALBUM_FIELDS, "Album")
        return self.body(self.request, self.obj, fields)

    def photos(self):
        query = lists.graph_photos().filter(album_entry__album=self.obj)
        return lists.photo_list(self.request, query, "album_entry__position", descending=False)

    def publish_photo(self):
        return self.publish(self.obj)


class PhotoNode(Node):
    ROUTES = {
        (None, "GET"): ("get", READ),
        (None, "DELETE"): ("delete", (*WRITE_PHOTO, PostedPhoto)),
        ("picture", "GET"): ("picture", READ),
        ("comments", "GET"): ("comments", READ),
        ("comments", "POST"): ("comment", WRITE_PHOTO),
        ("likes", "GET"): ("likes", READ),
        ("likes", "POST"): ("like", WRITE_PHOTO),
        ("likes", "DELETE"): ("unlike", WRITE_PHOTO),
        ("tags", "GET"): ("tags", READ),
        ("tags", "POST"): ("tag", WRITE_PHOTO),
        ("tags", "DELETE"): ("untag", WRITE_PHOTO),
    }

    def people(self):
        return rules.photo_people(self.obj)

    def get(self):
        return lists.photo_body(self.request, self.obj)

    def delete(self):
        services.delete_photo(self.obj)
        return True

    def picture(self):
        kind = params.picture_type(self.request)
        photo = self.obj
        rendition = photo.rendition(presenters.PICTURE_TYPES[kind]) if photo.is_ready else None
        if rendition is None:
            raise errors.InvalidInput("The picture is not ready yet: the photo is being "
                                      "processed.", param="picture")
        url = rendition_url(rendition, self.request)
        if params.redirects(self.request):
            return HttpResponseRedirect(url)
        return presenters.picture_data(url)

    def comments(self):
        return lists.photo_connection(self.request, self.obj, "comments")

    def likes(self):
        return lists.photo_connection(self.request, self.obj, "likes")

    def tags(self):
        return lists.photo_connection(self.request, self.obj, "tags")

    def comment(self):
        message = params.comment_message(self.request)
        return presenters.comment_created(self.obj, social.comment(self.obj, self.principal.user,
                                                                   message))

    def like(self):
        social.like(self.obj, self.principal.user)
        return True

    def unlike(self):
        social.unlike(self.obj, self.principal.user)
        return True

    def tag(self):
        social.tag(self.obj, self.principal, params.tags(self.request,
                                                         self.view.kwargs.get("user_id")))
        return True

    def untag(self):
        user_id, shown = params.tagged_user(self.request, self.view.kwargs.get("user_id"))
        social.untag(self.obj, self.principal, user_id, shown)
        return True


class PostNode(PhotoNode):
    """The story of an upload (``{user-id}_{photo-id}``): its photo, told as a post."""

    ROUTES = {(None, "GET"): ("get", READ)}

    def get(self):
        return presenters.graph_post(self.obj, self.request)


def find_node(view, object_id: str) -> Node:
    """The node an ID names; NotFound (naming the request's method, as for an object the
    caller cannot see) when nothing has it."""
    principal, method = principal_of(view.request), view.request.method
    if object_id == "me":
        if principal.user is None:  # a workspace token has no "current user"
            raise errors.NoCurrentUser()
        return UserNode(view, principal.user)
    if PUBLIC_ID_RE.fullmatch(object_id):
        photo = lists.graph_photos().filter(public_id=object_id).first()
        if photo is not None:
            return PhotoNode(view, photo)
    if post := params.post_id(object_id):
        photo = lists.graph_photos().filter(public_id=post[1], owner_id=post[0]).first()
        if photo is not None:
            return PostNode(view, photo)
    number = shared.numeric_id(object_id)
    if number is not None:
        album = Album.objects.select_related("owner").filter(public_id=object_id).first()
        if album is not None:
            return AlbumNode(view, album)
        if len(object_id) < 16:
            user = User.objects.filter(pk=number, is_active=True).first()
            if user is not None:
                return UserNode(view, user)
    raise errors.NotFound(method=method)


NODES = (UserNode, AlbumNode, PhotoNode, PostNode)


def permissions_of_routes(connection, method) -> list:
    """The checks of every node's route of ``connection`` and ``method``, each once (what the
    OpenAPI document says an operation needs, before the node is known)."""
    found = []
    for node in NODES:
        route = node.ROUTES.get((connection, method))
        found += [check for check in (route[1] if route else ()) if check not in found]
    return found
