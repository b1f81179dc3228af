"""Every dialect's rendition URLs come from one place (``MEDIA_URLS``): under ``public`` they are
the media domain's, under ``serve`` and ``redirect`` Photodesk's own ``/media`` (the whole path
on a real S3 server: tests/storage_s3)."""

from photos.models import Photo
from tests.support.generic import auth

MEDIA_DOMAIN = "https://media.example/m"


def graph_urls(body: dict) -> list[str]:
    return [body["source"], body["picture"], body["link"],
            *(image["source"] for image in body["images"])]


def test_graph_urls_are_under_the_media_domain_in_public_mode(api, graph_photo, graph_token,
                                                              settings):
    settings.MEDIA_URLS, settings.MEDIA_PUBLIC_URL = "public", MEDIA_DOMAIN
    keys = set(Photo.objects.get(public_id=graph_photo).renditions
               .values_list("storage_key", flat=True))
    body = api.get(f"/{graph_photo}", {"fields": "source,picture,link,images"},
                   **auth(graph_token)).json()
    urls = graph_urls(body)
    assert {url.removeprefix(MEDIA_DOMAIN + "/") for url in urls} <= keys
    assert all(url.startswith(MEDIA_DOMAIN + "/photos/") for url in urls)


def test_graph_urls_are_photodesks_own_otherwise(api, graph_photo, graph_token, settings):
    settings.MEDIA_URLS = "serve"
    body = api.get(f"/{graph_photo}", {"fields": "source,picture,link,images"},
                   **auth(graph_token)).json()
    assert all(url.startswith("http://testserver/media/photos/") for url in graph_urls(body))
