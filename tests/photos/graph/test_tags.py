"""Tags: a person (``to``, or the path's user) or a text, at x/y percentages (0 to 100); several
at once through ``tags=[...]``; a person once per photo (tagging again moves the tag); removal;
20 tags per photo at most."""

import json

import pytest

from photos.models import Tag
from tests.support.generic import auth
from tests.support.graph import GRAPH_ALL, get, graph_error

pytestmark = pytest.mark.django_db


def tags_of(api, photo, token):
    return get(api, f"/{photo}/tags", token).json()["data"]


def test_tagging_a_person_with_to_and_a_position(api, graph_photo, graph_token, bob, team):
    response = api.post(f"/{graph_photo}/tags", {"to": bob.pk, "x": "30.5", "y": "12"},
                        **auth(graph_token))
    assert response.status_code == 200 and response.json() is True
    [tag] = tags_of(api, graph_photo, graph_token)
    assert (tag["id"], tag["name"], tag["x"], tag["y"]) == (str(bob.pk), "Bob Builder", 30.5,
                                                            12.0)


def test_tagging_the_person_in_the_path(api, graph_photo, graph_token, bob, team):
    assert api.post(f"/{graph_photo}/tags/{bob.pk}", {"x": 50, "y": 50},
                    **auth(graph_token)).json() is True
    assert [(t["id"], t["x"], t["y"]) for t in tags_of(api, graph_photo, graph_token)] == [
        (str(bob.pk), 50.0, 50.0)]


def test_tagging_a_text_without_a_position(api, graph_photo, graph_token):
    assert api.post(f"/{graph_photo}/tags", {"tag_text": "the lake"},
                    **auth(graph_token)).json() is True
    [tag] = tags_of(api, graph_photo, graph_token)
    assert tag["name"] == "the lake" and "id" not in tag and "x" not in tag


@pytest.mark.parametrize("as_json", [True, False])
def test_several_tags_at_once(api, graph_photo, graph_token, alice, bob, team, as_json):
    tags = [{"tag_uid": str(bob.pk), "x": "30.0", "y": "30.0"},
            {"tag_uid": alice.pk, "x": 70, "y": 40},
            {"tag_text": "a dog", "x": 10, "y": 90}]
    if as_json:
        response = api.post(f"/{graph_photo}/tags", {"tags": tags}, format="json",
                            **auth(graph_token))
    else:
        response = api.post(f"/{graph_photo}/tags", {"tags": json.dumps(tags)}, **auth(graph_token))
    assert response.json() is True
    listed = tags_of(api, graph_photo, graph_token)
    assert [(t["name"], t.get("x"), t.get("y")) for t in listed] == [
        ("Bob Builder", 30.0, 30.0), ("Alice Liddell", 70.0, 40.0), ("a dog", 10.0, 90.0)]


def test_a_person_is_tagged_once_and_tagging_again_moves_the_tag(api, graph_photo, graph_token,
                                                                 bob, team):
    api.post(f"/{graph_photo}/tags", {"to": bob.pk, "x": 10, "y": 10}, **auth(graph_token))
    assert api.post(f"/{graph_photo}/tags", {"to": bob.pk, "x": 80},
                    **auth(graph_token)).json() is True
    assert api.post(f"/{graph_photo}/tags/{bob.pk}", {"y": 60}, **auth(graph_token)).json() is True
    assert [(t["id"], t["x"], t["y"]) for t in tags_of(api, graph_photo, graph_token)] == [
        (str(bob.pk), 80.0, 60.0)]
    assert Tag.objects.filter(user=bob).count() == 1


def test_the_same_person_twice_in_one_request_is_refused(api, graph_photo, graph_token, bob, team):
    tags = [{"tag_uid": bob.pk}, {"tag_uid": bob.pk, "x": 5}]
    response = api.post(f"/{graph_photo}/tags", {"tags": tags}, format="json", **auth(graph_token))
    assert graph_error(response)["code"] == 100
    assert "only once" in graph_error(response)["message"]
    assert tags_of(api, graph_photo, graph_token) == []


@pytest.mark.parametrize("x, y", [(-1, 50), (100.01, 50), (50, -0.5), (50, 101), ("abc", 5),
                                  ("nan", 5), (5, "inf")])
def test_positions_outside_0_to_100_are_refused(api, graph_photo, graph_token, bob, team, x, y):
    response = api.post(f"/{graph_photo}/tags", {"to": bob.pk, "x": x, "y": y}, **auth(graph_token))
    assert response.status_code == 400
    error = graph_error(response)
    assert error["code"] == 100 and "coordinate" in error["message"]
    assert tags_of(api, graph_photo, graph_token) == []


@pytest.mark.parametrize("x, y", [(0, 0), (100, 100), ("0.0", "100.0")])
def test_the_bounds_themselves_are_accepted(api, graph_photo, graph_token, bob, team, x, y):
    assert api.post(f"/{graph_photo}/tags", {"to": bob.pk, "x": x, "y": y},
                    **auth(graph_token)).json() \
        is True


def test_a_position_out_of_bounds_in_a_list_refuses_the_whole_list(api, graph_photo, graph_token,
                                                                   bob, alice, team):
    tags = [{"tag_uid": alice.pk, "x": 5, "y": 5}, {"tag_uid": bob.pk, "x": 150, "y": 5}]
    response = api.post(f"/{graph_photo}/tags", {"tags": tags}, format="json", **auth(graph_token))
    assert graph_error(response)["code"] == 100
    assert tags_of(api, graph_photo, graph_token) == []


@pytest.mark.parametrize("data", [{}, {"to": "abc"}, {"tags": "not json"}, {"tags": "[]"},
                                  {"tags": '[{"x": 5}]'}, {"tags": '{"tag_uid": 1}'}])
def test_bad_tag_parameters_are_code_100(api, graph_photo, graph_token, data):
    response = api.post(f"/{graph_photo}/tags", data, **auth(graph_token))
    assert response.status_code == 400 and graph_error(response)["code"] == 100


def test_a_stranger_cannot_be_tagged(api, graph_photo, graph_token, carol):
    response = api.post(f"/{graph_photo}/tags", {"to": carol.pk}, **auth(graph_token))
    assert graph_error(response)["code"] == 100
    assert "Invalid user id" in graph_error(response)["message"]


def test_removing_a_persons_tag_in_both_forms(api, graph_photo, graph_token, alice, bob, team):
    tags = [{"tag_uid": bob.pk}, {"tag_uid": alice.pk}]
    api.post(f"/{graph_photo}/tags", {"tags": tags}, format="json", **auth(graph_token))
    assert api.delete(f"/{graph_photo}/tags/{bob.pk}", **auth(graph_token)).json() is True
    assert api.delete(f"/{graph_photo}/tags?to={alice.pk}", **auth(graph_token)).json() is True
    assert tags_of(api, graph_photo, graph_token) == []
    response = api.delete(f"/{graph_photo}/tags/{bob.pk}", **auth(graph_token))
    assert graph_error(response)["code"] == 100
    assert "not tagged" in graph_error(response)["message"]


def test_the_tagged_person_may_remove_their_tag_but_not_others(api, graph_photo, graph_token,
                                                               alice, bob,
                                                               carol, team, make_token):
    tags = [{"tag_uid": bob.pk}, {"tag_uid": alice.pk}]
    api.post(f"/{graph_photo}/tags", {"tags": tags}, format="json", **auth(graph_token))
    bob_token = make_token(GRAPH_ALL, user=bob)
    assert graph_error(api.delete(f"/{graph_photo}/tags/{alice.pk}", **auth(bob_token)))["code"] \
        == 200
    assert graph_error(api.post(f"/{graph_photo}/tags/{alice.pk}", {"x": 1},
                                **auth(bob_token)))["code"] == 200
    assert api.delete(f"/{graph_photo}/tags/{bob.pk}", **auth(bob_token)).json() is True
    assert [t["id"] for t in tags_of(api, graph_photo, graph_token)] == [str(alice.pk)]


def test_a_photo_holds_at_most_20_tags(api, graph_photo, graph_token, alice):
    tags = [{"tag_text": f"thing {i}"} for i in range(19)]
    assert api.post(f"/{graph_photo}/tags", {"tags": tags}, format="json",
                    **auth(graph_token)).json() \
        is True
    too_many = [{"tag_text": "one more"}, {"tag_text": "and another"}]
    response = api.post(f"/{graph_photo}/tags", {"tags": too_many}, format="json",
                        **auth(graph_token))
    assert graph_error(response)["code"] == 100
    assert "at most 20 tags" in graph_error(response)["message"]
    assert api.post(f"/{graph_photo}/tags", {"tag_text": "the last"},
                    **auth(graph_token)).json() is True
    response = api.post(f"/{graph_photo}/tags", {"tag_text": "over"}, **auth(graph_token))
    assert "at most 20 tags" in graph_error(response)["message"]
    assert Tag.objects.count() == 20
    # moving a person already tagged is not a new tag, even on a full photo
    Tag.objects.filter(text="the last").delete()
    assert api.post(f"/{graph_photo}/tags", {"to": alice.pk}, **auth(graph_token)).json() is True
    assert api.post(f"/{graph_photo}/tags", {"to": alice.pk, "x": 3},
                    **auth(graph_token)).json() is True
    assert Tag.objects.count() == 20 and Tag.objects.get(user=alice).x == 3
