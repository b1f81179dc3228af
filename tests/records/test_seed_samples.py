"""The seeds' own samples, with only the host, the token (and the local file) changed, against
a running Photodesk (pytest-django's live server, a real HTTP server in a thread)."""

import json
import shutil
import subprocess

import pytest
import requests

from photos import services
from photos.models import Photo
from tests.support.images import image_bytes, open_image, png_bytes
from tests.support.zoho import SUCCESS, ready_photo

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_crm_python_requests_sample_uploads_then_the_photo_downloads(
        celery_worker, live_server, org, tmp_path, capsys):
    record = org.record("Leads", zoho_id=3409643000003088001)
    token = org.token("ZohoCRM.modules.ALL")
    image_path = tmp_path / "img_2.png"
    image_path.write_bytes(png_bytes(200, 150))

    # --- the seed's sample, verbatim but for the host, the token and the file's path ---
    def upload_photo():
        import requests
        url = f'{live_server.url}/crm/v2/Leads/3409643000003088001/photo'
        headers = {
            'Authorization': f'Zoho-oauthtoken {token}'
        }
        request_body = {
            'file': open(image_path, 'rb')  # noqa: SIM115 - as the sample has it
        }
        response = requests.post(url=url, files=request_body, headers=headers)
        if response is not None:
            print("HTTP Status Code : " + str(response.status_code))
            print(response.json())
    upload_photo()
    # --------------------------------------------------------------------------------------

    assert capsys.readouterr().out.splitlines() == ["HTTP Status Code : 200", str(SUCCESS)]
    photo = ready_photo(record)
    assert photo.target == record
    response = requests.get(f"{live_server.url}/crm/v2/Leads/3409643000003088001/photo",
                            headers={"Authorization": f"Zoho-oauthtoken {token}"}, timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == photo.rendition("original").mime_type
    assert open_image(response.content).size == (200, 150)


def run_curl(command: str, cwd) -> tuple[int, dict]:
    """The sample as a shell would run it, with the HTTP status appended."""
    assert shutil.which("curl"), "the curl samples need curl"
    done = subprocess.run(["bash", "-c", command + ' -s -w "\\n%{http_code}"'], cwd=cwd,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    body, status = done.stdout.rsplit("\n", 1)
    return int(status), json.loads(body)


def test_the_bigin_curl_sample(live_server, org, tmp_path):
    record = org.record("Contacts", "bigin", zoho_id=2034020000000489033)
    token = org.token("ZohoBigin.modules.contacts.CREATE")
    (tmp_path / "path-to-file").mkdir()
    (tmp_path / "path-to-file" / "contact-profile.png").write_bytes(png_bytes(120, 80))
    command = (
        f'curl "{live_server.url}/bigin/v2/Contacts/2034020000000489033/photo" \\\n'
        '-X POST \\\n'
        f'-H "Authorization: Zoho-oauthtoken {token}" \\\n'
        f'-F "file=@"{tmp_path}/path-to-file/contact-profile.png""'
    )
    assert run_curl(command, tmp_path) == (200, SUCCESS)
    assert services.photos_of(record).get().mime_type == "image/png"


def test_the_crm_curl_sample_with_restrict_triggers(live_server, org, tmp_path):
    record = org.record("Leads", zoho_id=3000000038009)
    token = org.token("ZohoCRM.modules.leads.WRITE")
    (tmp_path / "img1.png").write_bytes(png_bytes(120, 80))
    command = " ".join([
        f'curl "{live_server.url}/crm/v2/Leads/3000000038009/photo?restrict_triggers=workflow"',
        "-X POST",
        f'-H "Authorization: Zoho-oauthtoken {token}"',
        '-F "file=@img1.png"',
    ])
    assert run_curl(command, tmp_path) == (200, SUCCESS)
    assert Photo.objects.get().target == record


def test_curl_sees_zohos_errors_too(live_server, org, tmp_path):
    org.record("Leads", zoho_id=3000000038009)
    (tmp_path / "big.bmp").write_bytes(image_bytes(2000, 1800, (200, 40, 40), "BMP"))
    token = org.token("ZohoBigin.modules.ALL")
    base = f'curl "{live_server.url}/bigin/v2/Contacts/3000000038009/photo" -X POST ' \
           f'-H "Authorization: Zoho-oauthtoken {token}" -F "file=@big.bmp"'
    status, body = run_curl(base, tmp_path)
    assert status == 400 and body["code"] == "INVALID_DATA"  # a CRM record is no Bigin record
    record = org.record("Contacts", "bigin")
    status, body = run_curl(base.replace("3000000038009", str(record.zoho_id)), tmp_path)
    assert (status, body["code"]) == (415, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE")
    status, body = run_curl(base.replace("-X POST", "-X PUT"), tmp_path)
    assert (status, body["code"]) == (400, "INVALID_REQUEST_METHOD")
