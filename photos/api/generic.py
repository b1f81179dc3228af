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
object the caller cannot read is not found; one they can read but not update is 403. The
token's scopes are checked first (``photos.dialects.generic.permissions``), the operations are
``photos.publishing``'s.
"""

from rest_framework.response import Response

from accounts.permissions import HasPrincipal, principal_of
from photos import errors, publishing
from photos.dialects.generic import params, presenters, schema
from photos.dialects.generic.permissions import CanManagePhotos, HasPhotoScope
from photos.dialects.generic.views import GenericView


class PhotoResource(GenericView):
    """``GET``, ``PUT`` and ``DELETE /photo/{photo-id}``."""

    permission_classes = [HasPrincipal, HasPhotoScope]

    @schema.photo_get
    def get(self, request, photo_id):
        photo = publishing.visible_photo(principal_of(request), params.photo_id(photo_id))
        return Response(presenters.photo(photo, request))

    @schema.photo_put
    def put(self, request, photo_id):
        principal = principal_of(request)
        photo = publishing.temporary_photo(principal, params.photo_id(photo_id))
        publishing.attach_temporary(principal, photo, *params.target(request))
        return Response(presenters.SUCCESS)

    @schema.photo_delete
    def delete(self, request, photo_id):
        publishing.delete(principal_of(request), params.photo_id(photo_id))
        return Response(presenters.SUCCESS)


class TemporaryPhotos(GenericView):
    """``POST /photos``: a photo attached to nothing yet (``tmp`` true)."""

    permission_classes = [HasPrincipal, CanManagePhotos]
    upload_limit_setting = "PHOTO_MAX_BYTES"

    @schema.temporary_post
    def post(self, request):
        photo = publishing.publish(principal_of(request), params.upload(request),
                                   params.name(request))
        return Response(presenters.photo(photo, request), status=201)


class ObjectPhotos(GenericView):
    """``POST /{object}/{object-id}/photos`` for every registered target type (user,
    workspace, album, group, record...): ``manage_photos`` and the object's update rule (an
    object the caller cannot read is not found)."""

    permission_classes = [HasPrincipal, CanManagePhotos]
    upload_limit_setting = "PHOTO_MAX_BYTES"

    @schema.object_post
    def post(self, request, kind, object_id):
        principal = principal_of(request)
        target = publishing.writable_target(principal, kind, object_id)
        photo = publishing.publish(principal, params.upload(request), params.name(request),
                                   target)
        return Response(presenters.photo(photo, request), status=201)


@schema.undocumented
class UnknownObjectPhotos(GenericView):
    """The edge of an object type nobody registered: not found, whatever the token's scopes."""

    def post(self, request, kind, object_id):
        raise errors.NotFound(f"Unknown object type {kind}.")
