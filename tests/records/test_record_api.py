"""Enough of Zoho's record API to make a record and read it back: insert, list, get."""

import re

import pytest

from records.models import Record
from tests.support.zoho import auth, error

pytestmark = pytest.mark.django_db

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def insert(api, token, rows, path="/crm/v2/Leads"):
    return api.post(path, {"data": rows}, format="json", **auth(token))


@pytest.mark.parametrize(("product", "module"), [("crm", "Leads"), ("bigin", "Accounts")])
def test_insert_then_read_back_in_zohos_shapes(api, org, product, module):
    prefix = "ZohoCRM" if product == "crm" else "ZohoBigin"
    token = org.token(f"{prefix}.modules.{module.lower()}.CREATE",
                      f"{prefix}.modules.{module.lower()}.READ")
    response = insert(api, token, [{"Last_Name": "Doe", "Company": "Acme", "Score": 7}],
                      f"/{product}/v2/{module}")
    assert response.status_code == 201
    (row,) = response.json()["data"]
    assert (row["code"], row["message"], row["status"]) == ("SUCCESS", "record added", "success")
    record_id = row["details"]["id"]
    assert record_id.isdigit() and len(record_id) == 19 and int(record_id) < 2**63
    assert row["details"]["Created_By"] == {"name": org.member.username,
                                            "id": str(org.member.pk), "email": ""}
    assert ISO.match(row["details"]["Created_Time"])

    response = api.get(f"/{product}/v2/{module}/{record_id}", **auth(token))
    assert response.status_code == 200
    (record,) = response.json()["data"]
    assert record["id"] == record_id
    assert (record["Last_Name"], record["Company"], record["Score"]) == ("Doe", "Acme", 7)
    assert record["Owner"]["id"] == str(org.member.pk)
    assert record["Record_Image"] is None


def test_insert_many_and_ids_are_unique(api, org):
    response = insert(api, org.token("ZohoCRM.modules.leads.WRITE"),
                      [{"Last_Name": f"N{i}"} for i in range(20)])
    ids = [row["details"]["id"] for row in response.json()["data"]]
    assert response.status_code == 201 and len(set(ids)) == 20


def test_system_fields_in_the_input_are_ignored(api, org, make_user):
    response = insert(api, org.token("ZohoCRM.modules.ALL"),
                      [{"id": "1", "Owner": {"id": "1"}, "Created_Time": "x", "Last_Name": "A"}])
    record = Record.objects.get()
    assert record.data == {"Last_Name": "A"}
    assert response.json()["data"][0]["details"]["id"] == str(record.zoho_id) != "1"
    assert record.owner == org.member


def test_bad_rows_are_answered_row_by_row(api, org):
    response = insert(api, org.token("ZohoCRM.modules.ALL"),
                      [{"Last_Name": "Ok"}, "not an object", {"bad name!": 1}])
    assert response.status_code == 207
    ok, not_object, bad_name = response.json()["data"]
    assert ok["code"] == "SUCCESS"
    assert not_object == error("INVALID_DATA", "each record must be a JSON object",
                               {"api_name": "data"})
    assert bad_name == error("INVALID_DATA", "invalid field name", {"api_name": "bad name!"})
    assert Record.objects.count() == 1
    response = insert(api, org.token("ZohoCRM.modules.ALL"), [{"x y": 1}])
    assert response.status_code == 400


@pytest.mark.parametrize(("body", "code"), [
    ({}, "REQUIRED_PARAM_MISSING"), ({"data": []}, "INVALID_DATA"),
    ({"data": {"Last_Name": "x"}}, "INVALID_DATA"), ({"data": [{}] * 101}, "LIMIT_EXCEEDED"),
])
def test_malformed_insert_bodies(api, org, body, code):
    response = api.post("/crm/v2/Leads", body, format="json",
                        **auth(org.token("ZohoCRM.modules.ALL")))
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not Record.objects.exists()


def test_oversized_record_is_refused(api, org):
    response = insert(api, org.token("ZohoCRM.modules.ALL"), [{"Notes": "x" * 70_000}])
    assert response.status_code == 400
    assert not Record.objects.exists()


def test_list_pages_with_zohos_info_block(api, org):
    for i in range(5):
        org.record(Last_Name=f"N{i}")
    token = org.token("ZohoCRM.modules.leads.READ")
    first = api.get("/crm/v2/Leads?per_page=2", **auth(token)).json()
    assert [r["Last_Name"] for r in first["data"]] == ["N0", "N1"]
    assert first["info"] == {"per_page": 2, "count": 2, "page": 1, "more_records": True}
    last = api.get("/crm/v2/Leads?per_page=2&page=3", **auth(token)).json()
    assert [r["Last_Name"] for r in last["data"]] == ["N4"]
    assert last["info"] == {"per_page": 2, "count": 1, "page": 3, "more_records": False}
    default = api.get("/crm/v2/Leads", **auth(token)).json()
    assert default["info"]["per_page"] == 200 and default["info"]["count"] == 5


def test_empty_list_is_no_content(api, org):
    response = api.get("/crm/v2/Leads", **auth(org.token("ZohoCRM.modules.ALL")))
    assert response.status_code == 204 and response.content == b""
    org.record()
    response = api.get("/crm/v2/Leads?page=2", **auth(org.token("ZohoCRM.modules.ALL")))
    assert response.status_code == 204


@pytest.mark.parametrize("query", ["page=0", "page=x", "per_page=-1"])
def test_bad_paging_is_invalid_data(api, org, query):
    response = api.get(f"/crm/v2/Leads?{query}", **auth(org.token("ZohoCRM.modules.ALL")))
    assert response.status_code == 400 and response.json()["code"] == "INVALID_DATA"


def test_list_shows_only_this_workspace_and_module(api, org, make_org):
    mine = org.record(Last_Name="Mine")
    org.record("Contacts", Last_Name="Contact")
    make_org().record(Last_Name="Theirs")
    data = api.get("/crm/v2/Leads", **auth(org.token("ZohoCRM.modules.ALL"))).json()["data"]
    assert [r["id"] for r in data] == [str(mine.zoho_id)]


def test_record_of_another_workspace_is_invalid_data(api, org, make_org):
    theirs = make_org().record()
    response = api.get(f"/crm/v2/Leads/{theirs.zoho_id}", **auth(org.token("ZohoCRM.modules.ALL")))
    assert response.status_code == 400
    assert response.json() == error("INVALID_DATA", "the related id given seems to be invalid",
                                    {"resource_path_index": 1})


@pytest.mark.parametrize(("method", "scope"), [
    ("get", "ZohoCRM.modules.leads.CREATE"), ("get", "ZohoBigin.modules.ALL"),
    ("post", "ZohoCRM.modules.leads.READ"), ("post", "ZohoCRM.modules.contacts.ALL"),
])
def test_record_scopes(api, org, method, scope):
    token = org.token(scope)
    if method == "get":
        response = api.get("/crm/v2/Leads", **auth(token))
    else:
        response = insert(api, token, [{"Last_Name": "x"}])
    assert response.status_code == 401
    assert response.json()["code"] == "OAUTH_SCOPE_MISMATCH"


def test_records_of_an_unsupported_module_are_refused(api, org):
    response = api.get("/crm/v2/Documents", **auth(org.token("ZohoCRM.modules.ALL")))
    assert response.status_code == 400
    assert response.json() == error("INVALID_MODULE", "the given module is not supported in api",
                                    {"resource_path_index": 0})


def test_records_of_modules_without_photos_still_work(api, org):
    response = insert(api, org.token("ZohoCRM.modules.ALL"), [{"Deal_Name": "Big"}],
                      "/crm/v2/Deals")
    assert response.status_code == 201


def test_a_workspace_token_inserts_records_owned_by_nobody(api, org):
    response = insert(api, org.token("ZohoCRM.modules.ALL", workspace_token=True),
                      [{"Last_Name": "Bot"}])
    assert response.status_code == 201
    record = Record.objects.get()
    assert record.owner is None and record.workspace == org.workspace
    assert response.json()["data"][0]["details"]["Created_By"] is None


def test_delete_on_the_record_list_is_invalid_request_method(api, org):
    response = api.delete("/crm/v2/Leads", **auth(org.token("ZohoCRM.modules.ALL")))
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_REQUEST_METHOD"


@pytest.mark.parametrize(("method", "path"), [
    ("delete", "/crm/v2/Leads"), ("delete", "/crm/v2/Nonesuch"), ("delete", "/crm/v2/Leads/1"),
    ("post", "/crm/v2/Nonesuch/1"), ("put", "/crm/v2/Nonesuch"),
])
def test_a_method_the_url_does_not_take_is_refused_before_module_and_scope(api, org, method,
                                                                           path):
    # the method is wrong whatever the module or the token's scopes: Zoho says so first
    response = getattr(api, method)(path, {}, format="json",
                                    **auth(org.token("ZohoCRM.modules.contacts.READ")))
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_REQUEST_METHOD"
