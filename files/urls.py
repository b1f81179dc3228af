"""URLs of the files app (included at the root by config/urls.py).

Each resource lives under the path its API version had: ``chatter/...`` up to 35.0,
``connect/files/...`` from 36.0; the other path is an unknown resource (404) in that version.
"""

from django.urls import re_path

from files import views

app_name = "files"

V = r"^services/data/v(?P<version>[0-9]{2}\.[0-9])/"
CHATTER = {"since": "24.0", "until": "35.0"}
CONNECT = {"since": "36.0"}

urlpatterns = [
    re_path(V + r"chatter/users/(?P<user_id>[^/]+)/files/?$",
            views.UserFilesView.as_view(**CHATTER), name="user-files-chatter"),
    re_path(V + r"connect/files/users/(?P<user_id>[^/]+)/?$",
            views.UserFilesView.as_view(**CONNECT), name="user-files"),
    re_path(V + r"chatter/files/(?P<file_id>[^/]+)/?$",
            views.FileView.as_view(**CHATTER), name="file-chatter"),
    re_path(V + r"connect/files/(?P<file_id>[^/]+)/?$",
            views.FileView.as_view(**CONNECT), name="file"),
    re_path(V + r"chatter/files/(?P<file_id>[^/]+)/content/?$",
            views.FileContentView.as_view(**CHATTER), name="file-content-chatter"),
    re_path(V + r"connect/files/(?P<file_id>[^/]+)/content/?$",
            views.FileContentView.as_view(**CONNECT), name="file-content"),
]
