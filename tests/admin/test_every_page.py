"""Every page of every model in the admin opens, with real rows present: a 500 on any admin
page fails here, and a model registered later is covered (or this names it)."""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.urls import reverse

pytestmark = pytest.mark.django_db

# model label -> the attribute of tests.admin.conftest.Rows that makes one row of it
ROWS = {
    "admin.logentry": "log_entry",
    "auth.group": "auth_group",
    "accounts.application": "application",
    "accounts.user": "user",
    "accounts.workspace": "workspace",
    "oauth2_provider.accesstoken": "access_token",
    "oauth2_provider.grant": "grant",
    "oauth2_provider.idtoken": "id_token",
    "oauth2_provider.refreshtoken": "refresh_token",
    "photos.photo": "photo",
    "photos.album": "album",
    "photos.comment": "comment",
    "photos.like": "like",
    "photos.tag": "tag",
    "files.file": "file",
    "groups.community": "community",
    "groups.group": "group",
    "records.module": "module",
    "records.record": "record",
    "records.workflowrule": "workflow_rule",
    "records.webhookdelivery": "webhook_delivery",
}

# Pages that are deliberately refused (403), and why.
READ_ONLY = {
    # photos arrive through the APIs, validated; the log is a record of what happened
    "photos.photo": {"add"},
    "admin.logentry": {"add", "delete"},
    # deliveries are made by workflow rules
    "records.webhookdelivery": {"add"},
    # django-oauth-toolkit: tokens and codes come from the OAuth flows, and are revoked by an
    # action rather than deleted
    "oauth2_provider.accesstoken": {"add", "delete"},
    "oauth2_provider.refreshtoken": {"add", "delete"},
    "oauth2_provider.grant": {"add"},
    "oauth2_provider.idtoken": {"add"},
}

REGISTERED = sorted(model._meta.label_lower for model in admin.site._registry)


def urls(model, obj):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    pk = quote(obj.pk)
    return {
        "changelist": reverse(f"{prefix}_changelist"),
        "change": reverse(f"{prefix}_change", args=[pk]),
        "add": reverse(f"{prefix}_add"),
        "delete": reverse(f"{prefix}_delete", args=[pk]),
        "history": reverse(f"{prefix}_history", args=[pk]),
    }


@pytest.mark.parametrize("label", REGISTERED)
def test_every_page_of_every_registered_model_opens(admin_client, rows, label):
    if label not in ROWS:
        pytest.fail(f"{label} is in the admin but this test cannot make a row of it: add it to "
                    "ROWS (and a maker to tests/admin/conftest.py Rows)")
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    obj = getattr(rows, ROWS[label])
    refused = READ_ONLY.get(label, set())
    answers = {page: admin_client.get(url).status_code
               for page, url in urls(model, obj).items()}
    expected = {page: 403 if page in refused else 200 for page in answers}
    assert answers == expected


def test_the_tables_above_name_only_registered_models():
    # a model taken out of the admin leaves no stale row behind in them
    assert set(ROWS) - set(REGISTERED) == set()
    assert set(READ_ONLY) - set(REGISTERED) == set()
