"""The load test's clients (``tests/load``): many concurrent API clients, each a thread with a
keep-alive ``requests`` session, mixing uploads through two dialects (generic ``/photos`` and
Graph ``/me/photos``) with reads of photo bodies and of the rendition bytes their URLs lead to;
and a requests-per-second measure of one GET path with ``http.client`` (lighter than
``requests``, so that the client's CPU, on the same cores as the server, counts for little).

Everything a client sees is tallied: the status of every request by kind, every exception (a
refused or reset connection, a timeout), and the ID of every accepted upload, so that the test can
compare them with the database and the bucket once the queue has drained.
"""

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.client import HTTPConnection

import requests

from tests.support.images import jpeg_bytes

# small but real JPEGs of a few sizes (made once: the clients only send them)
UPLOAD_SIZES = ((320, 240), (640, 480), (1024, 768))
JPEG_MAGIC = b"\xff\xd8"


def upload_images() -> list[bytes]:
    colors = ((200, 30, 30), (30, 160, 60), (40, 60, 200))
    return [jpeg_bytes(w, h, color=c) for (w, h), c in zip(UPLOAD_SIZES, colors)]


@dataclass
class Tally:
    """What the clients saw, shared by their threads."""

    statuses: Counter = field(default_factory=Counter)  # (kind, status) -> count
    errors: list = field(default_factory=list)  # (kind, repr(exception))
    unexpected: list = field(default_factory=list)  # (kind, status, body start)
    uploaded: list = field(default_factory=list)  # public IDs of accepted uploads
    readable: list = field(default_factory=list)  # (dialect, public ID) to read
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, kind, status):
        with self.lock:
            self.statuses[(kind, status)] += 1

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    def server_errors(self) -> dict:
        return {key: n for key, n in self.statuses.items() if key[1] >= 500}

    def by_kind(self) -> dict:
        kinds = Counter()
        for (kind, _), n in self.statuses.items():
            kinds[kind] += n
        return dict(kinds)


class Client:
    """One API client: a keep-alive session to the server, as behind the TLS proxy."""

    def __init__(self, base_url, token, tally: Tally, images, rng: random.Random):
        self.base_url = base_url
        self.tally = tally
        self.images = images
        self.rng = rng
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {token}",
                                     "X-Forwarded-Proto": "https"})
        self.session_plain = requests.Session()  # the redirect target: no token, as a browser

    def call(self, kind, method, url, expected, **kwargs):
        """One request; its status tallied, an exception or an unexpected status recorded.
        Returns the response when it is the expected one, else None."""
        if url.startswith("/"):
            url = self.base_url + url
        elif url.startswith("https://127.0.0.1:"):  # the service's own URL, behind the proxy
            url = "http://" + url[len("https://"):]
        session = self.session if url.startswith(self.base_url) else self.session_plain
        try:
            response = session.request(method, url, allow_redirects=False, timeout=60, **kwargs)
        except requests.RequestException as error:
            with self.tally.lock:
                self.tally.errors.append((kind, repr(error)))
            return None
        self.tally.count(kind, response.status_code)
        if response.status_code != expected:
            with self.tally.lock:
                self.tally.unexpected.append((kind, response.status_code, response.text[:200]))
            return None
        return response

    def upload(self):
        data = self.rng.choice(self.images)
        files = {"source": ("photo.jpg", data, "image/jpeg")}
        if self.rng.random() < 0.5:
            response = self.call("upload generic", "POST", "/photos", 201, files=files)
            public_id, dialect = (response.json()["_id"] if response else None), "generic"
        else:
            response = self.call("upload graph", "POST", "/me/photos", 200, files=files)
            public_id, dialect = (response.json()["id"] if response else None), "graph"
        if public_id:
            with self.tally.lock:
                self.tally.uploaded.append(public_id)
                self.tally.readable.append((dialect, public_id))

    def read_body(self) -> dict | None:
        """A photo's body through the dialect it was uploaded with; the URL of one of its
        renditions when it is ready."""
        with self.tally.lock:
            dialect, public_id = self.rng.choice(self.tally.readable)
        if dialect == "generic":
            response = self.call("body generic", "GET", f"/photo/{public_id}", 200)
            body = response.json() if response else {}
            if body.get("status") != "ready":
                return None
            return body["images"][self.rng.choice(("large", "small", "icon"))]["url"]
        response = self.call("body graph", "GET", f"/{public_id}", 200,
                             params={"fields": "id,images,source"})
        images = (response.json() if response else {}).get("images") or []
        return self.rng.choice(images)["source"] if images else None

    def read_rendition(self, url):
        """A rendition's bytes by the body's URL: Photodesk's /media URL, which redirects to a
        short-lived presigned URL of the bucket (MEDIA_URLS=redirect)."""
        response = self.call("rendition url", "GET", url, 302)
        if response is None:
            return
        response = self.call("rendition bytes", "GET", response.headers["Location"], 200)
        if response is not None and not response.content.startswith(JPEG_MAGIC):
            with self.tally.lock:
                self.tally.unexpected.append(("rendition bytes", 200, "not a JPEG"))

    def run(self, deadline: float, upload_share: float, stop: threading.Event):
        try:
            while time.monotonic() < deadline and not stop.is_set():
                if self.rng.random() < upload_share:
                    self.upload()
                    continue
                url = self.read_body()
                if url:
                    self.read_rendition(url)
        finally:
            self.session.close()
            self.session_plain.close()


def run_clients(base_url, token, tally: Tally, clients: int, seconds: float,
                upload_share: float, seed: int = 15) -> float:
    """``clients`` clients for ``seconds``; returns the seconds they took (all of them done)."""
    images = upload_images()
    stop = threading.Event()
    started = time.monotonic()
    deadline = started + seconds
    threads = [threading.Thread(target=Client(base_url, token, tally, images,
                                              random.Random(seed + n)).run,
                                args=(deadline, upload_share, stop), daemon=True)
               for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:  # a request has 60 s at most: every client is done by then
        thread.join(timeout=max(1.0, deadline - time.monotonic()) + 120)
    stop.set()
    assert not any(thread.is_alive() for thread in threads), "clients still waiting after 3 min"
    return time.monotonic() - started


def requests_per_second(port: int, path: str, headers: dict, clients: int = 4,
                        seconds: float = 1.0) -> tuple[float, Counter]:
    """GET ``path`` over and over from ``clients`` keep-alive connections for ``seconds``: the
    requests answered per second, and their statuses."""
    statuses = Counter()
    lock = threading.Lock()

    def client(deadline):
        connection = HTTPConnection("127.0.0.1", port, timeout=60)
        done = Counter()
        try:
            while time.monotonic() < deadline:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                done[response.status] += 1
        except OSError as error:
            done[repr(error)] += 1
        finally:
            connection.close()
            with lock:
                statuses.update(done)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(started + seconds,), daemon=True)
               for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    elapsed = time.monotonic() - started
    return statuses[200] / elapsed, statuses


def compare_rates(port: int, paths: dict[str, str], headers: dict, rounds: int = 3,
                  seconds: float = 1.0) -> dict[str, float]:
    """The requests per second of each of ``paths`` (name -> path), measured in alternating
    rounds; every answer must be a 200."""
    answered, elapsed = Counter(), Counter()
    for _ in range(rounds):
        for name, path in paths.items():
            rate, statuses = requests_per_second(port, path, headers, seconds=seconds)
            assert set(statuses) == {200}, (path, statuses)
            answered[name] += statuses[200]
            elapsed[name] += statuses[200] / rate if rate else seconds
    return {name: answered[name] / elapsed[name] for name in paths}
