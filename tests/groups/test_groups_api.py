"""Chatter groups, communities and members through their own endpoints."""

import pytest

from tests.support.chatter import error_of

pytestmark = pytest.mark.django_db


def create(client, name="Photographers", visibility="PublicAccess", version="29.0",
           prefix=""):
    response = client.post_json(version, f"{prefix}chatter/groups",
                                {"name": name, "visibility": visibility})
    assert response.status_code == 201, response.content
    return response.json()


def test_create_group_answers_the_group(as_alice, acme_alice):
    group = create(as_alice, "Photographers")
    assert group["id"].startswith("0F9") and len(group["id"]) == 18
    assert group["name"] == "Photographers"
    assert group["type"] == "CollaborationGroup"
    assert group["visibility"] == "PublicAccess"
    assert group["memberCount"] == 1
    assert group["myRole"] == "GroupOwner"
    assert group["owner"]["name"] == "Alice Liddell" and group["owner"]["type"] == "User"
    assert group["url"] == f"/services/data/v29.0/chatter/groups/{group['id']}"
    assert group["photo"]["photoVersionId"] is None
    assert group["photo"]["largePhotoUrl"].endswith("/profilephoto/0F9/F")
    assert group["community"] is None


def test_create_group_from_request_parameters(as_alice):
    response = as_alice.post_params("29.0", "chatter/groups",
                                    {"name": "Params", "visibility": "PrivateAccess"})
    assert response.status_code == 201
    assert response.json()["visibility"] == "PrivateAccess"


def test_creating_groups_came_in_29(as_alice):
    response = as_alice.post_json("28.0", "chatter/groups",
                                  {"name": "Old", "visibility": "PublicAccess"})
    assert error_of(response)[:2] == (404, "NOT_FOUND")


@pytest.mark.parametrize(("body", "code"), [
    ({"visibility": "PublicAccess"}, "INVALID_INPUT"),
    ({"name": "x", "visibility": "Unlisted"}, "INVALID_INPUT"),
    ({"name": "x"}, "INVALID_INPUT"),
    ({"name": "x" * 41, "visibility": "PublicAccess"}, "INVALID_INPUT"),
    ({"name": "x", "visibility": "PublicAccess", "colour": "red"}, "JSON_PARSER_ERROR"),
])
def test_bad_group_input(as_alice, body, code):
    assert error_of(as_alice.post_json("29.0", "chatter/groups", body))[:2] == (400, code)


def test_group_names_are_unique_case_insensitively(as_alice, as_bob):
    create(as_alice, "Birds")
    response = as_bob.post_json("29.0", "chatter/groups",
                                {"name": "BIRDS", "visibility": "PublicAccess"})
    assert error_of(response)[:2] == (400, "DUPLICATE_VALUE")


def test_list_shows_public_groups_and_my_private_ones(as_alice, as_bob, chatter_as, outsider):
    create(as_alice, "Public one")
    create(as_alice, "Secret", "PrivateAccess")
    names = [g["name"] for g in as_bob.get("23.0", "chatter/groups").json()["groups"]]
    assert names == ["Public one"]
    names = [g["name"] for g in as_alice.get("23.0", "chatter/groups").json()["groups"]]
    assert names == ["Public one", "Secret"]
    assert chatter_as(outsider).get("23.0", "chatter/groups").json()["groups"] == []


def test_list_pages(as_alice):
    for name in ("A", "B", "C"):
        create(as_alice, name)
    first = as_alice.get("29.0", "chatter/groups", {"pageSize": 2}).json()
    assert [g["name"] for g in first["groups"]] == ["A", "B"]
    assert first["previousPageUrl"] is None
    second = as_alice.api.get(first["nextPageUrl"], **as_alice.headers).json()
    assert [g["name"] for g in second["groups"]] == ["C"] and second["nextPageUrl"] is None


def test_get_group_in_15_or_18_characters(as_alice):
    group = create(as_alice)
    for given in (group["id"], group["id"][:15], group["id"].lower()):
        assert as_alice.get("29.0", f"chatter/groups/{given}").json()["id"] == group["id"]


def test_private_group_is_invisible_to_non_members(as_alice, as_bob, acme_bob):
    group = create(as_alice, "Secret", "PrivateAccess")
    for path in ("", "/members", "/photo"):
        response = as_bob.get("29.0", f"chatter/groups/{group['id']}{path}")
        assert error_of(response) == (404, "NOT_FOUND", "The requested resource does not exist")
    added = as_alice.post_json("29.0", f"chatter/groups/{group['id']}/members",
                               {"userId": _user_id(acme_bob)})
    assert added.status_code == 201
    assert as_bob.get("29.0", f"chatter/groups/{group['id']}").json()["myRole"] == \
        "StandardMember"


def _user_id(user):
    from photos.dialects.chatter.ids import USER, sfid18

    return sfid18(USER, user.pk)


def test_members_add_and_list(as_alice, as_bob, acme_bob, acme_carol):
    group = create(as_alice)
    members = f"chatter/groups/{group['id']}/members"
    response = as_alice.post_json("29.0", members, {"userId": _user_id(acme_bob),
                                                    "role": "GroupManager"})
    assert response.status_code == 201
    member = response.json()
    assert member["id"].startswith("0FB") and member["role"] == "GroupManager"
    assert member["user"]["id"] == _user_id(acme_bob)
    assert member["url"] == f"/services/data/v29.0/chatter/group-memberships/{member['id']}"

    # a manager adds others; 15-character user IDs do
    assert as_bob.post_json("29.0", members,
                            {"userId": _user_id(acme_carol)[:15]}).status_code == 201
    page = as_alice.get("29.0", members).json()
    assert page["totalMemberCount"] == 3
    assert [m["role"] for m in page["members"]] == ["GroupOwner", "GroupManager",
                                                    "StandardMember"]
    assert page["myMembership"]["id"] == page["members"][0]["id"]
    assert as_alice.get("29.0", f"chatter/groups/{group['id']}").json()["memberCount"] == 3


def test_anyone_joins_a_public_group_but_adds_nobody_else(as_alice, as_bob, acme_bob, acme_carol):
    group = create(as_alice)
    members = f"chatter/groups/{group['id']}/members"
    others = as_bob.post_json("29.0", members, {"userId": _user_id(acme_carol)})
    assert error_of(others)[:2] == (403, "INSUFFICIENT_ACCESS_OR_READONLY")
    promote = as_bob.post_json("29.0", members, {"userId": "me", "role": "GroupManager"})
    assert error_of(promote)[:2] == (403, "INSUFFICIENT_ACCESS_OR_READONLY")
    assert as_bob.post_json("29.0", members, {"userId": "me"}).json()["role"] == \
        "StandardMember"


def test_member_errors(as_alice, acme_bob, outsider):
    group = create(as_alice)
    members = f"chatter/groups/{group['id']}/members"
    as_alice.post_json("29.0", members, {"userId": _user_id(acme_bob)})
    assert error_of(as_alice.post_json("29.0", members, {"userId": _user_id(acme_bob)}))[:2] == \
        (400, "DUPLICATE_VALUE")
    assert error_of(as_alice.post_json("29.0", members, {}))[:2] == (400, "INVALID_INPUT")
    assert error_of(as_alice.post_json("29.0", members, {"userId": group["id"]})) == \
        (400, "INVALID_ID_FIELD", f"Invalid identifier: {group['id']}")
    # a user of another workspace is invisible
    assert error_of(as_alice.post_json("29.0", members, {"userId": _user_id(outsider)}))[:2] \
        == (404, "NOT_FOUND")
    assert error_of(as_alice.post_json("29.0", members, {"userId": _user_id(acme_bob),
                                                         "role": "Boss"}))[:2] == \
        (400, "INVALID_INPUT")
    # role came in 29.0
    assert error_of(as_alice.post_json("28.0", members, {"userId": _user_id(acme_bob),
                                                         "role": "GroupManager"}))[:2] == \
        (400, "JSON_PARSER_ERROR")


def test_leave_and_remove_members(as_alice, as_bob, acme_bob):
    group = create(as_alice)
    members = f"chatter/groups/{group['id']}/members"
    membership = as_bob.post_json("29.0", members, {"userId": "me"}).json()
    assert as_bob.get("29.0", f"chatter/group-memberships/{membership['id']}").json()["id"] == \
        membership["id"]
    assert as_bob.delete("29.0", f"chatter/group-memberships/{membership['id']}").status_code \
        == 204
    owner = as_alice.get("29.0", members).json()["members"][0]
    assert error_of(as_alice.delete("29.0", f"chatter/group-memberships/{owner['id']}"))[:2] \
        == (400, "INVALID_INPUT")
    assert error_of(as_bob.delete("29.0", f"chatter/group-memberships/{owner['id']}"))[:2] == \
        (403, "INSUFFICIENT_ACCESS_OR_READONLY")


def test_community_groups_live_under_their_community(as_alice, acme_alice, acme,
                                                     make_workspace):
    from groups.models import Community

    community = Community.objects.create(workspace=acme, name="Partners",
                                         url_path_prefix="partners")
    other = Community.objects.create(workspace=acme, name="Customers")
    foreign = Community.objects.create(workspace=make_workspace("Elsewhere"), name="Theirs")
    prefix = f"connect/communities/{community.sfid}/"
    group = create(as_alice, "Partner photos", prefix=prefix)
    assert group["url"] == f"/services/data/v29.0/{prefix}chatter/groups/{group['id']}"
    assert group["community"]["id"] == community.sfid
    assert group["photo"]["url"] == f"{group['url']}/photo"

    assert as_alice.get("29.0", f"{prefix}chatter/groups/{group['id']}").status_code == 200
    # neither through another community nor without the prefix
    for path in (f"connect/communities/{other.sfid}/chatter/groups/{group['id']}",
                 f"chatter/groups/{group['id']}"):
        assert error_of(as_alice.get("29.0", path))[:2] == (404, "NOT_FOUND")
    assert as_alice.get("29.0", "chatter/groups").json()["groups"] == []
    listed = as_alice.get("29.0", f"{prefix}chatter/groups").json()["groups"]
    assert [g["id"] for g in listed] == [group["id"]]
    # another workspace's community does not exist for Alice
    assert error_of(as_alice.get("29.0", f"connect/communities/{foreign.sfid}/chatter/groups")
                    )[:2] == (404, "NOT_FOUND")

    communities = as_alice.get("29.0", "connect/communities").json()
    assert [c["name"] for c in communities["communities"]] == ["Customers", "Partners"]
    assert as_alice.get("26.0", f"connect/communities/{community.sfid}").json()[
        "urlPathPrefix"] == "partners"
    assert error_of(as_alice.get("25.0", "connect/communities"))[:2] == (404, "NOT_FOUND")


def test_user_resource(as_alice, acme_alice, outsider):
    me = as_alice.get("29.0", "chatter/users/me").json()
    assert me["id"] == _user_id(acme_alice) and me["displayName"] == "Alice Liddell"
    assert me["photo"]["url"] == f"/services/data/v29.0/chatter/users/{me['id']}/photo"
    assert as_alice.get("38.0", "chatter/users/me").json()["photo"]["url"] == \
        f"/services/data/v38.0/connect/user-profiles/{me['id']}/photo"
    assert error_of(as_alice.get("29.0", f"chatter/users/{_user_id(outsider)}"))[:2] == \
        (404, "NOT_FOUND")
