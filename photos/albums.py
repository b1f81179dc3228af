"""Album operations: creating albums (the application album on first use), and putting a photo
into an album, uploaded or fetched from a URL (publishing).

An album is a photo target (``photos.models`` registers it), so its photos are attached to it
like to any target; this module adds what is particular to albums: the position of each photo,
the 200-photo limit of regular albums (checked under a lock on the album, so two uploads cannot
both take the last place) and the application album made on first use.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max

from accounts.models import Workspace
from photos import errors, outbound, services, social
from photos.models import Album, AlbumPhoto, Photo


def create_album(owner, application, name: str, description: str = "") -> Album:
    return Album.objects.create(owner=owner, application=application, name=name[:255],
                                description=description[:5000])


def application_album(user, application) -> Album:
    """The album of ``application`` for ``user``, made (named after the application) on first
    use; a concurrent first use finds the other one's album."""
    found = Album.objects.filter(owner=user, application=application,
                                 is_application_album=True).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Album.objects.create(owner=user, application=application,
                                        name=application.name or "Application photos",
                                        is_application_album=True)
    except IntegrityError:
        return Album.objects.get(owner=user, application=application, is_application_album=True)


def _lock_with_room(album: Album, lock: bool = True) -> Album:
    albums = Album.objects.select_for_update() if lock else Album.objects
    album = albums.get(pk=album.pk)
    if album.max_photos is not None and shown_entries(album).count() >= album.max_photos:
        raise errors.AlbumFull(album.max_photos)
    return album


def _enter(album: Album, photo, place=None, name_tags=()) -> AlbumPhoto:
    last = album.entries.aggregate(last=Max("position"))["last"] or 0
    entry = AlbumPhoto.objects.create(album=album, photo=photo, position=last + 1, place=place,
                                      name_tags=list(name_tags))
    Album.objects.filter(pk=album.pk).update(updated_at=photo.created_at)
    return entry


def add_photo(album: Album, upload, *, owner, workspace, application, name="", place=None,
              name_tags=(), formats=None):
    """Create a photo from ``upload`` in ``album`` (the image errors and ``LimitReached`` are
    raised before anything is kept). The bytes are stored before the album is locked; the
    place is taken, under the lock, in the transaction that saves the photo."""
    _lock_with_room(album, lock=False)  # a full album refuses before the bytes are stored

    def enter(photo):
        _enter(_lock_with_room(album), photo, place=place, name_tags=name_tags)

    return services.create_photo(upload, owner=owner, workspace=workspace,
                                 application=application, target=album, name=name,
                                 formats=formats, in_transaction=enter)


def attach_photo(photo, album: Album):
    """Attach an existing temporary photo to ``album``."""
    with transaction.atomic():
        album = _lock_with_room(album)
        services.attach(photo, album)
        _enter(album, photo)
    return photo


def shown_entries(album):
    """The album's places an API shows (a photo a moderator took down has left its album's
    count, ranks and limit until it is restored)."""
    return album.entries.exclude(photo__status=Photo.Status.TAKEN_DOWN)


def publish(album: Album, principal, *, upload=None, url: str | None = None, caption: str = "",
            mentions=(), place_id: int | None = None):
    """The caller's photo in ``album``: the uploaded file, else the image at ``url``; the
    caption's ``mentions`` (``social.Mention``) of people the caller can see become name tags,
    and ``place_id`` must be a workspace the caller belongs to."""
    if upload is None and url:
        upload = outbound.fetch(url, max_bytes=settings.PHOTO_MAX_BYTES).content
    if upload is None:
        raise errors.MissingFile("Requires upload file")
    name, name_tags = social.caption_with_mentions(principal, caption, list(mentions))
    place = None
    if place_id is not None:
        place = Workspace.objects.filter(pk=place_id).first()
        if place is None or place.pk not in principal.workspace_ids():
            raise errors.InvalidPlace(place_id)
    return add_photo(album, upload, owner=principal.user, workspace=None,
                     application=principal.application, name=name[:255], place=place,
                     name_tags=name_tags)
