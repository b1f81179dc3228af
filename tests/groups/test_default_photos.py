"""The default photos of users and groups are drawn before any request: a GET only hands out
bytes that exist already (seen in a fresh process, where nothing has been served yet)."""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# In a new process: start Django, then make any drawing fail, then ask for every default photo.
SCRIPT = """
import io, os
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
import django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from PIL import Image, ImageDraw

def refuse(*args, **kwargs):
    raise AssertionError("a default photo was drawn while answering a request")

Image.new = ImageDraw.Draw = refuse
from django.test import Client

client = Client()
for prefix in ("005", "0F9"):
    for size in "FMT":
        response = client.get(f"/profilephoto/{prefix}/{size}")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        image = Image.open(io.BytesIO(body)) if response.status_code == 200 else None
        print(prefix, size, response.status_code, response["Content-Type"],
              image.format if image else None, image.size if image else None)
"""


def test_default_photos_are_served_without_drawing_anything_in_the_request():
    keep = {k: v for k, v in os.environ.items()
            if k in ("PATH", "HOME", "LANG", "TMPDIR", "DATA_DIR", "MEDIA_ROOT")}
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=keep,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    sizes = {"F": (200, 200), "M": (160, 160), "T": (64, 64)}
    assert result.stdout.splitlines() == [
        f"{prefix} {size} 200 image/png PNG {sizes[size]}"
        for prefix in ("005", "0F9") for size in "FMT"]
