import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Application, User

pytestmark = pytest.mark.django_db


def run_demo(*args):
    """The tests run on PostgreSQL, not the embedded SQLite: demo runs on it only when told."""
    out = StringIO()
    call_command("demo", "--allow-any-database", *args, stdout=out)
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


def test_demo_reset_and_only_the_new_tokens_work(client):
    first = re.search(r"user token \(30 days\): (\S+)", run_demo())[1]
    second = re.search(r"user token \(30 days\): (\S+)", run_demo("--reset"))[1]
    assert client.get("/api/principal", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 401
    assert client.get("/api/principal", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200


def test_demo_run_again_changes_nothing_of_the_running_demo(client):
    first = run_demo()
    user_token = re.search(r"user token \(30 days\): (\S+)", first)[1]
    workspace_token = re.search(r"workspace token \(30 days\): (\S+)", first)[1]
    admin_password = re.search(r"admin / (\S+)", first)[1]
    client_id, secret = re.search(r"client_id=(\S+) client_secret=(\S+)", first).groups()

    again = run_demo()
    assert "nothing was changed" in again
    assert "demo --reset" in again  # how to get new ones, since these cannot be shown again
    assert user_token not in again and admin_password not in again and secret not in again
    assert "user tokens: 1 valid" in again and "workspace tokens: 1 valid" in again

    assert client.get("/api/principal",
                      HTTP_AUTHORIZATION=f"Bearer {user_token}").status_code == 200
    assert client.get("/api/principal",
                      HTTP_AUTHORIZATION=f"Zoho-oauthtoken {workspace_token}").status_code == 200
    assert client.login(username="admin", password=admin_password)
    workspace_app = Application.objects.get(name="Demo workspace app")
    assert workspace_app.client_id == client_id
    response = client.post("/o/token/", {"grant_type": "client_credentials",
                                         "scope": "workspace_photos", "client_id": client_id,
                                         "client_secret": secret})
    assert response.status_code == 200


def test_demo_run_again_says_when_its_tokens_have_expired():
    run_demo("--days", "0")
    again = run_demo()
    assert "nothing was changed" in again
    assert "user tokens: none valid any more (run manage.py demo --reset)" in again
    assert "workspace tokens: none valid any more" in again


def test_demo_refuses_a_database_that_is_not_the_embedded_sqlite():
    admin = User.objects.create_user("admin", password="the real admin's password")
    out = StringIO()
    with pytest.raises(CommandError, match="--allow-any-database") as refused:
        call_command("demo", stdout=out)
    assert "not the embedded SQLite file in DATA_DIR" in str(refused.value)
    assert out.getvalue() == ""
    admin.refresh_from_db()
    assert admin.check_password("the real admin's password")
    assert not Application.objects.filter(name__startswith="Demo").exists()
    assert not User.objects.filter(username="demo").exists()


def test_demo_admin_can_log_in(client):
    password = re.search(r"admin / (\S+)", run_demo())[1]
    assert client.login(username="admin", password=password)
    assert client.get("/admin/").status_code == 200
