"""Fixtures of the records (Zoho CRM, Bigin) tests: an organisation with members, records and
tokens."""

from dataclasses import dataclass

import pytest


@dataclass
class Org:
    workspace: object
    owner: object
    admin: object
    member: object
    other_member: object
    make_token: object

    def module(self, api_name="Leads", product="crm"):
        from records.models import Module

        return Module.objects.get(workspace=self.workspace, product=product,
                                  api_name__iexact=api_name)

    def record(self, api_name="Leads", product="crm", owner=None, zoho_id=None, **data):
        from records.models import Record

        fields = {"zoho_id": zoho_id} if zoho_id is not None else {}
        owner = owner if owner is not None else self.member
        return Record.objects.create(workspace=self.workspace, module=self.module(api_name,
                                     product), owner=owner, created_by=owner,
                                     data=data or {"Last_Name": "Doe"}, **fields)

    def token(self, *scopes, user=None, workspace_token=False):
        if workspace_token:
            return self.make_token(list(scopes), workspace=self.workspace)
        return self.make_token(list(scopes), user=user or self.member)


@pytest.fixture
def make_org(make_workspace, make_user, make_token):
    from accounts.models import Membership

    def make():
        owner, admin, member, other = (make_user() for _ in range(4))
        workspace = make_workspace(members=[owner], role=Membership.Role.OWNER)
        Membership.objects.create(user=admin, workspace=workspace, role=Membership.Role.ADMIN)
        for user in (member, other):
            Membership.objects.create(user=user, workspace=workspace)
        return Org(workspace, owner, admin, member, other, make_token)

    return make


@pytest.fixture
def org(make_org):
    return make_org()
