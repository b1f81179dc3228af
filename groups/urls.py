"""URLs of the groups app (included at the root by config/urls.py).

Every group resource also lives under ``connect/communities/{communityId}/``; the catch-all at
the end answers Salesforce's 404 body for any other path under ``/services/data/``.
"""

from django.urls import re_path

from groups import views

app_name = "groups"

V = r"^services/data/v(?P<version>[0-9]{2}\.[0-9])/"
COMMUNITY = r"(?:connect/communities/(?P<community_id>[^/]+)/)?"
GROUP = COMMUNITY + r"chatter/groups/(?P<group_id>[^/]+)"

urlpatterns = [
    re_path(V + COMMUNITY + r"chatter/groups/?$", views.GroupListView.as_view(),
            name="groups"),
    re_path(V + GROUP + r"/?$", views.GroupDetailView.as_view(), name="group"),
    re_path(V + GROUP + r"/members/?$", views.GroupMembersView.as_view(), name="members"),
    re_path(V + GROUP + r"/photo/?$", views.GroupPhotoView.as_view(), name="group-photo"),
    re_path(V + r"chatter/group-memberships/(?P<membership_id>[^/]+)/?$",
            views.MembershipView.as_view(), name="membership"),
    re_path(V + r"chatter/users/(?P<user_id>[^/]+)/photo/?$",
            views.UserPhotoView.as_view(since="23.0", until="34.0",
                                        http_method_names=["get", "head", "post"]),
            name="user-photo-chatter"),
    re_path(V + r"connect/user-profiles/(?P<user_id>[^/]+)/photo/?$",
            views.UserPhotoView.as_view(since="35.0",
                                        http_method_names=["get", "post", "delete"]),
            name="user-photo"),
    re_path(V + r"chatter/users/(?P<user_id>[^/]+)/?$", views.UserDetailView.as_view(),
            name="user"),
    re_path(V + r"connect/communities/?$", views.CommunityListView.as_view(),
            name="communities"),
    re_path(V + r"connect/communities/(?P<community_id>[^/]+)/?$",
            views.CommunityDetailView.as_view(), name="community"),
    re_path(r"^profilephoto/(?P<photo_id>[0-9A-Za-z]{3}|[0-9A-Za-z]{15}|[0-9A-Za-z]{18})/"
            r"(?P<size>[FMT])$", views.ProfilePhotoView.as_view(), name="profile-photo"),
    re_path(r"^ncsphoto/(?P<token>[0-9A-Za-z_:.-]+)$", views.EmailPhotoView.as_view(),
            name="email-photo"),
    re_path(r"^services/data/?$", views.VersionsView.as_view(), name="versions"),
    re_path(r"^services/data(?:/.*)?$", views.UnknownResourceView.as_view(),
            name="unknown-resource"),
]
