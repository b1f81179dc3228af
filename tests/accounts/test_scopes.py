import pytest

from accounts import scopes


@pytest.mark.parametrize("scope", [
    "api", "chatter_api", "full", "user_photos", "workspace_photos", "manage_photos",
    "friends_photos", "publish_stream", "ZohoCRM.modules.ALL", "ZohoBigin.modules.ALL",
    "ZohoCRM.modules.leads.CREATE", "ZohoCRM.modules.Contacts.READ",
    "ZohoBigin.modules.accounts.WRITE", "ZohoCRM.modules.custom_module_1.DELETE",
])
def test_registry_knows_every_dialects_scopes(scope):
    assert scopes.is_known(scope)


@pytest.mark.parametrize("scope", [
    "", "read", "ZohoCRM.modules", "ZohoCRM.modules.leads", "ZohoCRM.modules.leads.EXPLODE",
    "ZohoDesk.modules.ALL", "ZohoCRM.modules.leads.CREATE.extra", "zohocrm.modules.ALL",
])
def test_registry_refuses_unknown_scopes(scope):
    assert not scopes.is_known(scope)


def test_salesforce_full_implies_api_and_chatter():
    assert scopes.has({"full"}, "api")
    assert scopes.has({"full"}, "chatter_api")
    assert not scopes.has({"api"}, "full")
