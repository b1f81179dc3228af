"""The scope permission a view declares refuses a token without that scope (403)."""

import pytest
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from accounts.permissions import HasPrincipal, require_scopes

pytestmark = pytest.mark.django_db


class PhotosOnly(APIView):
    permission_classes = [HasPrincipal, require_scopes("user_photos")]

    def get(self, request):
        return Response({"ok": True})


class AnyChatter(APIView):
    permission_classes = [require_scopes("api", "chatter_api", any_of=True)]

    def get(self, request):
        return Response({"ok": True})


def call(view, token):
    request = APIRequestFactory().get("/x", HTTP_AUTHORIZATION=f"Bearer {token}")
    return view.as_view()(request)


def test_token_with_the_scope_passes(make_token, make_user):
    assert call(PhotosOnly, make_token(["user_photos"], user=make_user())).status_code == 200


def test_token_without_the_scope_is_403(make_token, make_user):
    assert call(PhotosOnly, make_token(["publish_stream"], user=make_user())).status_code == 403


def test_any_of_scopes(make_token, make_user):
    assert call(AnyChatter, make_token(["chatter_api"], user=make_user())).status_code == 200
    assert call(AnyChatter, make_token(["full"], user=make_user())).status_code == 200
    assert call(AnyChatter, make_token(["user_photos"], user=make_user())).status_code == 403
