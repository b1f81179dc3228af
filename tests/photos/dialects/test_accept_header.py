"""An Accept header no format of the endpoint satisfies (a browser's image request, say) is
answered as if it were absent, in the dialect's own format, as the APIs we imitate do: it once
made every dialect answer 500."""

import pytest

pytestmark = pytest.mark.django_db

PATHS = ["/me/photos", "/v2.0/me", "/photo/0123456789abcdef01234567", "/photos",
         "/crm/v2/Leads", "/bigin/v2/Contacts", "/services/data/v36.0/chatter/groups",
         "/services/data/v36.0/chatter/users/me/photo"]


@pytest.mark.parametrize("accept", ["image/png", "text/html", "application/xml"])
@pytest.mark.parametrize("path", PATHS)
def test_an_accept_header_the_endpoint_cannot_satisfy_changes_nothing(api, path, accept):
    plain = api.get(path)
    asked = api.get(path, HTTP_ACCEPT=accept)
    assert asked.status_code == plain.status_code != 500
    assert asked["Content-Type"] == plain["Content-Type"] == "application/json"
    assert asked.content == plain.content


def test_the_group_photo_still_answers_xml_to_who_asks_for_it(api):
    asked = api.get("/services/data/v36.0/chatter/groups/0F9000000000001/photo",
                    HTTP_ACCEPT="application/xml")
    assert asked["Content-Type"].startswith("application/xml")
    assert b"<Errors>" in asked.content
    asked = api.get("/services/data/v36.0/chatter/groups/0F9000000000001/photo",
                    HTTP_ACCEPT="image/png")
    assert asked["Content-Type"] == "application/json"
