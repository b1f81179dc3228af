"""Chatter's Photo body and User Summary, shared by the files and groups apps.

A Photo body names a photo version (``photoVersionId``, prefix ``729``) and the URLs of its
renditions, shaped like Salesforce's: ``/profilephoto/729.../F`` (large, 200 wide), ``/M``
(medium, 160 wide), ``/T`` (small, 64x64); with no photo they point at the default photo of the
kind (``/profilephoto/0F9/F`` for groups, ``/profilephoto/005/F`` for users). The two e-mail URLs
work without a token for 30 days; each is signed with a key of its own
(``settings.EMAIL_PHOTO_SIGNING_KEY``, never shared with anyone) and names the photo version it
was issued for (or none), which is all it ever shows. Each property appears only from the API
version that introduced it. The views that serve these URLs are in ``groups.views``.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from files.chatter import GROUP, PHOTO, USER, Call, sfid18
from photos import errors, services

SIZES = {"F": "chatter_large", "M": "chatter_medium", "T": "chatter_small"}
DEFAULT_PREFIX = {"user": USER, "group": GROUP}
EMAIL_SALT = "photodesk.chatter.email-photo"
EMAIL_MAX_AGE = timedelta(days=30)

PHOTO_PROPERTIES = {  # property -> the API version that introduced it
    "fullEmailPhotoUrl": "27.0",
    "largePhotoUrl": "23.0",
    "mediumPhotoUrl": "37.0",
    "photoVersionId": "24.0",
    "smallPhotoUrl": "23.0",
    "standardEmailPhotoUrl": "27.0",
    "url": "27.0",
}

_CURRENT = object()


def photo_body(call: Call, kind: str, target, url: str, photo=_CURRENT) -> dict:
    """The Photo body of ``target`` (a group or a user): its current photo unless ``photo`` is
    given (None for the default photo). ``url`` is the resource that returns this body."""
    if photo is _CURRENT:
        photo = services.current_photo(target)
    if photo is not None:
        photo_id = sfid18(PHOTO, photo.pk)
    else:
        photo_id, kind_prefix = None, DEFAULT_PREFIX[kind]

    def rendition(size):
        name = photo_id if photo_id else kind_prefix
        return call.absolute(reverse("groups:profile-photo", args=[name, size]))

    def email(size):
        token = email_token(kind, target, photo, size)
        return call.absolute(reverse("groups:email-photo", args=[token]))

    values = {
        "fullEmailPhotoUrl": lambda: email("F"),
        "largePhotoUrl": lambda: rendition("F"),
        "mediumPhotoUrl": lambda: rendition("M"),
        "photoVersionId": lambda: photo_id,
        "smallPhotoUrl": lambda: rendition("T"),
        "standardEmailPhotoUrl": lambda: email("T"),
        "url": lambda: url,
    }
    return {name: values[name]() for name, since in PHOTO_PROPERTIES.items()
            if call.since(since)}


def email_token(kind: str, target, photo, size: str) -> str:
    """A signed, time-stamped token naming the target, the photo version (its public ID, or
    None for the default photo) and the size."""
    return signing.dumps({"k": kind, "t": target.pk, "v": photo.public_id if photo else None,
                          "s": size}, key=settings.EMAIL_PHOTO_SIGNING_KEY, salt=EMAIL_SALT,
                         compress=True)


def read_email_token(token: str) -> dict:
    """The content of an e-mail photo token; NotFound when it is forged or expired."""
    try:
        # its own key only: not SECRET_KEY's fallbacks, nor any key handed to third parties
        value = signing.loads(token, key=settings.EMAIL_PHOTO_SIGNING_KEY, fallback_keys=[],
                              salt=EMAIL_SALT, max_age=EMAIL_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired included
        raise errors.NotFound() from None
    if not isinstance(value, dict) or value.get("s") not in SIZES or \
            value.get("k") not in DEFAULT_PREFIX or not isinstance(value.get("t"), int) or \
            not isinstance(value.get("v"), str | None):
        raise errors.NotFound()
    return value


# --- users --------------------------------------------------------------------------------------
def user_path(call: Call, user) -> str:
    return f"{call.base}chatter/users/{sfid18(USER, user.pk)}"


def user_photo_path(call: Call, user) -> str:
    """The user photo resource: ``chatter/users/{id}/photo`` up to 34.0, then
    ``connect/user-profiles/{id}/photo``."""
    user_id = sfid18(USER, user.pk)
    if call.since(until="34.0"):
        return f"{call.base}chatter/users/{user_id}/photo"
    return f"{call.base}connect/user-profiles/{user_id}/photo"


def display_name(user) -> str:
    return user.get_full_name() or user.username


def user_summary(call: Call, user) -> dict:
    """Chatter's User Summary."""
    return {
        "additionalLabel": None,
        "communityNickname": user.username,
        "companyName": None,
        "displayName": display_name(user),
        "firstName": user.first_name or None,
        "id": sfid18(USER, user.pk),
        "isActive": user.is_active,
        "isInThisCommunity": True,
        "lastName": user.last_name or user.username,
        "mySubscription": None,
        "name": display_name(user),
        "photo": photo_body(call, "user", user, user_photo_path(call, user)),
        "title": None,
        "type": "User",
        "url": user_path(call, user),
        "userType": "Internal",
    }
