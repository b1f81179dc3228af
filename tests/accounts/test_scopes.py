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


def test_product_wide_all_allows_any_module_operation():
    granted = {"ZohoCRM.modules.ALL"}
    assert scopes.zoho_allows(granted, "ZohoCRM", "Leads", ["WRITE", "CREATE"])
    assert scopes.zoho_allows(granted, "ZohoCRM", "Vendors", ["DELETE"])


def test_module_read_scope_does_not_allow_upload():
    granted = {"ZohoCRM.modules.contacts.READ"}
    assert not scopes.zoho_allows(granted, "ZohoCRM", "Contacts", ["WRITE", "CREATE"])
    assert scopes.zoho_allows(granted, "ZohoCRM", "Contacts", ["READ"])


def test_module_scope_is_for_that_module_only():
    granted = {"ZohoCRM.modules.contacts.ALL"}
    assert scopes.zoho_allows(granted, "ZohoCRM", "Contacts", ["DELETE"])
    assert not scopes.zoho_allows(granted, "ZohoCRM", "Leads", ["READ"])


def test_module_names_compare_without_case():
    assert scopes.zoho_allows({"ZohoCRM.modules.LEADS.create"}, "ZohoCRM", "Leads", ["CREATE"])


def test_another_products_scope_does_not_count():
    assert not scopes.zoho_allows({"ZohoBigin.modules.ALL"}, "ZohoCRM", "Leads", ["CREATE"])
    assert not scopes.zoho_allows({"ZohoCRM.modules.contacts.ALL"}, "ZohoBigin", "Contacts",
                                  ["READ"])


def test_salesforce_full_implies_api_and_chatter():
    assert scopes.has({"full"}, "api")
    assert scopes.has({"full"}, "chatter_api")
    assert not scopes.has({"api"}, "full")
