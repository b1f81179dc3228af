"""Graph's scopes are DRF permission classes asking one question each about a node, so they
combine with ``&`` and ``|`` like any DRF permission."""

from types import SimpleNamespace

from accounts.principal import Principal
from photos.dialects.graph.permissions import Publishes, ReadsPhotos, UserToken, Visible


class FakeNode:
    def __init__(self, relation):
        self._relation = relation

    def relation(self):
        return self._relation


PERSON = object()  # a user token's user; these questions never look inside it


def request_with(scopes, user=PERSON):
    principal = Principal(user=user, workspace=None, application=None,
                          scopes=frozenset(scopes), token=None)
    return SimpleNamespace(auth=principal)


def allowed(permission, request, node) -> bool:
    return permission().has_object_permission(request, None, node)


def test_a_friend_reads_with_friends_photos_and_not_with_user_photos():
    friend = FakeNode({"friend"})
    assert allowed(Visible & ReadsPhotos, request_with(["friends_photos"]), friend)
    assert not allowed(Visible & ReadsPhotos, request_with(["user_photos"]), friend)


def test_a_node_without_a_relation_is_refused_whatever_the_scopes():
    scopes = ["user_photos", "friends_photos", "publish_stream"]
    assert not allowed(Visible, request_with(scopes), FakeNode(set()))
    assert allowed(Visible, request_with([]), FakeNode({"friend"}))


def test_publishing_needs_the_scope_and_a_user_token_and_or_takes_either_answer():
    own = FakeNode({"self"})
    assert allowed(Publishes & UserToken, request_with(["publish_stream"]), own)
    assert not allowed(Publishes & UserToken, request_with(["publish_stream"], user=None), own)
    assert allowed(Publishes | ReadsPhotos, request_with(["user_photos"]), own)
    assert not allowed(Publishes | ReadsPhotos, request_with(["friends_photos"]), own)
