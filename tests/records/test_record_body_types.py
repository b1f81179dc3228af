"""Zoho reads an insert's JSON body whatever its declared type: none (its SDKs and Python
samples), form-encoded (its curl sample, ``curl -d @lead.json``), or JSON."""

import json

import pytest

from records.models import Record
from tests.support.zoho import auth, error

pytestmark = pytest.mark.django_db

BODY = json.dumps({"data": [{"Last_Name": "Doe", "Company": "Acme"}]})


@pytest.mark.parametrize("content_type", [
    None, "application/x-www-form-urlencoded", "text/plain", "application/json"])
def test_a_json_body_is_inserted_whatever_its_declared_type(api, org, content_type):
    headers = auth(org.token("ZohoCRM.modules.leads.CREATE"))
    if content_type is None:
        response = api.generic("POST", "/crm/v2/Leads", BODY.encode(), **headers)
    else:
        response = api.generic("POST", "/crm/v2/Leads", BODY.encode(), content_type,
                               **headers)
    assert response.status_code == 201, response.content
    assert response.json()["data"][0]["code"] == "SUCCESS"
    assert Record.objects.get().data == {"Last_Name": "Doe", "Company": "Acme"}


def test_an_empty_undeclared_body_is_still_a_missing_data_parameter(api, org):
    response = api.generic("POST", "/crm/v2/Leads", b"",
                           **auth(org.token("ZohoCRM.modules.leads.CREATE")))
    assert (response.status_code, response.json()) == (400, error(
        "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing",
        {"param_name": "data"}))


def test_malformed_json_without_a_type_is_refused_as_malformed(api, org):
    response = api.generic("POST", "/crm/v2/Leads", b'{"data": [', "text/plain",
                           **auth(org.token("ZohoCRM.modules.leads.CREATE")))
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_DATA"
    assert not Record.objects.exists()
