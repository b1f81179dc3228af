"""Publishing photos through the generic photo API (seed 001): a temporary photo, a photo
published onto an object (any registered target type, an album included), attaching a
temporary photo to an object, deleting one. The object rules are ``photos.permissions``'; an
object or photo the caller may not see is ``NotFound``, one they see but may not update is
``PermissionDenied``.

The seed's ``type`` is one of JPEG, PNG and GIF, so the other images the engine reads (BMP,
WebP) are refused here.
"""

from django.db import transaction

from photos import albums, errors, imaging, services, targets
from photos import permissions as rules
from photos.dialects.generic.params import PHOTO_FORMATS
from photos.models import Album, Photo

FORMATS = imaging.mime_types(PHOTO_FORMATS)


def load_photo(public_id: str) -> Photo:
    photo = (Photo.objects.visible().select_related("application", "target_type")
             .prefetch_related("renditions").filter(public_id=public_id).first())
    if photo is None:
        raise errors.NotFound(f"No photo {public_id}.")
    return photo


def visible_photo(principal, public_id: str) -> Photo:
    """The photo, if the caller may see it; else NotFound, as if it did not exist."""
    photo = load_photo(public_id)
    if not rules.generic_can_see(principal, photo):
        raise errors.NotFound(f"No photo {public_id}.")
    return photo


def temporary_photo(principal, public_id: str) -> Photo:
    """The caller's temporary photo (``tmp`` true), the only kind that can be attached."""
    photo = visible_photo(principal, public_id)
    if not photo.is_temporary:
        raise errors.InvalidInput("The photo is already attached: only a temporary photo "
                                  "(tmp true) can be attached.", param="target")
    return photo


def _creator(principal) -> dict:
    """Who a new photo belongs to: a person (a temporary photo then belongs to no workspace
    until attached), or, for a workspace token, the workspace itself."""
    if principal.is_user:
        return {"owner": principal.user, "workspace": None,
                "application": principal.application}
    return {"owner": None, "workspace": principal.workspace,
            "application": principal.application}


def publish(principal, upload, name: str = "", target=None) -> Photo:
    """A new photo from ``upload``, onto ``target`` (an album takes its place in the album),
    or temporary when there is none."""
    who = _creator(principal)
    if isinstance(target, Album):
        photo = albums.add_photo(target, upload, name=name, formats=FORMATS, **who)
    else:
        photo = services.create_photo(upload, target=target, name=name, formats=FORMATS, **who)
    return load_photo(photo.public_id)


def writable_target(principal, kind: str, object_id: str):
    """The object ``kind``/``object_id`` to publish onto: known and readable (else
    NotFound), and updatable by the caller (else PermissionDenied)."""
    target_type = targets.by_key(kind)
    if target_type is None:
        raise errors.NotFound(f"Unknown object type {kind}.")
    target = target_type.resolve(object_id)
    if target is None or not target_type.can_read(principal, target):
        raise errors.NotFound(f"No {kind} {object_id}.")
    rules.require_target_update(principal, target_type, target)
    return target


def _named_target(principal, kind: str | None, object_id: str, value):
    """The object named by a ``target`` (a bare ID when exactly one object the caller may
    read has it: an ID held by objects of two types is refused as ambiguous), readable by the
    caller; PermissionDenied when they may read it but not update it."""
    if kind is not None:
        target_type = targets.by_key(kind)
        if target_type is None:
            known = ", ".join(sorted(t.key for t in targets.all_types()))
            raise errors.InvalidInput(f"Unknown target type {kind!r}; known: {known}.",
                                      param="target")
        candidates = [(target_type, target_type.resolve(object_id))]
    else:
        candidates = [(t, t.resolve(object_id)) for t in targets.all_types()]
    readable = [(target_type, obj) for target_type, obj in candidates
                if obj is not None and target_type.can_read(principal, obj)]
    if not readable:
        raise errors.InvalidInput(f"No target {value} that you can see.", param="target")
    if len(readable) > 1:
        # ambiguous among what the caller can see, whatever they may update: a bare ID never
        # picks for them
        raise errors.InvalidInput(f"The id {object_id} is ambiguous: name the type, "
                                  "\"<type>:<id>\".", param="target")
    target_type, target = readable[0]
    rules.require_target_update(principal, target_type, target)
    return target


def attach_temporary(principal, photo: Photo, kind: str | None, object_id: str, value) -> None:
    """Attach the temporary ``photo`` to the object the ``target`` names; a concurrent
    attach of the same photo loses (the row is locked, then checked again)."""
    target = _named_target(principal, kind, object_id, value)
    with transaction.atomic():
        photo = Photo.objects.select_for_update().get(pk=photo.pk)
        if not photo.is_temporary:  # attached by a concurrent request meanwhile
            raise errors.InvalidInput("The photo is already attached.", param="target")
        if isinstance(target, Album):
            albums.attach_photo(photo, target)
        else:
            services.attach(photo, target)


def delete(principal, public_id: str) -> None:
    """Delete a photo the caller sees: their own temporary photo, or one attached to an
    object they may update."""
    photo = visible_photo(principal, public_id)
    if not rules.generic_can_delete(principal, photo):
        raise errors.PermissionDenied("You may not update the object this photo is "
                                      "attached to.")
    services.delete_photo(photo)
