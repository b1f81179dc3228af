"""Graph's multi-object lookup (``/?ids=a,b``, under a version prefix or not) and the
``facebook-api-version`` header every Graph answer carries."""

import pytest

from tests.support.generic import auth
from tests.support.graph import GRAPH_ALL, MISSING_PHOTO, graph_error, publish

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/v2.8"])
def test_ids_answers_each_object_keyed_by_its_id(api, alice, graph_token, prefix):
    first, second = publish(api, graph_token), publish(api, graph_token)
    response = api.get(f"{prefix}/", {"ids": f"{first},me,{second}", "fields": "id,name"},
                       **auth(graph_token))
    assert response.status_code == 200, response.content
    assert response.json() == {
        first: {"id": first}, second: {"id": second},
        "me": {"id": str(alice.pk), "name": alice.display_name}}


def test_each_object_is_the_body_its_own_url_answers(api, graph_token):
    photo = publish(api, graph_token)
    alone = api.get(f"/{photo}", **auth(graph_token)).json()
    together = api.get("/v2.8/", {"ids": photo}, **auth(graph_token)).json()
    assert together == {photo: alone}


@pytest.mark.parametrize("prefix", ["", "/v2.8"])
def test_an_unknown_id_refuses_the_lookup_in_graphs_body(api, graph_token, prefix):
    photo = publish(api, graph_token)
    response = api.get(f"{prefix}/", {"ids": f"{photo},{MISSING_PHOTO}"}, **auth(graph_token))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert graph_error(response) == {
        "message": f"(#803) Some of the aliases you requested do not exist: {MISSING_PHOTO}",
        "type": "OAuthException", "code": 803}


def test_an_object_the_caller_cannot_see_answers_as_an_unknown_one(api, graph_token, bob,
                                                                   make_token):
    photo = publish(api, graph_token)
    bobs = make_token(GRAPH_ALL, user=bob)
    invisible = api.get("/", {"ids": photo}, **auth(bobs))
    assert invisible.status_code == 404
    assert graph_error(invisible)["message"].endswith(f"do not exist: {photo}")


@pytest.mark.parametrize(("ids", "message"), [
    (" , ", "(#100) Cannot specify an empty identifier"),
    (",".join(str(n) for n in range(51)), "(#100) Too many IDs. Maximum: 50."),
])
def test_bad_ids_are_code_100(api, graph_token, ids, message):
    response = api.get("/v2.8/", {"ids": ids}, **auth(graph_token))
    assert response.status_code == 400
    assert graph_error(response) == {"message": message, "type": "OAuthException", "code": 100}


def test_a_version_root_without_ids_is_a_graph_error(api, graph_token):
    response = api.get("/v2.8/", **auth(graph_token))
    assert response.status_code == 400
    assert graph_error(response)["message"] == "(#100) The parameter ids is required"


def test_the_site_root_without_ids_is_still_the_home_page(api):
    response = api.get("/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_ids_without_a_token_is_code_104(api, graph_token):
    photo = publish(api, graph_token)
    assert graph_error(api.get("/", {"ids": photo}))["code"] == 104


@pytest.mark.parametrize(("path", "version"), [
    ("/me", "v2.0"), ("/v2.8/me", "v2.8"), ("/v3.1/me/photos", "v3.1"),
    ("/v2.8/?ids=me", "v2.8"), ("/?ids=me", "v2.0")])
def test_every_answer_names_the_version_that_served_it(api, graph_token, path, version):
    assert api.get(path, **auth(graph_token))["facebook-api-version"] == version


@pytest.mark.parametrize("path", ["/v2.8/me", f"/v2.8/{MISSING_PHOTO}", "/v2.8/?ids=me"])
def test_errors_name_the_version_too(api, path):
    response = api.get(path)
    assert response.status_code == 400
    assert response["facebook-api-version"] == "v2.8"


@pytest.mark.parametrize("caller", ["expired token", "revoked token", "wrong scope",
                                    "workspace token", "other user", "owner"])
def test_ids_answers_each_caller_as_the_objects_own_url_does(api, alice, bob, graph_token,
                                                             make_token, make_workspace,
                                                             caller):
    """The lookup asks every object's own rule: what ``/{id}`` refuses a caller, ``?ids=``
    refuses too (an object one may not see is one that does not exist: 803)."""
    from datetime import timedelta

    from accounts.authentication import load_token

    photo = publish(api, graph_token)
    match caller:
        case "expired token":
            token = make_token(GRAPH_ALL, user=alice, lifetime=timedelta(seconds=-1))
        case "revoked token":
            token = make_token(GRAPH_ALL, user=alice)
            load_token(token).revoke()
        case "wrong scope":
            token = make_token(["publish_stream"], user=alice)
        case "workspace token":
            token = make_token(GRAPH_ALL, workspace=make_workspace(members=[alice]))
        case "other user":
            token = make_token(GRAPH_ALL, user=bob)
        case "owner":
            token = graph_token
    alone = api.get(f"/{photo}", **auth(token))
    together = api.get("/v2.8/", {"ids": photo}, **auth(token))
    if caller == "owner":
        assert alone.status_code == 200
    if alone.status_code == 200:
        assert (together.status_code, together.json()) == (200, {photo: alone.json()})
        return
    assert caller != "owner"
    refused, refused_alone = graph_error(together), graph_error(alone)
    if caller in ("expired token", "revoked token"):
        assert refused["code"] == refused_alone["code"] == 190
        assert refused.get("error_subcode") == refused_alone.get("error_subcode")
    elif refused_alone["code"] == 100:  # not found for this caller
        assert (together.status_code, refused["code"]) == (404, 803)
    else:
        assert (together.status_code, refused["code"]) == (alone.status_code,
                                                           refused_alone["code"])
