"""Standard modules exist for every workspace; admins add custom modules in the Django admin."""

import importlib

import pytest
from django.apps import apps

from accounts.models import Workspace
from records.models import Module
from records.standard import STANDARD_MODULES
from tests.support.images import png_bytes
from tests.support.zoho import SUCCESS, upload

pytestmark = pytest.mark.django_db

CRM_PHOTOS = {"Leads", "Contacts", "Accounts", "Products", "Vendors"}
BIGIN_PHOTOS = {"Contacts", "Accounts", "Products"}


def test_a_new_workspace_has_the_standard_modules_of_both_products(org):
    modules = Module.objects.filter(workspace=org.workspace)
    crm = {m.api_name: m for m in modules if m.product == "crm"}
    bigin = {m.api_name: m for m in modules if m.product == "bigin"}
    assert {n for n, m in crm.items() if m.photos_supported} == CRM_PHOTOS
    assert {n for n, m in bigin.items() if m.photos_supported} == BIGIN_PHOTOS
    assert (bigin["Accounts"].singular_label, bigin["Accounts"].plural_label) == (
        "Company", "Companies")
    assert not crm["Documents"].api_supported and not bigin["Projects"].api_supported
    assert not any(m.is_custom for m in modules)


def test_workspaces_made_around_the_orm_get_them_on_first_use(api, make_user, make_token):
    (workspace,) = Workspace.objects.bulk_create([Workspace(name="Raw", slug="raw-ws")])
    assert not Module.objects.filter(workspace=workspace).exists()
    from accounts.models import Membership
    from records.models import Record

    user = make_user()
    Membership.objects.create(user=user, workspace=workspace, role="owner")
    response = api.get("/crm/v2/Leads", HTTP_AUTHORIZATION="Zoho-oauthtoken "
                       + make_token(["ZohoCRM.modules.ALL"], user=user))
    assert response.status_code == 204
    assert Module.objects.filter(workspace=workspace).count() == len(STANDARD_MODULES)
    assert not Record.objects.exists()


def test_the_data_migration_fills_existing_workspaces():
    (workspace,) = Workspace.objects.bulk_create([Workspace(name="Old", slug="old-ws")])
    migration = importlib.import_module("records.migrations.0002_standard_modules")
    migration.create_standard_modules(apps, None)
    migration.create_standard_modules(apps, None)  # idempotent
    assert Module.objects.filter(workspace=workspace, product="crm", api_name="Leads").count() == 1


def test_an_admin_creates_a_custom_module_in_the_django_admin_and_it_holds_photos(
        client, api, org, make_user):
    staff = make_user(is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.post("/admin/records/module/add/", {
        "workspace": org.workspace.pk, "product": "crm", "api_name": "Patients",
        "singular_label": "Patient", "plural_label": "Patients", "api_supported": "on",
        "photos_supported": "on", "photos_enabled": "on", "members_may_change_photos": "on",
    })
    assert response.status_code == 302, response.content[:2000]
    module = Module.objects.get(workspace=org.workspace, api_name="Patients")
    assert module.is_custom
    record = org.record("Patients")
    response = upload(api, f"/crm/v2/Patients/{record.zoho_id}/photo",
                      org.token("ZohoCRM.modules.custom.CREATE"), png_bytes(120, 80))
    assert response.json() == SUCCESS


def test_the_admin_refuses_a_second_module_of_the_same_name(client, org, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    response = client.post("/admin/records/module/add/", {
        "workspace": org.workspace.pk, "product": "crm", "api_name": "leads",
        "singular_label": "L", "plural_label": "Ls",
    })
    assert response.status_code == 200  # the form again, with the error
    assert Module.objects.filter(workspace=org.workspace, api_name__iexact="leads").count() == 1


def test_the_admin_refuses_a_bad_api_name(client, org, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    response = client.post("/admin/records/module/add/", {
        "workspace": org.workspace.pk, "product": "crm", "api_name": "Bad Name/..",
        "singular_label": "B", "plural_label": "Bs",
    })
    assert response.status_code == 200
    assert not Module.objects.filter(api_name="Bad Name/..").exists()


def test_standard_modules_keep_their_identity_in_the_admin(client, org, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    leads = org.module("Leads")
    response = client.get(f"/admin/records/module/{leads.pk}/change/")
    assert response.status_code == 200
    assert b'name="api_name"' not in response.content  # read-only
    assert b'name="photos_enabled"' in response.content
