"""Chatter's URLs outside any one app (included by config/urls.py after the groups and files
apps: the catch-all answers Salesforce's 404 body for any other path under /services/data/)."""

from django.urls import re_path

from photos.api import chatter

app_name = "chatter"

urlpatterns = [
    re_path(r"^profilephoto/(?P<photo_id>[0-9A-Za-z]{3}|[0-9A-Za-z]{15}|[0-9A-Za-z]{18})/"
            r"(?P<size>[FMT])$", chatter.ProfilePhotoView.as_view(), name="profile-photo"),
    re_path(r"^ncsphoto/(?P<token>[0-9A-Za-z_:.-]+)$", chatter.EmailPhotoView.as_view(),
            name="email-photo"),
    # any other photo URL (a size or token of other characters) is Salesforce's 404 too
    re_path(r"^(?:profilephoto|ncsphoto)/[\s\S]*$", chatter.UnknownResourceView.as_view(),
            name="unknown-photo"),
    re_path(r"^services/data/?$", chatter.VersionsView.as_view(), name="versions"),
    # [\s\S]: a path with a line break in it is no exception
    re_path(r"^services/data(?:/[\s\S]*)?$", chatter.UnknownResourceView.as_view(),
            name="unknown-resource"),
]
