"""Graph API URLs: bare object IDs at the root, included last by config/urls.py, each with and
without a version prefix (``/v2.0/me``). Each connection has its own path (and view), so that the
OpenAPI document describes each; a connection no node has is answered by Graph's error."""

from django.urls import re_path

from photos.api import generic
from photos.api.graph.views import (
    CONNECTION_VIEWS,
    IdsView,
    ObjectView,
    UnknownConnectionView,
    UserTagView,
)

ID = r"(?P<object_id>[A-Za-z0-9_]+)"
# an optional trailing slash, in a group the document's paths leave out (``/me``, not ``/me/``)
END = r"(?:/)?$"


def graph_paths(prefix: str, name: str) -> list:
    start = "^" + prefix + ID
    return [
        re_path(start + r"/tags/(?P<user_id>[^/]+)" + END, UserTagView.as_view(),
                name=f"{name}-user-tag"),
        *(re_path(start + "/" + connection + END, view.as_view(),
                  name=f"{name}-{connection}")
          for connection, view in CONNECTION_VIEWS.items()),
        re_path(start + r"/(?P<connection>[a-z_]+)" + END, UnknownConnectionView.as_view(),
                name=f"{name}-connection"),
        re_path(start + END, ObjectView.as_view(), name=f"{name}-node"),
    ]


urlpatterns = [
    # ``/?ids=`` is the home page's URL (config/urls.py), served by the same view
    re_path(r"^(?P<version>v\d+\.\d+)/?$", IdsView.as_view(), name="graph-versioned-ids"),
    *graph_paths("", "graph"),
    *graph_paths(r"(?P<version>v\d+\.\d+)/", "graph-versioned"),
    # the generic API's edge of an object type nobody registered: its own 404 body, here at the
    # end so that it never hides another app's path of the same shape
    re_path(r"^(?P<kind>[^/]+)/(?P<object_id>[^/]+)/photos$",
            generic.UnknownObjectPhotos.as_view(), name="generic-object-photos-unknown"),
]
