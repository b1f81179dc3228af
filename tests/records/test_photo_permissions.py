"""Who may change a record's photo: NO_PERMISSION (the record) and AUTHORIZATION_FAILED (the
module-level privilege), as records/permissions.py defines them."""

import pytest

from photos.models import Photo
from photos.targets import by_key
from tests.support.images import png_bytes
from tests.support.zoho import SUCCESS, auth, error, photo_url, upload

pytestmark = pytest.mark.django_db

ALL = "ZohoCRM.modules.ALL"


def no_permission(action):
    return error("NO_PERMISSION", f"Permission denied to {action} photo")


def authorization_failed(action):
    return error("AUTHORIZATION_FAILED",
                 f"User does not have sufficient privilege to {action} photo")


def test_a_member_may_change_the_photo_of_their_own_record(api, org):
    record = org.record(owner=org.member)
    response = upload(api, photo_url(record), org.token(ALL, user=org.member), png_bytes(120, 80))
    assert (response.status_code, response.json()) == (200, SUCCESS)


def test_a_member_may_not_change_the_photo_of_another_members_record(api, org):
    record = org.record(owner=org.other_member)
    token = org.token(ALL, user=org.member)
    response = upload(api, photo_url(record), token, png_bytes(120, 80))
    assert (response.status_code, response.json()) == (403, no_permission("upload"))
    assert not Photo.objects.exists()
    # the record's owner uploads; the other member may still not delete it, but may see it
    upload(api, photo_url(record), org.token(ALL, user=org.other_member), png_bytes(120, 80))
    response = api.delete(photo_url(record), **auth(token))
    assert (response.status_code, response.json()) == (403, no_permission("delete"))
    assert Photo.objects.count() == 1
    assert api.get(photo_url(record), **auth(token)).status_code == 204  # readable (not ready)


@pytest.mark.parametrize("who", ["owner", "admin", "workspace token"])
def test_admins_owners_and_workspace_tokens_may_change_any_record(api, org, who):
    record = org.record(owner=org.member)
    token = (org.token(ALL, workspace_token=True) if who == "workspace token"
             else org.token(ALL, user=getattr(org, who)))
    assert upload(api, photo_url(record), token, png_bytes(120, 80)).json() == SUCCESS
    assert api.delete(photo_url(record), **auth(token)).status_code == 200


def test_a_user_with_no_organisation_gets_no_permission(api, org, make_user):
    loner = make_user()
    response = upload(api, photo_url(org.record()), org.token(ALL, user=loner), png_bytes(120, 80))
    assert (response.status_code, response.json()) == (
        403, error("NO_PERMISSION", "the user does not belong to any organization"))


@pytest.mark.parametrize("who", ["member", "admin", "workspace token"])
def test_photo_feature_off_is_authorization_failed_for_everyone(api, org, who):
    record = org.record(owner=org.member)
    module = record.module
    module.photos_enabled = False
    module.save()
    token = (org.token(ALL, workspace_token=True) if who == "workspace token"
             else org.token(ALL, user=getattr(org, who)))
    response = upload(api, photo_url(record), token, png_bytes(120, 80))
    assert (response.status_code, response.json()) == (400, authorization_failed("upload"))
    response = api.get(photo_url(record), **auth(token))
    assert (response.status_code, response.json()) == (400, authorization_failed("download"))
    response = api.delete(photo_url(record), **auth(token))
    assert (response.status_code, response.json()) == (400, authorization_failed("delete"))


def test_photo_changes_kept_to_admins_refuse_members_even_on_their_own_records(api, org):
    record = org.record(owner=org.member)
    module = record.module
    module.members_may_change_photos = False
    module.save()
    member = org.token(ALL, user=org.member)
    response = upload(api, photo_url(record), member, png_bytes(120, 80))
    assert (response.status_code, response.json()) == (400, authorization_failed("upload"))
    assert api.get(photo_url(record), **auth(member)).status_code == 204  # reading stays open
    assert upload(api, photo_url(record), org.token(ALL, user=org.admin),
                  png_bytes(120, 80)).json() == SUCCESS
    response = api.delete(photo_url(record), **auth(member))
    assert (response.status_code, response.json()) == (400, authorization_failed("delete"))


def test_the_privilege_is_checked_before_the_record(api, org):
    module = org.module("Leads")
    module.photos_enabled = False
    module.save()
    response = upload(api, "/crm/v2/Leads/123/photo", org.token(ALL), png_bytes(120, 80))
    assert response.json()["code"] == "AUTHORIZATION_FAILED"


def test_the_registered_target_rules_match_the_api(org, make_org):
    from oauth2_provider.models import AccessToken

    from accounts.principal import principal_for_token

    target = by_key("record")
    assert target.spec_set == "zoho" and target.model == "records.Record"
    record = org.record(owner=org.member)
    assert target.resolve(str(record.zoho_id)) == record
    assert target.public_id(record) == str(record.zoho_id)
    assert target.resolve("nope") is None and target.resolve("1" * 30) is None
    assert target.workspace_of(record) == org.workspace

    def principal(token):
        import hashlib

        checksum = hashlib.sha256(token.encode()).hexdigest()
        return principal_for_token(AccessToken.objects.get(token_checksum=checksum))

    member, other = principal(org.token(ALL)), principal(org.token(ALL, user=org.other_member))
    stranger = principal(make_org().token(ALL))
    assert target.can_read(member, record) and target.can_read(other, record)
    assert not target.can_read(stranger, record)
    assert target.can_update(member, record)
    assert not target.can_update(other, record) and not target.can_update(stranger, record)
    record.module.photos_enabled = False
    record.module.save()
    assert not target.can_update(member, record)
