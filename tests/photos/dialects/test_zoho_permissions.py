"""Zoho's module scopes: which granted scopes cover an operation on a module, and the
scopes the dialect registers for tokens to be issued."""

from photos.dialects.zoho.permissions import allows


def test_product_wide_all_allows_any_module_operation():
    granted = {"ZohoCRM.modules.ALL"}
    assert allows(granted, "ZohoCRM", "Leads", ["WRITE", "CREATE"])
    assert allows(granted, "ZohoCRM", "Vendors", ["DELETE"])


def test_module_read_scope_does_not_allow_upload():
    granted = {"ZohoCRM.modules.contacts.READ"}
    assert not allows(granted, "ZohoCRM", "Contacts", ["WRITE", "CREATE"])
    assert allows(granted, "ZohoCRM", "Contacts", ["READ"])


def test_module_scope_is_for_that_module_only():
    granted = {"ZohoCRM.modules.contacts.ALL"}
    assert allows(granted, "ZohoCRM", "Contacts", ["DELETE"])
    assert not allows(granted, "ZohoCRM", "Leads", ["READ"])


def test_module_names_compare_without_case():
    assert allows({"ZohoCRM.modules.LEADS.create"}, "ZohoCRM", "Leads", ["CREATE"])


def test_another_products_scope_does_not_count():
    assert not allows({"ZohoBigin.modules.ALL"}, "ZohoCRM", "Leads", ["CREATE"])
    assert not allows({"ZohoCRM.modules.contacts.ALL"}, "ZohoBigin", "Contacts",
                                  ["READ"])


def test_the_scope_list_offers_zohos_scopes_registered_by_the_dialect(api, db):
    body = api.get("/api/scopes").json()
    assert {"ZohoCRM.modules.ALL", "ZohoBigin.modules.ALL"} <= set(body["scopes"])
    assert body["patterns"] == ["ZohoCRM.modules.{module}.{ALL|READ|WRITE|CREATE|DELETE|UPDATE}",
                                "ZohoBigin.modules.{module}.{ALL|READ|WRITE|CREATE|DELETE|UPDATE}"]
