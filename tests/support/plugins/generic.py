"""Fixtures of the generic photo API tests."""

import pytest


@pytest.fixture
def generic_token(alice, make_token):
    """Alice's token with the generic API's scopes (read and manage photos)."""
    return make_token(["user_photos", "manage_photos"], user=alice)
