import pytest


@pytest.fixture
def alice(make_user):
    return make_user(first_name="Alice", last_name="Liddell")
