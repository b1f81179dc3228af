"""Graph's scopes as DRF permission classes, each answering one question about a node.

``user_photos`` reads the caller's own photos and those they are tagged in, ``friends_photos``
those of people who share a workspace with them; ``publish_stream`` publishes, comments, likes
and tags, with a user token. Who a node's people are, and how the caller stands to them, is the
object rule of ``photos.permissions`` (asked through ``node.relation()``).

``openapi_scopes(method)`` says which scopes a check asks for, for the OpenAPI document (the
read scope listed is the caller's own, ``user_photos``: ``friends_photos`` reads friends').

A refusal's ``code`` tells the base view which domain error to raise (``views.GraphView
.permission_denied``); the object checks run in the order a view lists them, so visibility
comes first: an object the caller cannot see answers as a missing one, whatever the scopes.
"""

from rest_framework.permissions import BasePermission

from accounts import scopes
from accounts.permissions import principal_of
from photos import permissions as rules

READ_SCOPE = {rules.SELF: "user_photos", rules.FRIEND: "friends_photos"}
PUBLISH = "publish_stream"
# Graph's own scopes (``user_photos`` is the generic API's too, and stays in the registry)
SCOPES = {
    "friends_photos": "Graph: photos of users who share a workspace with you",
    PUBLISH: "Graph: publish photos, comments, likes and tags",
}
# refusal codes (besides "scope:<name>")
NO_TOKEN, INVISIBLE, DENIED = "no_token", "invisible", "denied"


def register_scopes() -> None:
    """Graph's scopes in accounts' registry (from PhotosConfig.ready), so tokens can be issued
    for them without accounts knowing Graph."""
    scopes.register(SCOPES)


class GraphPermission(BasePermission):
    """A Graph check; ``scopes`` are those it asks the token for (for the OpenAPI document)."""

    scopes: tuple[str, ...] = ()

    def openapi_scopes(self, method) -> list[str]:
        return list(self.scopes)


class HasToken(GraphPermission):
    """A token of a user or a workspace."""

    code = NO_TOKEN

    def has_permission(self, request, view):
        return principal_of(request) is not None


class Visible(GraphPermission):
    """The caller stands in some relation to the node's people (is one, or a friend)."""

    code = INVISIBLE

    def has_object_permission(self, request, view, node):
        return bool(node.relation())


class ReadsPhotos(GraphPermission):
    """The token has the read scope of one of the caller's relations to the node."""

    scopes = (READ_SCOPE[rules.SELF],)

    def has_object_permission(self, request, view, node):
        relation = node.relation()
        if any(principal_of(request).has_scope(READ_SCOPE[r]) for r in relation):
            return True
        self.code = "scope:" + READ_SCOPE[rules.SELF if rules.SELF in relation else rules.FRIEND]
        return False


class Publishes(GraphPermission):
    """The token may publish (checked on the node, so after its visibility)."""

    code, scopes = "scope:" + PUBLISH, (PUBLISH,)

    def has_object_permission(self, request, view, node):
        return principal_of(request).has_scope(PUBLISH)


class UserToken(GraphPermission):
    """A person acts (a workspace token does not publish)."""

    code, message = DENIED, "A user access token is required to publish."

    def has_object_permission(self, request, view, node):
        return principal_of(request).is_user


class IsSelf(GraphPermission):
    """The node is the caller (people publish and make albums for themselves only)."""

    code, message = DENIED, "You can only publish photos for yourself."

    def has_object_permission(self, request, view, node):
        return node.obj.pk == principal_of(request).user.pk


class IsSelfForAlbums(IsSelf):
    message = "You can only create albums for yourself."


class UpdatesAlbum(GraphPermission):
    """The album's own update rule (its owner, a moderator)."""

    code, message = DENIED, "You can only add photos to your own albums."

    def has_object_permission(self, request, view, node):
        return rules.album_updatable(principal_of(request), node.obj)


class PostedPhoto(GraphPermission):
    """The caller posted the photo."""

    code, message = DENIED, "Only the person who posted a photo can delete it."

    def has_object_permission(self, request, view, node):
        return node.obj.owner_id == principal_of(request).user.pk


# the checks of a node's reads and of writes on a photo, in the order Graph answers them
READ = (Visible, ReadsPhotos)
PUBLISH_FOR = (Visible, Publishes, UserToken)
WRITE_PHOTO = (*PUBLISH_FOR, ReadsPhotos)
