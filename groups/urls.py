"""URLs of the groups app (included at the root by config/urls.py).

Every group resource also lives under ``connect/communities/{communityId}/``: each is listed
twice, once with that prefix, so the OpenAPI document (which cannot read an optional part of a
URL pattern) lists the community paths too. Chatter's photo URLs, versions list and catch-all
are in ``photos.chatter_urls``.
"""

from django.urls import re_path

from groups import photo_views, views

app_name = "groups"

V = r"^services/data/v(?P<version>[0-9]{2}\.[0-9])/"
COMMUNITY = r"connect/communities/(?P<community_id>[^/]+)/"
GROUP = r"chatter/groups/(?P<group_id>[^/]+)"

# the group resources: (path after the version or the community prefix, view, name)
GROUP_RESOURCES = [
    (r"chatter/groups/?$", views.GroupListView.as_view(), "groups"),
    (GROUP + r"/?$", views.GroupDetailView.as_view(), "group"),
    (GROUP + r"/members/?$", views.GroupMembersView.as_view(), "members"),
    (GROUP + r"/photo/?$", photo_views.GroupPhotoView.as_view(), "group-photo"),
]

urlpatterns = [
    *(re_path(V + path, view, name=name) for path, view, name in GROUP_RESOURCES),
    *(re_path(V + COMMUNITY + path, view, name=f"community-{name}")
      for path, view, name in GROUP_RESOURCES),
    re_path(V + r"chatter/group-memberships/(?P<membership_id>[^/]+)/?$",
            views.MembershipView.as_view(), name="membership"),
    re_path(V + r"chatter/users/(?P<user_id>[^/]+)/photo/?$",
            photo_views.UserPhotoView.as_view(since="23.0", until="34.0",
                                        http_method_names=["get", "head", "post"]),
            name="user-photo-chatter"),
    re_path(V + r"connect/user-profiles/(?P<user_id>[^/]+)/photo/?$",
            photo_views.UserPhotoView.as_view(since="35.0",
                                        http_method_names=["get", "post", "delete"]),
            name="user-photo"),
    re_path(V + r"chatter/users/(?P<user_id>[^/]+)/?$", views.UserDetailView.as_view(),
            name="user"),
    re_path(V + r"connect/communities/?$", views.CommunityListView.as_view(),
            name="communities"),
    re_path(V + r"connect/communities/(?P<community_id>[^/]+)/?$",
            views.CommunityDetailView.as_view(), name="community"),
]
