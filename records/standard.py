"""The standard modules of Zoho CRM (v2) and Bigin (v2) that every workspace has.

Plain data, shared by the data migration and by :func:`records.services.ensure_standard_modules`
(a migration cannot import models, so the table lives apart from them).
"""

from photos.dialects.zoho.params import BIGIN, CRM

# (api_name, singular label, plural label, supported in the API, holds photos)
_CRM = [
    ("Leads", "Lead", "Leads", True, True),
    ("Contacts", "Contact", "Contacts", True, True),
    ("Accounts", "Account", "Accounts", True, True),
    ("Products", "Product", "Products", True, True),
    ("Vendors", "Vendor", "Vendors", True, True),
    ("Deals", "Deal", "Deals", True, False),
    ("Campaigns", "Campaign", "Campaigns", True, False),
    ("Tasks", "Task", "Tasks", True, False),
    ("Events", "Meeting", "Meetings", True, False),
    ("Calls", "Call", "Calls", True, False),
    ("Quotes", "Quote", "Quotes", True, False),
    ("Sales_Orders", "Sales Order", "Sales Orders", True, False),
    ("Purchase_Orders", "Purchase Order", "Purchase Orders", True, False),
    ("Invoices", "Invoice", "Invoices", True, False),
    ("Price_Books", "Price Book", "Price Books", True, False),
    ("Cases", "Case", "Cases", True, False),
    ("Solutions", "Solution", "Solutions", True, False),
    # exist in the product, but "not supported in api"
    ("Documents", "Document", "Documents", False, False),
    ("Projects", "Project", "Projects", False, False),
    ("Visits", "Visit", "Visits", False, False),
]

_BIGIN = [
    ("Contacts", "Contact", "Contacts", True, True),
    ("Accounts", "Company", "Companies", True, True),
    ("Products", "Product", "Products", True, True),
    ("Pipelines", "Pipeline", "Pipelines", True, False),
    ("Tasks", "Task", "Tasks", True, False),
    ("Events", "Event", "Events", True, False),
    ("Calls", "Call", "Calls", True, False),
    ("Documents", "Document", "Documents", False, False),
    ("Projects", "Project", "Projects", False, False),
]

STANDARD_MODULES: list[dict] = [
    {"product": product, "api_name": api_name, "singular_label": singular,
     "plural_label": plural, "api_supported": in_api, "photos_supported": photos}
    for product, table in ((CRM, _CRM), (BIGIN, _BIGIN))
    for api_name, singular, plural, in_api, photos in table
]


def create_for(workspace_id: int, module_model) -> None:
    """Create the missing standard modules of one workspace (idempotent, race-safe)."""
    module_model.objects.bulk_create(
        [module_model(workspace_id=workspace_id, is_custom=False, **row)
         for row in STANDARD_MODULES],
        ignore_conflicts=True,
    )
