"""What the tests share, in one place: plain modules imported by the tests
(``from tests.support.images import jpeg_bytes``) and pytest plugins (``tests.support.plugins``),
registered once in the root ``tests/conftest.py``. No test imports from a conftest module.

- ``images``: the one image factory (every format, size, EXIF, hostile variants) and the
  readers of what a response served;
- ``http_server``: the one local HTTP server (the URL fetcher's target, the webhook receiver);
- ``waiting``: the one wait-for-a-condition helper, and waiting for a photo's status;
- ``chatter``, ``graph``, ``generic``, ``zoho``: one client helper per dialect (its token
  transport, its authenticated upload and get, its error body).
"""
