"""The generic photo API (seed 001): ``/photo/{photo-id}``, ``POST /photos`` (a temporary
photo) and ``POST /{object}/{object-id}/photos`` (publishing through an object's edge).

Uploads are multipart, the image in a part named ``source`` (or ``file``), an optional ``name``.
The seed's ``type`` is one of JPEG, PNG and GIF, so other images the engine could read (BMP,
WebP) are refused here with 415. A created photo answers 201 with its body (``tmp`` true for
``POST /photos``); its ``images`` have null values until the renditions are made (``status``
tells when).

``PUT /photo/{photo-id}`` attaches a temporary photo to the object named by ``target``:
``"<type>:<id>"`` as ``GET`` shows it (``"group:0F9..."``, ``"user:42"``), an object
``{"type": ..., "id": ...}``, or a bare ID when exactly one object the caller may read has it
(the seed calls ``target`` "the ID of the Edge"; a bare ID held by objects of two types is
refused as ambiguous). JSON or form-encoded.

Attaching or publishing onto an object changes it: it takes the object's own update rule (the
one its own dialect enforces, registered with its target type), not only its read rule. An
object the caller cannot read is not found; one they can read but not update is 403.
"""

from django.db import transaction
from rest_framework.response import Response

from accounts.permissions import HasPrincipal, principal_of
from photos import albums, errors, services, targets
from photos import permissions as rules
from photos.dialects import generic, params
from photos.models import PUBLIC_ID_RE, Album, Photo
from photos.serializers import generic_photo

ALLOWED_TYPES = ("image/jpeg", "image/png", "image/gif")
UPLOAD_PARTS = ("source", "file")


def load_photo(photo_id: str) -> Photo:
    if not PUBLIC_ID_RE.fullmatch(photo_id):  # nothing else names a photo (or reaches the DB)
        raise errors.NotFound(f"No photo {photo_id}.")
    photo = (Photo.objects.visible().select_related("application", "target_type")
             .prefetch_related("renditions").filter(public_id=photo_id).first())
    if photo is None:
        raise errors.NotFound(f"No photo {photo_id}.")
    return photo


def visible_photo(principal, photo_id: str, scope: str) -> Photo:
    """The photo, once the token has ``scope``; one the caller may not see is 404, as if it
    did not exist (the seed's rules, checked in this order for every method)."""
    rules.require_scope(principal, scope)
    photo = load_photo(photo_id)
    if not rules.generic_can_see(principal, photo):
        raise errors.NotFound(f"No photo {photo_id}.")
    return photo


def uploaded_file(request):
    for part in UPLOAD_PARTS:
        upload = request.FILES.get(part)
        if upload is not None:
            return upload
    raise errors.MissingFile("Send the image as a multipart part named source (or file).")


def creator(principal) -> dict:
    """Who a new photo belongs to: a person (a temporary photo then belongs to no workspace
    until attached), or, for a workspace token, the workspace itself."""
    if principal.is_user:
        return {"owner": principal.user, "workspace": None,
                "application": principal.application}
    return {"owner": None, "workspace": principal.workspace,
            "application": principal.application}


def create(principal, request, target=None) -> Photo:
    upload = uploaded_file(request)
    name = params.storable(str(request.data.get("name", "")), "name")[:255]
    who = creator(principal)
    if isinstance(target, Album):
        photo = albums.add_photo(target, upload, name=name, formats=ALLOWED_TYPES, **who)
    else:
        # the engine reads BMP and WebP too; this API's `type` does not list them
        photo = services.create_photo(upload, target=target, name=name, formats=ALLOWED_TYPES,
                                      **who)
    return load_photo(photo.public_id)


def resolve_target(principal, value):
    """The object named by ``target`` (see the module's docstring), readable by the caller;
    PermissionDenied when they may read it but not update it."""
    if isinstance(value, dict):
        kind, object_id = value.get("type"), value.get("id")
    elif isinstance(value, str) and ":" in value:
        kind, _, object_id = value.partition(":")
    elif isinstance(value, str | int) and str(value).strip():
        kind, object_id = None, str(value).strip()
    else:
        raise errors.InvalidInput("Name the target: \"<type>:<id>\".", param="target")
    if not isinstance(object_id, str | int) or not str(object_id).strip():
        raise errors.InvalidInput("The target has no id.", param="target")
    object_id = str(object_id).strip()
    if kind is not None:
        target_type = targets.by_key(str(kind))
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


class PhotoResource(generic.APIView):
    """``GET``, ``PUT`` and ``DELETE /photo/{photo-id}``."""

    permission_classes = [HasPrincipal]

    def get(self, request, photo_id):
        principal = principal_of(request)
        photo = visible_photo(principal, photo_id, rules.generic_read_scope(principal))
        return Response(generic_photo(photo, request))

    def put(self, request, photo_id):
        principal = principal_of(request)
        photo = visible_photo(principal, photo_id, rules.MANAGE)
        if not photo.is_temporary:
            raise errors.InvalidInput("The photo is already attached: only a temporary photo "
                                      "(tmp true) can be attached.", param="target")
        if "target" not in request.data:
            raise errors.InvalidInput("The target is required.", param="target")
        target = resolve_target(principal, request.data["target"])
        with transaction.atomic():
            photo = Photo.objects.select_for_update().get(pk=photo.pk)
            if not photo.is_temporary:  # attached by a concurrent request meanwhile
                raise errors.InvalidInput("The photo is already attached.", param="target")
            if isinstance(target, Album):
                albums.attach_photo(photo, target)
            else:
                services.attach(photo, target)
        return Response({"success": True})

    def delete(self, request, photo_id):
        principal = principal_of(request)
        photo = visible_photo(principal, photo_id, rules.MANAGE)
        if not rules.generic_can_delete(principal, photo):
            raise errors.PermissionDenied("You may not update the object this photo is "
                                          "attached to.")
        services.delete_photo(photo)
        return Response({"success": True})


class TemporaryPhotos(generic.APIView):
    """``POST /photos``: a photo attached to nothing yet (``tmp`` true)."""

    permission_classes = [HasPrincipal]
    upload_limit_setting = "PHOTO_MAX_BYTES"

    def post(self, request):
        principal = principal_of(request)
        rules.require_scope(principal, rules.MANAGE)
        return Response(generic_photo(create(principal, request), request), status=201)


class ObjectPhotos(generic.APIView):
    """``POST /{object}/{object-id}/photos`` for every registered target type (user,
    workspace, album, group, record...): ``manage_photos`` and the object's update rule (an
    object the caller cannot read is not found)."""

    permission_classes = [HasPrincipal]
    upload_limit_setting = "PHOTO_MAX_BYTES"

    def post(self, request, kind, object_id):
        target_type = targets.by_key(kind)
        if target_type is None:
            raise errors.NotFound(f"Unknown object type {kind}.")
        principal = principal_of(request)
        rules.require_scope(principal, rules.MANAGE)
        target = target_type.resolve(object_id)
        if target is None or not target_type.can_read(principal, target):
            raise errors.NotFound(f"No {kind} {object_id}.")
        rules.require_target_update(principal, target_type, target)
        return Response(generic_photo(create(principal, request, target), request), status=201)
