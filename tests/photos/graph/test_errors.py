"""Graph's error bodies and codes: tokens, unknown objects and methods, bad parameters, and
the optional version prefix."""

from datetime import timedelta

import pytest

from tests.support.generic import auth
from tests.support.graph import GRAPH_ALL, get, graph_error, publish

pytestmark = pytest.mark.django_db


def test_a_missing_token_is_code_104(api, alice, graph_token):
    photo = publish(api, graph_token)
    response = api.get(f"/{photo}")
    assert response.status_code == 400
    assert graph_error(response) == {
        "message": "An access token is required to request this resource.",
        "type": "OAuthException", "code": 104}


@pytest.mark.parametrize("path", ["/me", "/v2.0/me", "/me/photos"])
def test_me_without_a_token_is_code_2500(api, path):
    error = graph_error(api.get(path))
    assert error["code"] == 2500
    assert error["message"] == ("An active access token must be used to query information "
                                "about the current user.")


def test_me_with_a_workspace_token_is_code_2500(api, make_workspace, make_token):
    token = make_token(GRAPH_ALL, workspace=make_workspace())
    assert graph_error(api.get("/me", **auth(token)))["code"] == 2500


@pytest.mark.parametrize("transport", ["query", "header", "oauth-header"])
def test_an_invalid_token_is_code_190_in_every_transport(api, transport):
    if transport == "query":
        response = api.get("/me", {"access_token": "bogus"})
    elif transport == "header":
        response = api.get("/me", HTTP_AUTHORIZATION="Bearer bogus")
    else:
        response = api.get("/me", HTTP_AUTHORIZATION="OAuth bogus")
    assert response.status_code == 400
    assert graph_error(response) == {"message": "Invalid OAuth access token.",
                                     "type": "OAuthException", "code": 190}


def test_an_expired_token_is_code_190_with_subcode_463(api, alice, make_token):
    token = make_token(GRAPH_ALL, user=alice, lifetime=timedelta(seconds=-1))
    error = graph_error(api.get("/me", {"access_token": token}))
    assert error["code"] == 190 and error["error_subcode"] == 463


def test_the_token_works_as_a_query_parameter(api, alice, graph_token):
    response = api.get("/me", {"access_token": graph_token})
    assert response.json()["id"] == str(alice.pk)


@pytest.mark.parametrize("object_id", ["0123456789abcdef01234567", "999999",
                                       "1234567890123456", "nothing", "1_0123456789abcdef01234567"])
def test_an_unknown_object_is_an_unsupported_get_request(api, graph_token, object_id):
    response = get(api, f"/{object_id}", graph_token)
    assert response.status_code == 400
    assert graph_error(response) == {"message": "Unsupported get request.",
                                     "type": "GraphMethodException", "code": 100}


def test_an_unknown_connection_is_unsupported(api, graph_token):
    photo = publish(api, graph_token)
    assert graph_error(get(api, f"/{photo}/friends", graph_token))["message"] == \
        "Unsupported get request."


def test_an_unsupported_method_names_the_method(api, graph_token):
    photo = publish(api, graph_token)
    error = graph_error(api.post(f"/{photo}", {}, **auth(graph_token)))
    assert error == {"message": "Unsupported post request.", "type": "GraphMethodException",
                     "code": 100}
    error = graph_error(api.put(f"/{photo}/comments", {}, **auth(graph_token)))
    assert error["message"] == "Unsupported put request."


@pytest.mark.parametrize("method, path", [
    ("put", "/{photo}"), ("patch", "/v2.0/{photo}/comments"), ("trace", "/me/photos"),
    ("get", "/{photo}/tags/{uid}"),
])
def test_a_method_graph_never_answers_there_is_405_in_graphs_body(api, graph_token, bob,
                                                                    method, path):
    # GET, POST and DELETE are Graph's methods on every path (answered 400, #100, where the
    # object has no such route); another method is no method of the path at all
    photo = publish(api, graph_token)
    response = getattr(api, method)(path.format(photo=photo, uid=bob.pk), **auth(graph_token))
    assert response.status_code == 405
    assert graph_error(response) == {"message": f"Unsupported {method} request.",
                                     "type": "GraphMethodException", "code": 100}
    allowed = set(response["Allow"].split(", "))
    assert allowed >= {"POST", "DELETE"} and not allowed & {"PUT", "PATCH", "TRACE"}


def test_a_temporary_photo_of_the_generic_api_is_not_a_graph_object(api, alice, make_token):
    from tests.support.generic import upload
    from tests.support.images import jpeg_bytes

    generic = make_token(["user_photos", "manage_photos", "publish_stream"], user=alice)
    photo = upload(api, "/photos", generic, jpeg_bytes(64, 48)).json()["_id"]
    assert graph_error(get(api, f"/{photo}", generic))["code"] == 100


@pytest.mark.parametrize("params, words", [
    ({"fields": "id,colour"}, "Tried accessing nonexisting field (colour) on node type (Photo)"),
    ({"fields": "comments.limit(x)"}, "limit() takes a positive integer"),
    ({"fields": "name.limit(2)"}, "Unknown modifier limit on name"),
])
def test_bad_fields_are_code_100(api, graph_token, params, words):
    photo = publish(api, graph_token)
    response = get(api, f"/{photo}", graph_token, **params)
    assert response.status_code == 400
    error = graph_error(response)
    assert error["code"] == 100 and error["type"] == "OAuthException"
    assert error["message"] == f"(#100) {words}" or words in error["message"]


@pytest.mark.parametrize("version", ["", "/v2.0", "/v12.5", "/v1.0"])
def test_any_version_prefix_reaches_the_same_objects(api, alice, graph_token, version):
    photo = publish(api, graph_token)
    assert get(api, f"{version}/me", graph_token).json()["name"] == "Alice Liddell"
    assert get(api, f"{version}/{photo}", graph_token).json()["id"] == photo


def test_me_answers_the_tokens_user(api, alice, graph_token):
    body = get(api, "/me", graph_token).json()
    assert body == {"id": str(alice.pk), "name": "Alice Liddell", "first_name": "Alice",
                    "last_name": "Liddell", "username": alice.username}
    assert get(api, "/me", graph_token, fields="name").json() == {"id": str(alice.pk),
                                                           "name": "Alice Liddell"}
