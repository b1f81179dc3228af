"""Chatter's scope permission: which tokens reach Chatter (moved from accounts' registry)."""

import pytest

from accounts.principal import Principal
from photos.dialects.chatter.permissions import has_chatter_scope


def principal(*scopes):
    return Principal(user=None, workspace=None, application=None, scopes=frozenset(scopes),
                     token=None)


@pytest.mark.parametrize("scopes", [("api",), ("chatter_api",), ("full",),
                                    ("user_photos", "chatter_api")])
def test_a_salesforce_scope_reaches_chatter(scopes):
    assert has_chatter_scope(principal(*scopes))


@pytest.mark.parametrize("scopes", [(), ("user_photos", "ZohoCRM.modules.ALL"), ("refresh",)])
def test_other_scopes_do_not_reach_chatter(scopes):
    assert not has_chatter_scope(principal(*scopes))


def test_no_token_does_not_reach_chatter():
    assert not has_chatter_scope(None)
