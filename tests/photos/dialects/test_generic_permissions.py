"""The generic dialect's scope permissions, on a view that declares them: the scope the
method needs, refused as the dialect's 403 ``missing_permission`` naming it."""

import pytest
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory

from accounts.permissions import HasPrincipal
from photos.dialects.generic.permissions import CanManagePhotos, HasPhotoScope
from photos.dialects.generic.views import GenericView
from tests.support.generic import auth

pytestmark = pytest.mark.django_db


class PhotoLike(GenericView):
    permission_classes = [HasPrincipal, HasPhotoScope]

    def get(self, request):
        return Response({"ok": True})

    delete = get


class Publishing(GenericView):
    permission_classes = [HasPrincipal, CanManagePhotos]

    def post(self, request):
        return Response({"ok": True})


def call(view, method, token=None):
    request = getattr(APIRequestFactory(), method)("/x", **auth(token))
    return view.as_view()(request)


def test_reading_takes_the_read_scope_of_the_tokens_kind(make_token, make_user, make_workspace):
    user_token = make_token(["user_photos"], user=make_user())
    assert call(PhotoLike, "get", user_token).status_code == 200
    workspace_token = make_token(["user_photos"], workspace=make_workspace())
    response = call(PhotoLike, "get", workspace_token)
    assert response.status_code == 403
    assert response.data == {"success": False, "error": {
        "code": "missing_permission",
        "message": "The workspace_photos permission is required."}}


def test_changing_takes_manage_photos_whatever_the_read_scope(make_token, make_user):
    reader = make_token(["user_photos"], user=make_user())
    response = call(PhotoLike, "delete", reader)
    assert response.status_code == 403
    assert response.data["error"] == {"code": "missing_permission",
                                      "message": "The manage_photos permission is required."}
    manager = make_token(["manage_photos"], user=make_user())
    assert call(PhotoLike, "delete", manager).status_code == 200
    assert call(Publishing, "post", manager).status_code == 200
    assert call(Publishing, "post", reader).status_code == 403


def test_no_token_is_401_before_any_scope(db):
    response = call(Publishing, "post")
    assert response.status_code == 401
    assert response.data["error"]["code"] == "unauthorized"
