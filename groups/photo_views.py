"""The Photo resources of groups and users (Chatter):

- ``chatter/groups/{groupId}/photo`` (also under ``connect/communities/{id}/``): GET, HEAD,
  POST, DELETE;
- ``chatter/users/{userId}/photo`` (23.0 to 34.0: GET, HEAD, POST) and
  ``connect/user-profiles/{userId}/photo`` (from 35.0: GET, POST, DELETE).

A photo comes from a multipart ``fileUpload`` part or from a stored file (``fileId``,
``versionNumber``), reached through ``photos.file_sources`` (the files app registers it: groups
never imports files). Both resources also take that input as an XML ``<photo>`` body and answer
in XML to ``Accept: application/xml``, as Salesforce documents for each.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.settings import api_settings

from groups import permissions, services
from groups.views import GroupsView
from photos import errors, targets
from photos.dialects.chatter import ids, presenters
from photos.dialects.chatter import schema as openapi
from photos.dialects.chatter.params import crop_of, pk_from
from photos.dialects.chatter.renderers import AcceptNegotiation, XMLRenderer
from photos.dialects.params import whole_number

PHOTO_PROPERTIES = {"cropSize": "29.0", "cropX": "29.0", "cropY": "29.0", "fileId": "25.0",
                    "versionNumber": "25.0"}
UPLOAD_PART = "fileUpload"


class PhotoView(GroupsView):
    """The Photo resource of a group or a user: GET/HEAD the Photo body, POST a new photo
    (multipart ``fileUpload``, or an existing file by ``fileId``/``versionNumber``, with an
    optional crop square), DELETE back to the default photo."""

    upload_limit_setting = "PHOTO_MAX_BYTES"
    kind = ""
    # also XML, as Salesforce (seed 000: "Root XML tag <photo>"; documented for the group's and
    # the user's photo alike): an ``application/xml`` body, and XML answers (errors included)
    # to ``Accept: application/xml``
    xml_root = "photo"
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, XMLRenderer]
    content_negotiation_class = AcceptNegotiation

    def target(self, kwargs):
        raise NotImplementedError

    def body(self, target, **photo) -> dict:
        raise NotImplementedError

    def may_update(self, target) -> bool:
        raise NotImplementedError

    @extend_schema(summary="The photo", responses={200: openapi.ChatterPhoto})
    def get(self, request, version, **kwargs):
        return Response(self.body(self.target(kwargs)))

    @extend_schema(summary="Set the photo: an uploaded image, or a file's (with a crop square)",
                   request=openapi.PHOTO_INPUT, responses={201: openapi.ChatterPhoto})
    def post(self, request, version, **kwargs):
        target = self.target(kwargs)
        if not self.may_update(target):
            raise errors.ReadOnly(f"You cannot change the photo of this {self.kind}.")
        multipart = (request.content_type or "").startswith("multipart/form-data")
        uploaded, _ = self.uploaded(UPLOAD_PART) if multipart else (None, None)
        values = self.read_input(PHOTO_PROPERTIES, binary_parts=(UPLOAD_PART,))
        crop = crop_of(values)
        file_id = values.get("fileId") or None
        number = whole_number(values.get("versionNumber"), "versionNumber", minimum=1)
        if uploaded is not None:
            if file_id or number:
                raise errors.InvalidInput(
                    "Give either a file in the fileUpload part or a fileId, not both.")
            photo = services.set_photo(target, uploaded, principal=self.principal,
                                       name=uploaded.name, crop=crop)
        elif file_id:
            if not isinstance(file_id, str):
                raise errors.InvalidId(file_id)
            photo = services.set_photo_from_file(target, pk_from(file_id, ids.FILE), number,
                                                 principal=self.principal, crop=crop)
        elif number:
            raise errors.InvalidInput("versionNumber: it chooses a version of fileId, which "
                                      "is missing.")
        else:
            raise errors.InvalidInput(
                f"Upload an image in the {UPLOAD_PART} part of a multipart request, or give "
                "the fileId of an existing file.")
        return Response(self.body(target, photo=photo), status=201)

    @extend_schema(summary="Back to the default photo", responses={204: None})
    def delete(self, request, version, **kwargs):
        target = self.target(kwargs)
        if not self.may_update(target):
            raise errors.ReadOnly(f"You cannot change the photo of this {self.kind}.")
        services.remove_photo(target)
        return Response(status=204)


class GroupPhotoView(PhotoView):
    kind = "group"
    http_method_names = ["get", "head", "post", "delete"]

    def target(self, kwargs):
        return self.the_group(kwargs["group_id"], kwargs.get("community_id"))

    def body(self, group, **photo):
        return presenters.group_photo(self.call, group, **photo)

    def may_update(self, group) -> bool:
        return permissions.can_manage(self.principal, group)


class UserPhotoView(PhotoView):
    """``chatter/users/{id}/photo`` (23.0-34.0, GET HEAD POST) and
    ``connect/user-profiles/{id}/photo`` (35.0 on, GET POST DELETE): a user changes only their
    own photo; moderators any."""

    kind = "user"

    def target(self, kwargs):
        return self.the_user(kwargs["user_id"])

    def body(self, user, **photo):
        return presenters.user_photo(self.call, user, **photo)

    def may_update(self, user) -> bool:
        return targets.by_key("user").can_update(self.principal, user)
