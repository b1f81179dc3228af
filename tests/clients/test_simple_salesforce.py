"""simple-salesforce (1.12.10) against a live Photodesk: Chatter's groups, files and photos
through ``Salesforce.restful()`` on its own session, made with the instance URL and a session
ID only, and Salesforce's errors as the library's exception classes."""

import json

import pytest
from simple_salesforce import Salesforce
from simple_salesforce.exceptions import (
    SalesforceExpiredSession,
    SalesforceMalformedRequest,
    SalesforceRefusedRequest,
    SalesforceResourceNotFound,
)

from photos.dialects.chatter.ids import GROUP, sfid18
from tests.support.images import image_bytes
from tests.support.waiting import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

# multipart bodies: the session's JSON Content-Type dropped for the call, so requests sets its own
MULTIPART = {"headers": {"Content-Type": None}, "timeout": 30}


def upload_file(salesforce, title="Team") -> dict:
    return salesforce.restful("connect/files/users/me", method="POST", files={
        "fileData": ("team.png", image_bytes(300, 300), "image/png"),
        "json": (None, json.dumps({"title": title}), "application/json")}, **MULTIPART)


def test_a_group_gets_its_photo_by_file_id_by_parameters_and_by_multipart(salesforce,
                                                                         celery_worker):
    group = salesforce.restful("chatter/groups", method="POST", timeout=30, data=json.dumps(
        {"name": "Photographers", "visibility": "PublicAccess"}))
    assert group["id"].startswith("0F9") and group["name"] == "Photographers"
    photo = f"chatter/groups/{group['id']}/photo"

    file = upload_file(salesforce)
    assert file["id"].startswith("069") and file["title"] == "Team"

    by_body = salesforce.restful(photo, method="POST", timeout=30,
                                 data=json.dumps({"fileId": file["id"]}))
    by_parameters = salesforce.restful(photo, {"fileId": file["id"], "versionNumber": "1"},
                                       method="POST", timeout=30)
    by_multipart = salesforce.restful(photo, method="POST", files={
        "fileUpload": ("photo.png", image_bytes(400, 300), "image/png"),
        "json": (None, json.dumps({"cropX": 0, "cropY": 0, "cropSize": 200}),
                 "application/json")}, **MULTIPART)
    versions = {body["photoVersionId"] for body in (by_body, by_parameters, by_multipart)}
    assert len(versions) == 3 and all(version for version in versions)
    for body in (by_body, by_parameters, by_multipart):
        assert {"largePhotoUrl", "smallPhotoUrl", "mediumPhotoUrl", "url"} <= set(body)

    read = salesforce.restful(photo, timeout=30)
    assert read["url"] == f"/services/data/v52.0/{photo}"
    assert salesforce.restful(photo, method="DELETE", timeout=30) is None
    assert salesforce.restful(photo, timeout=30)["photoVersionId"] is None


def test_the_users_own_photo(salesforce, celery_worker):
    photo = "connect/user-profiles/me/photo"
    body = salesforce.restful(photo, method="POST", files={
        "fileUpload": ("me.png", image_bytes(300, 300), "image/png")}, **MULTIPART)
    assert body["photoVersionId"]
    # shown once the worker has rendered it (the default photo until then)
    wait_until(lambda: salesforce.restful(photo, timeout=30)["photoVersionId"]
               == body["photoVersionId"], 30, "the new photo to be shown")
    assert salesforce.restful(photo, method="DELETE", timeout=30) is None


def same_instance(salesforce, token) -> Salesforce:
    """Another caller of the same instance (URL and session, another session ID)."""
    return Salesforce(instance_url=salesforce.base_url.split("/services/")[0],
                      session_id=token, version="52.0", session=salesforce.session)


def test_salesforces_errors_are_the_librarys_exceptions(salesforce, group, acme_bob,
                                                        make_token):
    with pytest.raises(SalesforceResourceNotFound) as raised:
        salesforce.restful(f"chatter/groups/{sfid18(GROUP, 999999)}/photo", timeout=30)
    assert raised.value.status == 404 and raised.value.content[0]["errorCode"] == "NOT_FOUND"

    group = salesforce.restful("chatter/groups", method="POST", timeout=30, data=json.dumps(
        {"name": "Editors", "visibility": "PublicAccess"}))
    with pytest.raises(SalesforceResourceNotFound):  # a file that does not exist
        salesforce.restful(f"chatter/groups/{group['id']}/photo", method="POST", timeout=30,
                           data=json.dumps({"fileId": "069000000000000AAA"}))
    with pytest.raises(SalesforceMalformedRequest) as raised:  # no file ID at all
        salesforce.restful(f"chatter/groups/{group['id']}/photo", method="POST", timeout=30,
                           data=json.dumps({"fileId": "not an id"}))
    assert raised.value.status == 400

    with pytest.raises(SalesforceExpiredSession) as raised:
        same_instance(salesforce, "bogus").restful("chatter/groups", timeout=30)
    assert raised.value.content[0]["errorCode"] == "INVALID_SESSION_ID"

    bob = same_instance(salesforce, make_token(["api"], user=acme_bob))  # a standard member
    with pytest.raises(SalesforceRefusedRequest) as raised:
        bob.restful(f"chatter/groups/{group['id']}/photo", method="DELETE", timeout=30)
    assert raised.value.content[0]["errorCode"] == "INSUFFICIENT_ACCESS_OR_READONLY"
