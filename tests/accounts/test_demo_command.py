import re
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run_demo():
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_demo_prints_curl_lines_whose_tokens_work(client):
    output = run_demo()
    user_curl = re.search(r'curl -H "Authorization: Bearer (\S+)" \S+/api/principal', output)
    workspace_curl = re.search(r'curl -H "Authorization: Zoho-oauthtoken (\S+)"', output)
    assert user_curl and workspace_curl
    me = client.get("/api/principal", HTTP_AUTHORIZATION=f"Bearer {user_curl[1]}").json()
    assert me["user"]["username"] == "demo"
    assert me["workspace"]["name"] == "Demo workspace"
    ws = client.get("/api/principal",
                    HTTP_AUTHORIZATION=f"Zoho-oauthtoken {workspace_curl[1]}").json()
    assert ws["kind"] == "workspace"


def test_demo_can_run_again_and_only_the_new_tokens_work(client):
    first = re.search(r"user token \(30 days\): (\S+)", run_demo())[1]
    second = re.search(r"user token \(30 days\): (\S+)", run_demo())[1]
    assert client.get("/api/principal", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 401
    assert client.get("/api/principal", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200


def test_demo_admin_can_log_in(client):
    password = re.search(r"admin / (\S+)", run_demo())[1]
    assert client.login(username="admin", password=password)
    assert client.get("/admin/").status_code == 200
