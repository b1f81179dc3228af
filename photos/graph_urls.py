"""Graph API URLs: bare object IDs at the root, included last by config/urls.py, each under an
optional version prefix (``/v2.0/me``)."""

from django.urls import re_path

from photos.api import generic
from photos.api.graph.views import NodeView, UserTagView

VERSION = r"^(?:v\d+\.\d+/)?"
ID = r"(?P<object_id>[A-Za-z0-9_]+)"

urlpatterns = [
    re_path(VERSION + ID + r"/tags/(?P<user_id>[^/]+)/?$", UserTagView.as_view(),
            name="graph-user-tag"),
    re_path(VERSION + ID + r"/(?P<connection>[a-z_]+)/?$", NodeView.as_view(),
            name="graph-connection"),
    re_path(VERSION + ID + r"/?$", NodeView.as_view(), name="graph-node"),
    # the generic API's edge of an object type nobody registered: its own 404 body, here at the
    # end so that it never hides another app's path of the same shape
    re_path(r"^(?P<kind>[^/]+)/(?P<object_id>[^/]+)/photos$",
            generic.UnknownObjectPhotos.as_view(), name="generic-object-photos-unknown"),
]
