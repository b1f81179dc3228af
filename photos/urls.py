import re

from django.urls import path, re_path

from photos import targets
from photos.api import generic
from photos.delivery import serve_rendition

app_name = "photos"

# An object's photos edge exists for each registered target type (user, workspace, album,
# group, record...). Only those names match, so paths of other APIs (Zoho's /crm/v2/{module},
# Graph's /v2.0/{id}/photos) are never taken here. Apps register in AppConfig.ready(), which
# Django runs before it loads any URLconf.
_KINDS = "|".join(sorted((re.escape(t.key) for t in targets.all_types()), key=len,
                         reverse=True)) or r"(?!)"

urlpatterns = [
    path("media/<path:key>", serve_rendition, name="rendition"),
    # the generic photo API (seed 001)
    path("photo/<str:photo_id>", generic.PhotoResource.as_view(), name="generic-photo"),
    path("photos", generic.TemporaryPhotos.as_view(), name="generic-photos"),
    re_path(rf"^(?P<kind>{_KINDS})/(?P<object_id>[^/]+)/photos$",
            generic.ObjectPhotos.as_view(), name="generic-object-photos"),
]
