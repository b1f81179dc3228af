"""Zoho's CRM SDK (``zohocrmsdk2-0`` 6.0.0) against a live Photodesk, through its public
methods, set up only with its documented custom environment and a pre-issued token: records
(create, get, list) and their photos (upload, get, delete), and Zoho's errors as the SDK's
``APIException``."""

import pytest
from zcrmsdk.src.com.zoho.crm.api.record import (
    ActionWrapper,
    APIException,
    BodyWrapper,
    FileBodyWrapper,
    Record,
    RecordOperations,
    ResponseWrapper,
    SuccessResponse,
)
from zcrmsdk.src.com.zoho.crm.api.util import StreamWrapper

from tests.support.clients import init_zoho_sdk
from tests.support.images import open_image, png_bytes
from tests.support.zoho import ready_photo

pytestmark = pytest.mark.django_db(transaction=True)


def create_lead(last_name="Doe", company="Acme") -> str:
    record = Record()
    record.add_key_value("Last_Name", last_name)
    record.add_key_value("Company", company)
    body = BodyWrapper()
    body.set_data([record])
    response = RecordOperations().create_records("Leads", body)
    assert response.get_status_code() == 201
    assert isinstance(response.get_object(), ActionWrapper)
    (answer,) = response.get_object().get_data()
    assert isinstance(answer, SuccessResponse), answer.get_message().get_value()
    assert answer.get_code().get_value() == "SUCCESS"
    return str(answer.get_details()["id"])


def error_of(response) -> tuple[int, str, str]:
    answer = response.get_object()
    assert isinstance(answer, APIException)
    return response.get_status_code(), answer.get_code().get_value(), \
        answer.get_message().get_value()


def test_records_are_created_read_and_listed(zoho_crm_sdk, org):
    record_id = create_lead("Doe", "Acme")
    other_id = create_lead("Roe", "Initech")

    response = RecordOperations().get_record(int(record_id), "Leads")
    assert response.get_status_code() == 200
    assert isinstance(response.get_object(), ResponseWrapper)
    (record,) = response.get_object().get_data()
    assert str(record.get_id()) == record_id
    assert record.get_key_value("Last_Name") == "Doe"
    assert record.get_key_value("Company") == "Acme"
    assert record.get_created_time() is not None
    assert str(record.get_key_value("Owner").get_id()) == str(org.member.pk)

    response = RecordOperations().get_records("Leads")
    assert response.get_status_code() == 200
    listed = {str(record.get_id()): record.get_key_value("Last_Name")
              for record in response.get_object().get_data()}
    assert listed == {record_id: "Doe", other_id: "Roe"}


def test_a_record_photo_is_uploaded_downloaded_and_deleted(zoho_crm_sdk, org, celery_worker,
                                                           tmp_path):
    record_id = create_lead()
    path = tmp_path / "face.png"
    path.write_bytes(png_bytes(200, 150))

    body = FileBodyWrapper()
    body.set_file(StreamWrapper(file_path=str(path)))
    response = RecordOperations().upload_photo(int(record_id), "Leads", body)
    assert response.get_status_code() == 200
    answer = response.get_object()
    assert isinstance(answer, SuccessResponse)
    assert (answer.get_code().get_value(), answer.get_message().get_value()) == (
        "SUCCESS", "photo uploaded successfully")

    from records.models import Record as StoredRecord
    ready_photo(StoredRecord.objects.get(zoho_id=int(record_id)))
    response = RecordOperations().get_photo(int(record_id), "Leads")
    assert response.get_status_code() == 200
    photo = response.get_object()
    assert isinstance(photo, FileBodyWrapper)
    assert open_image(photo.get_file().get_stream().content).size == (200, 150)

    response = RecordOperations().delete_photo(int(record_id), "Leads")
    assert response.get_status_code() == 200
    assert response.get_object().get_message().get_value() == "Photo deleted"
    assert error_of(RecordOperations().delete_photo(int(record_id), "Leads")) == (
        400, "INVALID_DATA", "No such photo exists")


def test_zohos_errors_reach_the_sdk_as_its_api_exception(zoho_crm_sdk, org, live_server,
                                                        tmp_path):
    assert error_of(RecordOperations().get_record(1234567890123456789, "Leads")) == (
        400, "INVALID_DATA", "the related id given seems to be invalid")

    record_id = create_lead()
    reader = org.token("ZohoCRM.modules.leads.READ", "ZohoCRM.settings.fields.READ")
    init_zoho_sdk(live_server.url, reader, tmp_path, f"{org.member.username}@example.com")
    assert error_of(RecordOperations().delete_photo(int(record_id), "Leads")) == (
        401, "OAUTH_SCOPE_MISMATCH", "invalid oauth scope to access this URL")


def test_a_custom_modules_record_takes_a_photo(zoho_crm_sdk, org, tmp_path):
    from records.models import Module

    Module.objects.create(workspace=org.workspace, product="crm", api_name="Patients",
                          singular_label="Patient", plural_label="Patients")
    record = Record()
    record.add_key_value("Name", "Jane Roe")
    body = BodyWrapper()
    body.set_data([record])
    (answer,) = RecordOperations().create_records("Patients", body).get_object().get_data()
    assert isinstance(answer, SuccessResponse)

    # the SDK asks the modules metadata whether a custom module takes photos
    path = tmp_path / "patient.png"
    path.write_bytes(png_bytes(120, 120))
    photo = FileBodyWrapper()
    photo.set_file(StreamWrapper(file_path=str(path)))
    response = RecordOperations().upload_photo(int(answer.get_details()["id"]), "Patients",
                                               photo)
    assert response.get_status_code() == 200
    assert response.get_object().get_message().get_value() == "photo uploaded successfully"
