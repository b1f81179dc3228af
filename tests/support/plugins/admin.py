"""Fixtures of the admin tests: real rows of every model the admin shows, and the people who use
the admin (a superuser, a moderator with the photo permissions) logged in."""

import secrets
import uuid
from datetime import timedelta
from functools import cached_property

import pytest
from django.utils import timezone

from tests.support.admin import MODERATOR_PERMISSIONS, grant
from tests.support.images import jpeg_bytes


@pytest.fixture
def superuser(make_user):
    return make_user("root", is_staff=True, is_superuser=True)


@pytest.fixture
def moderator(make_user):
    user = make_user("mod", is_staff=True)
    grant(user, MODERATOR_PERMISSIONS)
    return user


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


class Rows:
    """One real row of each model, made on first use with what it needs (a photo is uploaded
    and rendered as the services do it)."""

    def __init__(self, make_user, make_workspace):
        self._make_user, self._make_workspace = make_user, make_workspace

    @cached_property
    def user(self):
        return self._make_user("alice", first_name="Alice", email="alice@example.com")

    @cached_property
    def workspace(self):
        return self._make_workspace("Studio", members=[self.user])

    @cached_property
    def auth_group(self):
        from django.contrib.auth.models import Group

        return Group.objects.create(name="Moderators")

    @cached_property
    def application(self):
        from accounts.models import Application

        return Application.objects.create(
            name="Uploader", user=self.user, client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris="http://127.0.0.1/cb")

    @cached_property
    def access_token(self):
        from accounts.services import issue_token

        return issue_token(self.application, ["user_photos"], user=self.user)[1]

    @cached_property
    def refresh_token(self):
        from oauth2_provider.models import RefreshToken, set_token_value

        token = RefreshToken(user=self.user, application=self.application,
                             access_token=self.access_token)
        set_token_value(token, secrets.token_urlsafe(32))
        token.save()
        return token

    @cached_property
    def grant(self):
        from oauth2_provider.models import Grant

        return Grant.objects.create(
            user=self.user, application=self.application, code=secrets.token_urlsafe(16),
            expires=timezone.now() + timedelta(minutes=5), redirect_uri="http://127.0.0.1/cb",
            scope="user_photos", code_challenge="x" * 43, code_challenge_method="S256")

    @cached_property
    def id_token(self):
        from oauth2_provider.models import IDToken

        return IDToken.objects.create(user=self.user, application=self.application,
                                      jti=uuid.uuid4(), expires=timezone.now(),
                                      scope="openid")

    @cached_property
    def group(self):
        from groups.services import create_group

        return create_group(owner=self.user, workspace=self.workspace, name="Hikers",
                            visibility="PublicAccess")

    @cached_property
    def photo(self):
        """The group's photo, rendered, with its failure reason from an earlier attempt."""
        from photos import services

        photo = services.create_photo(jpeg_bytes(320, 240), owner=self.user, name="peak.jpg",
                                      workspace=self.workspace, application=self.application,
                                      target=self.group)
        services.render_photo(photo.pk)
        photo.refresh_from_db()
        return photo

    @cached_property
    def album(self):
        from photos.models import Album

        return Album.objects.create(owner=self.user, name="Summits",
                                    application=self.application)

    @cached_property
    def comment(self):
        from photos.models import Comment

        return Comment.objects.create(photo=self.photo, author=self.user, message="Nice")

    @cached_property
    def like(self):
        from photos.models import Like

        return Like.objects.create(photo=self.photo, user=self.user)

    @cached_property
    def tag(self):
        from photos.models import Tag

        return Tag.objects.create(photo=self.photo, user=self.user, x=10, y=20,
                                  tagger=self.user)

    @cached_property
    def file(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from files import services
        from photos.uploads import Received

        data = b"hello, files"
        upload = SimpleUploadedFile("notes.txt", data, content_type="text/plain")
        received = Received(field_name="fileData", file_name="notes.txt",
                            content_type="text/plain", size=len(data), md5="")
        return services.create_file(upload, received, owner=self.user,
                                    workspace=self.workspace).file

    @cached_property
    def community(self):
        from groups.models import Community

        return Community.objects.create(workspace=self.workspace, name="Partners")

    @cached_property
    def module(self):
        from records.models import Module

        return Module.objects.filter(workspace=self.workspace, api_name="Leads").first()

    @cached_property
    def record(self):
        from records.models import Record

        return Record.objects.create(workspace=self.workspace, module=self.module,
                                     owner=self.user, data={"Last_Name": "Smith"})

    @cached_property
    def workflow_rule(self):
        from records.models import WorkflowRule

        return WorkflowRule.objects.create(module=self.module, name="Tell the CRM",
                                           webhook_url="https://example.com/hook")

    @cached_property
    def webhook_delivery(self):
        from records.models import WebhookDelivery

        return WebhookDelivery.objects.create(rule=self.workflow_rule, dedupe_key="k1",
                                              event="photo.uploaded", payload={"id": 1})

    @cached_property
    def log_entry(self):
        from django.contrib.admin.models import CHANGE, LogEntry

        return LogEntry.objects.log_actions(self.user.pk, [self.group], CHANGE,
                                            "Changed name.", single_object=True)


@pytest.fixture
def rows(make_user, make_workspace):
    return Rows(make_user, make_workspace)
