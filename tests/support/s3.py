"""An S3-compatible server started from nothing (moto's standalone server, ``moto[server]`` in
requirements-dev.txt), for the S3 tests and the benchmarks: a plain function, no pytest.

    server = start_s3_server()          # a free port, or start_s3_server(8650)
    server.endpoint                     # http://127.0.0.1:PORT
    server.env("photodesk")             # the AWS_* environment of a Photodesk process on it
    server.keys("photodesk")            # what the bucket holds
    server.stop()

moto keeps everything in the server process's memory: stopping it leaves nothing behind.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field

from tests.support.processes import free_port

ACCESS_KEY = "photodesk-test"
SECRET_KEY = "photodesk-test-secret"
REGION = "us-east-1"
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # the server's log colours some lines


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


@dataclass
class S3Server:
    endpoint: str
    process: subprocess.Popen
    log_path: str | None = None
    _clients: dict = field(default_factory=dict)

    def client(self):
        if "client" not in self._clients:
            import boto3

            self._clients["client"] = boto3.client(
                "s3", endpoint_url=self.endpoint, region_name=REGION,
                aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)
        return self._clients["client"]

    def create_bucket(self, bucket: str) -> str:
        self.client().create_bucket(Bucket=bucket)
        return bucket

    def publish_renditions(self, bucket: str) -> None:
        """The bucket policy of ``MEDIA_URLS=public`` (docs/operations.md): anyone may read the
        renditions (``photos/*/renditions/*``), nothing else; the originals stay private."""
        self.client().put_bucket_policy(Bucket=bucket, Policy=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                           "Resource": f"arn:aws:s3:::{bucket}/photos/*/renditions/*"}]}))

    def keys(self, bucket: str, prefix: str = "") -> set[str]:
        """Every key of ``bucket`` under ``prefix``."""
        keys = set()
        for page in self.client().get_paginator("list_objects_v2").paginate(
                Bucket=bucket, Prefix=prefix):
            keys.update(item["Key"] for item in page.get("Contents", ()))
        return keys

    def requests_to(self, bucket: str, method: str) -> list[str]:
        """The ``method`` requests the server logged (``log_path``) for ``bucket``: its log
        lines, which name the path asked for (``"GET /bucket/key HTTP/1.1" 200 -``)."""
        with open(self.log_path, errors="replace") as log:
            text = ANSI.sub("", log.read())
        return [line for line in text.splitlines() if f'"{method} /{bucket}/' in line]

    def env(self, bucket: str) -> dict[str, str]:
        """The environment that puts a Photodesk process's media in ``bucket`` on this server."""
        return {
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        }

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_s3_server(port: int | None = None, log_path: str | None = None,
                    timeout: float = 30.0) -> S3Server:
    """Start ``moto_server`` on 127.0.0.1:``port`` (a free one by default) and wait until it
    answers. The caller stops it (``.stop()``)."""
    port = port or free_port()
    if listening(port):
        raise RuntimeError(f"port {port} is taken: the S3 server cannot start there")
    out = open(log_path, "w") if log_path else subprocess.DEVNULL  # noqa: SIM115
    # unbuffered: the log (one line per request) is read while the server runs
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
           "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=out, stderr=subprocess.STDOUT, env=env)
    if log_path:
        out.close()  # the child holds its own descriptor
    server = S3Server(endpoint=f"http://127.0.0.1:{port}", process=process, log_path=log_path)
    deadline = time.monotonic() + timeout
    while not listening(port):
        if process.poll() is not None:
            raise RuntimeError(f"moto_server exited with {process.returncode}"
                               + (f" (log: {log_path})" if log_path else ""))
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError("moto_server did not answer in time")
        time.sleep(0.1)
    return server
