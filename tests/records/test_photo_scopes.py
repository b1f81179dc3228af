"""Every scope form of the seeds, for both products: what lets a token upload, download and
delete a record's photo, and what does not (OAUTH_SCOPE_MISMATCH, 401)."""

import pytest

from photos.models import Photo
from tests.support.images import png_bytes
from tests.support.zoho import SUCCESS, auth, error, photo_url, upload

pytestmark = pytest.mark.django_db

MISMATCH = error("OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL")
PHOTO_MODULES = [("crm", m) for m in ("Leads", "Contacts", "Accounts", "Products", "Vendors")] + [
    ("bigin", m) for m in ("Contacts", "Accounts", "Products")]
PREFIX = {"crm": "ZohoCRM", "bigin": "ZohoBigin"}
OTHER = {"crm": "ZohoBigin", "bigin": "ZohoCRM"}


def scopes_for(product, module, form):
    p, m = PREFIX[product], module.lower()
    return {
        "product ALL": f"{p}.modules.ALL",
        "module ALL": f"{p}.modules.{m}.ALL",
        "module WRITE": f"{p}.modules.{m}.WRITE",
        "module CREATE": f"{p}.modules.{m}.CREATE",
        "module READ": f"{p}.modules.{m}.READ",
        "module DELETE": f"{p}.modules.{m}.DELETE",
        "module UPDATE": f"{p}.modules.{m}.UPDATE",
        "other module ALL": f"{p}.modules.{'deals' if m != 'deals' else 'tasks'}.ALL",
        "other product ALL": f"{OTHER[product]}.modules.ALL",
        "other product module ALL": f"{OTHER[product]}.modules.{m}.ALL",
        "not a zoho scope": "user_photos",
    }[form]


UPLOAD_OK = ["product ALL", "module ALL", "module WRITE", "module CREATE"]
UPLOAD_REFUSED = ["module READ", "module DELETE", "module UPDATE", "other module ALL",
                  "other product ALL", "other product module ALL", "not a zoho scope"]


@pytest.mark.parametrize("product", ["crm", "bigin"])
@pytest.mark.parametrize("form", UPLOAD_OK)
def test_upload_is_allowed_by(api, org, product, form):
    record = org.record("Contacts", product)
    token = org.token(scopes_for(product, "Contacts", form))
    response = upload(api, photo_url(record, product), token, png_bytes(120, 80))
    assert (response.status_code, response.json()) == (200, SUCCESS)


@pytest.mark.parametrize(("product", "module"), PHOTO_MODULES)
def test_each_photo_module_has_its_own_scope(api, org, product, module):
    record = org.record(module, product)
    token = org.token(scopes_for(product, module, "module CREATE"))
    response = upload(api, photo_url(record, product), token, png_bytes(120, 80))
    assert (response.status_code, response.json()) == (200, SUCCESS)
    other = "Contacts" if module != "Contacts" else "Products"
    response = upload(api, photo_url(org.record(other, product), product), token, png_bytes(120,
                                                                                            80))
    assert (response.status_code, response.json()) == (401, MISMATCH)


@pytest.mark.parametrize("product", ["crm", "bigin"])
@pytest.mark.parametrize("form", UPLOAD_REFUSED)
def test_upload_is_refused_with(api, org, product, form):
    module = "Contacts"
    record = org.record(module, product)
    token = org.token(scopes_for(product, module, form))
    response = upload(api, photo_url(record, product), token, png_bytes(120, 80))
    assert (response.status_code, response.json()) == (401, MISMATCH)
    assert not Photo.objects.exists()


@pytest.mark.parametrize("product", ["crm", "bigin"])
@pytest.mark.parametrize(("form", "status"), [
    ("product ALL", 204), ("module ALL", 204), ("module READ", 204),
    ("module WRITE", 401), ("module CREATE", 401), ("module DELETE", 401),
    ("other product ALL", 401), ("other product module ALL", 401),
])
def test_download_needs_read(api, org, product, form, status):
    record = org.record("Products", product)
    token = org.token(scopes_for(product, "Products", form))
    response = api.get(photo_url(record, product), **auth(token))
    assert response.status_code == status  # 204: allowed, and there is no photo yet
    if status == 401:
        assert response.json() == MISMATCH


@pytest.mark.parametrize("product", ["crm", "bigin"])
@pytest.mark.parametrize(("form", "status"), [
    ("product ALL", 200), ("module ALL", 200), ("module DELETE", 200),
    ("module WRITE", 401), ("module CREATE", 401), ("module READ", 401),
    ("other product ALL", 401), ("other product module ALL", 401),
])
def test_delete_needs_delete(api, org, product, form, status):
    record = org.record("Accounts", product)
    upload(api, photo_url(record, product), org.token(f"{PREFIX[product]}.modules.ALL"),
           png_bytes(120, 80))
    token = org.token(scopes_for(product, "Accounts", form))
    response = api.delete(photo_url(record, product), **auth(token))
    assert response.status_code == status
    if status == 401:
        assert response.json() == MISMATCH


@pytest.mark.parametrize("scope", ["ZohoCRM.modules.custom.ALL", "ZohoCRM.modules.patients.ALL",
                                   "ZohoCRM.modules.Patients.CREATE", "ZohoCRM.modules.ALL"])
def test_custom_modules_take_the_custom_scope_or_their_own_name(api, org, scope):
    from records.models import Module

    Module.objects.create(workspace=org.workspace, product="crm", api_name="Patients",
                          singular_label="Patient", plural_label="Patients")
    record = org.record("Patients")
    response = upload(api, photo_url(record), org.token(scope), png_bytes(120, 80))
    assert (response.status_code, response.json()) == (200, SUCCESS)


def test_the_custom_scope_does_not_reach_standard_modules(api, org):
    record = org.record("Leads")
    response = upload(api, photo_url(record), org.token("ZohoCRM.modules.custom.ALL"),
                      png_bytes(120, 80))
    assert (response.status_code, response.json()) == (401, MISMATCH)
