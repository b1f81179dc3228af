"""The client helper of the Zoho CRM and Bigin APIs: the ``Zoho-oauthtoken`` header, a record's
photo URL, uploads, Zoho's bodies, and waiting for a record's photo to settle."""

from tests.support.waiting import wait_until

SUCCESS = {"code": "SUCCESS", "details": {}, "message": "photo uploaded successfully",
           "status": "success"}


def auth(token, scheme="Zoho-oauthtoken") -> dict:
    return {"HTTP_AUTHORIZATION": f"{scheme} {token}"}


def photo_url(record, product="crm", api_name=None) -> str:
    return f"/{product}/v2/{api_name or record.module.api_name}/{record.zoho_id}/photo"


def upload(api, url, token, data: bytes, name="photo.png", query="", scheme="Zoho-oauthtoken"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return api.post(url + query, {"file": SimpleUploadedFile(name, data)}, format="multipart",
                    **auth(token, scheme))


def error(code, message, details=None) -> dict:
    """Zoho's error body."""
    return {"code": code, "details": details or {}, "message": message, "status": "error"}


def ready_photo(record, timeout=30.0):
    """Wait for the record's newest photo to render and for the older ones to be dropped."""
    from photos import services
    from photos.models import Photo

    def settled():
        photos = list(services.photos_of(record).order_by("-pk"))
        if len(photos) == 1 and photos[0].status == Photo.Status.READY:
            return photos[0]
        return None

    return wait_until(settled, timeout, "a single ready photo", interval=0.05)
