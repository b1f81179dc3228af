"""Chatter files up to the 2 GB limit go to the bucket in parts (S3 multipart upload) while the
API server's memory stays flat: a file ten times larger costs it no more memory."""

import os
from pathlib import Path

import pytest
import requests

from tests.support.processes import shared_redis_url
from tests.support.storage import stored_files

pytestmark = pytest.mark.django_db(transaction=True)

MB = 1024 * 1024
SMALL, LARGE = 20 * MB, 200 * MB
# what the large file may cost the server beyond the small one's peak: parts are read from the
# spooled file as they are sent, none is held whole
ALLOWED_GROWTH = 16 * MB
BOUNDARY = "photodesk-large-file-boundary"


def multipart_body(folder: Path, size: int) -> Path:
    """A Chatter file upload of ``size`` bytes, written to disk (requests streams it from
    there with its Content-Length: the server refuses chunked bodies)."""
    path = folder / f"body-{size}"
    block = os.urandom(MB)
    with path.open("wb") as body:
        body.write(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="fileData"; '
                   f'filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
                   .encode())
        for _ in range(size // MB):
            body.write(block)
        body.write(f"\r\n--{BOUNDARY}--\r\n".encode())
    return path


def peak_rss(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM in /proc")


def test_a_large_chatter_file_streams_to_the_bucket_in_parts_with_flat_memory(
        stack, s3_server, s3_bucket, make_user, make_token, tmp_path):
    from files.models import FileVersion

    token = make_token(["chatter_api"], user=make_user())
    spool = tmp_path / "web-tmp"
    spool.mkdir()
    stack.configure(REDIS_URL=shared_redis_url(), **s3_server.env(s3_bucket))
    web = stack.web(DATA_DIR=str(tmp_path / "web-data"), FILE_UPLOAD_TEMP_DIR=str(spool))
    url = f"{stack.url}/services/data/v52.0/connect/files/users/me"
    headers = {"Authorization": f"OAuth {token}",
               "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    requests.get(f"{stack.url}/healthz", timeout=30)  # the server's own imports done

    peaks, ids = {}, {}
    for size in (SMALL, LARGE):
        body = multipart_body(tmp_path, size)
        with body.open("rb") as stream:
            response = requests.post(url, data=stream, headers=headers, timeout=300)
        body.unlink()
        assert response.status_code == 201, response.text
        ids[size] = response.json()["id"]
        peaks[size] = peak_rss(web.process.pid)
    growth = peaks[LARGE] - peaks[SMALL]
    print(f"\nAPI server peak RSS: {peaks[SMALL] / MB:.0f} MB after {SMALL // MB} MB, "
          f"{peaks[LARGE] / MB:.0f} MB after {LARGE // MB} MB (+{growth / MB:.0f} MB)")
    assert growth < ALLOWED_GROWTH, web.output()[-2000:]

    # in the bucket whole, sent as a multipart upload; nothing left in the server's spool
    keys = dict(FileVersion.objects.values_list("byte_size", "storage_key"))
    assert s3_server.keys(s3_bucket) == {keys[SMALL], keys[LARGE]}
    for size in (SMALL, LARGE):
        head = s3_server.client().head_object(Bucket=s3_bucket, Key=keys[size])
        assert head["ContentLength"] == size
    log = Path(s3_server.log_path).read_text(errors="replace")
    assert f"POST /{s3_bucket}/" in log and "?uploads" in log
    assert stored_files(spool) == []

    # deleted: gone from the bucket
    for size in (SMALL, LARGE):
        response = requests.delete(f"{stack.url}/services/data/v52.0/connect/files/{ids[size]}",
                                   headers={"Authorization": f"OAuth {token}"}, timeout=30)
        assert response.status_code == 204, response.text
    assert s3_server.keys(s3_bucket) == set()
