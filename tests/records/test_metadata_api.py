"""Zoho's metadata APIs, CRM and Bigin: ``settings/fields?module=`` (a module's fields, with
their API names and data types) and ``settings/modules``, their ``settings`` scopes and
errors."""

import pytest

from records.models import Module
from tests.support.zoho import auth, error

pytestmark = pytest.mark.django_db

SCOPE_MISMATCH = error("OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL")


def fields_of(api, token, module, product="crm"):
    response = api.get(f"/{product}/v2/settings/fields", {"module": module}, **auth(token))
    assert response.status_code == 200, response.content
    return {field["api_name"]: field for field in response.json()["fields"]}


def test_the_fields_of_a_standard_crm_module(api, org):
    fields = fields_of(api, org.token("ZohoCRM.settings.fields.READ"), "Leads")
    assert {"Owner", "First_Name", "Last_Name", "Email", "Company", "Lead_Source",
            "Record_Image", "Created_Time", "Modified_By"} <= set(fields)
    assert fields["Last_Name"]["data_type"] == "text"
    assert fields["Last_Name"]["system_mandatory"] is True
    assert (fields["Owner"]["data_type"], fields["Owner"]["json_type"],
            fields["Owner"]["field_label"]) == ("ownerlookup", "jsonobject", "Lead Owner")
    assert fields["Email"]["data_type"] == "email"
    assert fields["Record_Image"]["data_type"] == "profileimage"
    assert fields["Created_Time"]["data_type"] == "datetime"
    assert fields["Created_Time"]["read_only"] is True
    source = fields["Lead_Source"]
    assert source["data_type"] == "picklist"
    assert {"display_value": "Cold Call", "actual_value": "Cold Call"}.items() <= next(
        value for value in source["pick_list_values"]
        if value["actual_value"] == "Cold Call").items()
    ids = [field["id"] for field in fields.values()]
    assert all(value.isdigit() for value in ids) and len(set(ids)) == len(ids)


def test_a_lookup_names_its_module(api, org):
    fields = fields_of(api, org.token("ZohoCRM.settings.ALL"), "contacts")
    account = fields["Account_Name"]
    assert (account["data_type"], account["lookup"]["module"]) == ("lookup", "Accounts")


def test_a_module_without_photos_has_no_image_field(api, org):
    assert "Record_Image" not in fields_of(api, org.token("ZohoCRM.settings.ALL"), "Deals")


def test_a_custom_module_has_zohos_custom_module_fields(api, org):
    Module.objects.create(workspace=org.workspace, product="crm", api_name="Patients",
                          singular_label="Patient", plural_label="Patients")
    fields = fields_of(api, org.token("ZohoCRM.settings.fields.ALL"), "Patients")
    assert fields["Name"]["field_label"] == "Patient Name"
    assert fields["Name"]["system_mandatory"] is True
    assert {"Owner", "Email", "Record_Image", "Created_By"} <= set(fields)


def test_bigin_fields_under_bigins_scope(api, org):
    fields = fields_of(api, org.token("ZohoBigin.settings.fields.READ"), "Accounts", "bigin")
    assert fields["Account_Name"]["field_label"] == "Company Name"
    assert fields["Owner"]["field_label"] == "Company Owner"


def test_the_modules_of_the_organisation(api, org):
    Module.objects.create(workspace=org.workspace, product="crm", api_name="Patients",
                          singular_label="Patient", plural_label="Patients")
    response = api.get("/crm/v2/settings/modules", **auth(org.token("ZohoCRM.settings.ALL")))
    assert response.status_code == 200
    modules = {module["api_name"]: module for module in response.json()["modules"]}
    assert list(modules)[:3] == ["Leads", "Contacts", "Accounts"]
    assert list(modules)[-1] == "Patients"
    leads = modules["Leads"]
    assert (leads["generated_type"], leads["api_supported"], leads["singular_label"],
            leads["plural_label"], leads["convertable"]) == ("default", True, "Lead", "Leads",
                                                             True)
    assert modules["Patients"]["generated_type"] == "custom"
    assert modules["Visits"]["api_supported"] is False
    assert leads["id"].isdigit() and leads["modified_time"] is None


def test_bigin_modules_are_bigins(api, org):
    response = api.get("/bigin/v2/settings/modules",
                       **auth(org.token("ZohoBigin.settings.modules.READ")))
    names = [module["api_name"] for module in response.json()["modules"]]
    assert "Pipelines" in names and "Leads" not in names


@pytest.mark.parametrize(("path", "scopes"), [
    ("/crm/v2/settings/fields?module=Leads", ["ZohoCRM.modules.ALL"]),
    ("/crm/v2/settings/fields?module=Leads", ["ZohoCRM.settings.modules.READ"]),
    ("/crm/v2/settings/fields?module=Leads", ["ZohoBigin.settings.ALL"]),
    ("/crm/v2/settings/modules", ["ZohoCRM.settings.fields.ALL"]),
    ("/bigin/v2/settings/modules", ["ZohoCRM.settings.ALL"]),
])
def test_another_scope_is_a_scope_mismatch(api, org, path, scopes):
    response = api.get(path, **auth(org.token(*scopes)))
    assert (response.status_code, response.json()) == (401, SCOPE_MISMATCH)


def test_no_token_is_zohos_401(api):
    response = api.get("/crm/v2/settings/modules")
    assert response.status_code == 401
    assert response.json()["code"] in ("AUTHENTICATION_FAILURE", "INVALID_TOKEN")


@pytest.mark.parametrize(("query", "body"), [
    ({}, error("REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
               {"param_name": "module"})),
    ({"module": "Nothing"}, error("INVALID_MODULE", "the module name given seems to be invalid",
                                  {"param_name": "module"})),
    ({"module": "Visits"}, error("INVALID_MODULE", "the given module is not supported in api",
                                 {"param_name": "module"})),
])
def test_a_bad_module_parameter_is_zohos_error(api, org, query, body):
    response = api.get("/crm/v2/settings/fields", query, **auth(org.token("ZohoCRM.settings.ALL")))
    assert (response.status_code, response.json()) == (400, body)


# --- who may read it: the authorization matrix ----------------------------------------------------
INVALID_TOKEN = error("INVALID_TOKEN", "invalid oauth token")
NO_TOKEN = error("AUTHENTICATION_FAILURE", "Authentication failed")


@pytest.mark.parametrize("path", ["/crm/v2/settings/fields?module=Patients",
                                  "/crm/v2/settings/modules"])
@pytest.mark.parametrize("caller", ["no token", "expired token", "revoked token", "wrong scope",
                                    "plain member", "workspace token", "other workspace"])
def test_the_metadata_answers_each_caller_as_zoho_does(api, org, make_org, path, caller):
    """The organisation's metadata (its custom module ``Patients`` included) is for a token of
    that organisation with a settings scope, a plain member's or the workspace's own; another
    organisation's token sees its own modules, not this one's."""
    from datetime import timedelta

    from accounts.authentication import load_token

    Module.objects.create(workspace=org.workspace, product="crm", api_name="Patients",
                          singular_label="Patient", plural_label="Patients")
    scope = "ZohoCRM.settings.ALL"
    headers = {}
    match caller:
        case "expired token":
            headers = auth(org.make_token([scope], user=org.member,
                                          lifetime=timedelta(seconds=-1)))
        case "revoked token":
            raw = org.token(scope)
            load_token(raw).revoke()
            headers = auth(raw)
        case "wrong scope":
            headers = auth(org.token("ZohoCRM.modules.ALL"))
        case "plain member":
            headers = auth(org.token(scope, user=org.other_member))
        case "workspace token":
            headers = auth(org.token(scope, workspace_token=True))
        case "other workspace":
            headers = auth(make_org().token(scope))
    response = api.get(path, **headers)
    body = response.json()
    match caller:
        case "no token":
            assert (response.status_code, body) == (401, NO_TOKEN)
        case "expired token" | "revoked token":
            assert (response.status_code, body) == (401, INVALID_TOKEN)
        case "wrong scope":
            assert (response.status_code, body) == (401, SCOPE_MISMATCH)
        case "plain member" | "workspace token":
            assert response.status_code == 200, body
            names = ({field["api_name"] for field in body["fields"]} if "fields" in body
                     else {module["api_name"] for module in body["modules"]})
            assert ("Name" if "fields" in body else "Patients") in names
        case "other workspace":
            if "module=" in path:  # another organisation's custom module names nothing
                assert (response.status_code, body["code"]) == (400, "INVALID_MODULE")
            else:
                assert response.status_code == 200
                assert "Patients" not in {module["api_name"] for module in body["modules"]}
