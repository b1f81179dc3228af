"""Fixtures of the Graph API tests: Alice's token with every Graph permission, and a photo she
published."""

import pytest

from tests.support.graph import GRAPH_ALL, publish


@pytest.fixture
def graph_token(alice, make_token):
    """Alice's token with every Graph permission."""
    return make_token(GRAPH_ALL, user=alice)


@pytest.fixture
def graph_photo(api, graph_token):
    """The ID of a photo Alice published through Graph (rendered)."""
    return publish(api, graph_token)
