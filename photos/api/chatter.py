"""Chatter's URLs that are not resources of one app: the photo URLs of the Photo body, the
list of API versions and Salesforce's 404 for any other path under ``/services/data/``.

- ``/profilephoto/{photoVersionId}/{F|M|T}``: a token that may see the group or user;
- ``/profilephoto/0F9|005/{F|M|T}``: the default photos, public;
- ``/ncsphoto/{token}``: the e-mail URLs: signed, public, 30 days, each bound to the photo
  version it was issued for.

A photo's target is reached through ``photos.targets`` (groups register theirs), so this module
knows no dialect app.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from accounts.permissions import principal_of
from photos import delivery, errors, targets
from photos import services as photos
from photos.delivery import Cache
from photos.dialects.chatter import defaults, ids, params, presenters
from photos.dialects.chatter import schema as openapi
from photos.dialects.chatter.permissions import has_chatter_scope
from photos.dialects.chatter.views import BaseAPIView, without_body
from photos.models import Photo

KIND_OF_PREFIX = {prefix: kind for kind, prefix in params.DEFAULT_PHOTO_PREFIX.items()}


class PhotoFileView(BaseAPIView):
    """Serves photo bytes; authentication is lazy, since default and e-mail photos need none."""

    permission_classes = []
    http_method_names = ["get", "head"]

    def perform_authentication(self, request):
        pass

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return without_body(response) if request.method == "HEAD" else response

    def serve(self, kind: str, target, photo, size: str):
        """The ``size`` rendition of ``photo`` once it is ready; until then (or without one) the
        photo the target shows now, else the default photo."""
        spec = params.SIZES[size]
        own = photo.rendition(spec) if photo is not None and photo.is_ready else None
        if own is not None:
            return self.rendition_response(own, Cache.PRIVATE_DAY)
        showing = photos.current_photo(target)
        rendition = showing.rendition(spec) if showing is not None else None
        if rendition is not None:
            return self.rendition_response(rendition, Cache.PRIVATE_CURRENT)
        return self.default_response(kind, size, Cache.STAND_IN)

    def rendition_response(self, rendition, cache: Cache):
        return delivery.serve(rendition.storage_key, rendition.mime_type, cache=cache,
                              request=self.request, etag=delivery.rendition_etag(rendition),
                              modified=rendition.rendered_at, size=rendition.byte_size)

    def default_response(self, kind: str, size: str, cache: Cache):
        return delivery.serve(defaults.default_photo(kind, size), defaults.MIME_TYPE,
                              cache=cache, request=self.request)


class ProfilePhotoView(PhotoFileView):
    openapi_public = True  # the default photos need no token

    @extend_schema(summary="A photo's image (a default photo needs no token)",
                   responses=openapi.image("The image: the photo version's once it is ready, "
                                           "else the one the group or user shows now, else "
                                           "the default."))
    def get(self, request, photo_id, size):
        kind = KIND_OF_PREFIX.get(photo_id)
        if kind is not None:
            return self.default_response(kind, size, Cache.PUBLIC_DAY)
        principal = principal_of(request)
        if principal is None:
            raise errors.TokenMissing()
        if not has_chatter_scope(principal):
            raise errors.ScopeMissing()
        photo = (Photo.objects.prefetch_related("renditions")
                 .filter(pk=params.pk_from(photo_id, ids.PHOTO)).first())
        target = photo.target if photo is not None else None
        target_type = targets.for_object(target) if target is not None else None
        if target_type is None or target_type.key not in params.DEFAULT_PHOTO_PREFIX:
            raise errors.NotFound()
        if not target_type.can_read(principal, target):
            raise errors.NotFound()
        return self.serve(target_type.key, target, photo, size)


class EmailPhotoView(PhotoFileView):
    """An e-mail URL shows only the photo version it was issued for: that photo once it is
    ready (the default photo until then), 404 once it is deleted; one issued while the target
    had no photo shows the default photo, whatever is uploaded later."""

    authentication_classes = []

    @extend_schema(summary="An e-mail photo URL's image (no token, 30 days)",
                   responses=openapi.image("The image of the photo version the URL was issued for "
                                           "(the default photo until it is ready)."))
    def get(self, request, token):
        value = params.read_email_token(token)
        kind, size = value["k"], value["s"]
        target_type = targets.by_key(kind)
        model = target_type.model_class() if target_type is not None else None
        target = model.objects.filter(pk=value["t"]).first() if model is not None else None
        if target is None:
            raise errors.NotFound()
        if value["v"] is None:
            return self.default_response(kind, size, Cache.STAND_IN)
        photo = (photos.photos_of(target).prefetch_related("renditions")
                 .filter(public_id=value["v"]).first())
        if photo is None:  # deleted (or moved): never another photo of the target
            raise errors.NotFound()
        rendition = photo.rendition(params.SIZES[size]) if photo.is_ready else None
        if rendition is None:
            return self.default_response(kind, size, Cache.STAND_IN)
        return self.rendition_response(rendition, Cache.PRIVATE_DAY)


class VersionsView(BaseAPIView):
    """``GET /services/data/``: the API versions served, as Salesforce lists them (no token)."""

    authentication_classes = []
    permission_classes = []
    http_method_names = ["get", "head"]

    @extend_schema(summary="The API versions served",
                   responses={200: openapi.ChatterVersion(many=True)})
    def get(self, request):
        return Response(presenters.versions())


class UnknownResourceView(BaseAPIView):
    """Anything else under /services/data/: Salesforce's 404 NOT_FOUND body."""

    authentication_classes = []
    permission_classes = []

    def initial(self, request, *args, **kwargs):
        raise errors.NotFound()
