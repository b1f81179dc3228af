"""An Accept header no format of the endpoint satisfies (a browser's image request, say) is
answered as if it were absent, in the dialect's own format, as the APIs we imitate do: it once
made every dialect answer 500."""

import pytest

pytestmark = pytest.mark.django_db

PATHS = ["/me/photos", "/v2.0/me", "/photo/0123456789abcdef01234567", "/photos",
         "/crm/v2/Leads", "/bigin/v2/Contacts", "/services/data/v36.0/chatter/groups",
         "/services/data/v36.0/chatter/users/me/photo"]
# the Chatter photos answer XML too (Salesforce's <photo>): XML is no unsatisfiable Accept there
XML_PATHS = ["/services/data/v36.0/chatter/groups/0F9000000000001/photo",
             "/services/data/v36.0/connect/user-profiles/me/photo"]


@pytest.mark.parametrize(("path", "accept"), [
    (path, accept) for path in PATHS for accept in ("image/png", "text/html", "application/xml")
    if not (accept == "application/xml" and path.endswith("/photo"))])
def test_an_accept_header_the_endpoint_cannot_satisfy_changes_nothing(api, path, accept):
    plain = api.get(path)
    asked = api.get(path, HTTP_ACCEPT=accept)
    assert asked.status_code == plain.status_code != 500
    assert asked["Content-Type"] == plain["Content-Type"] == "application/json"
    assert asked.content == plain.content


@pytest.mark.parametrize("path", XML_PATHS)
def test_the_chatter_photos_still_answer_xml_to_who_asks_for_it(api, path):
    asked = api.get(path, HTTP_ACCEPT="application/xml")
    assert asked["Content-Type"].startswith("application/xml")
    assert b"<Errors>" in asked.content
    asked = api.get(path, HTTP_ACCEPT="image/png")
    assert asked["Content-Type"] == "application/json"
