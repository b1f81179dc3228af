"""Chatter's URLs that name nothing answer Salesforce's JSON 404, never Django's HTML page."""

import pytest

from tests.support.chatter import error_of

pytestmark = pytest.mark.django_db

NOT_FOUND = (404, "NOT_FOUND", "The requested resource does not exist")


@pytest.mark.parametrize("url", [
    "/profilephoto/005/X",  # a size that is not F, M or T
    "/profilephoto/005/%C2%84",
    "/profilephoto/00/F",
    "/ncsphoto/%C2%84",  # a token of other characters
    "/services/data/v29.0/chatter/groups%0A/x",  # a line break in the path
])
def test_a_url_of_chatter_that_names_nothing_answers_salesforce_404(api, url):
    response = api.get(url)
    assert response["Content-Type"] == "application/json"
    assert error_of(response) == NOT_FOUND
