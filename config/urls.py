from django.contrib import admin
from django.http import Http404
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularSwaggerView
from oauth2_provider import views as oauth2_views

from accounts.views import (
    IntrospectTokenView,
    PrincipalView,
    ScopeListView,
    TokenView,
    authorize,
    login,
    login_rate_limited,
    logout,
)
from config.health import healthz, readyz
from config.openapi import SchemaView
from photos.api.graph.views import IdsView

# django-oauth-toolkit's OAuth 2 endpoints only: Photodesk offers no OpenID Connect (its views
# fail when OIDC is not configured), no device flow, no dynamic registration, and applications
# are managed in the admin, not by any logged-in user.
oauth2_urls = ([
    path("authorize/", authorize, name="authorize"),
    path("token/", TokenView.as_view(), name="token"),
    path("revoke_token/", oauth2_views.RevokeTokenView.as_view(), name="revoke-token"),
    path("introspect/", oauth2_views.IntrospectTokenView.as_view(), name="introspect"),
], "oauth2_provider")


def not_found(request, *args, **kwargs):
    raise Http404


urlpatterns = [
    # the home page, or Graph's multi-object lookup (``/?ids=a,b``)
    path("", IdsView.as_view(), name="home"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    # the admin's sign-in takes the same limit on attempts as everyone's
    path("admin/login/", login_rate_limited(admin.site.login)),
    path("admin/", admin.site.urls),
    path("accounts/login/", login, name="login"),
    path("accounts/logout/", logout, name="logout"),
    # before the toolkit's own: introspection is for the resource server only
    path("o/introspect/", IntrospectTokenView.as_view(), name="introspect"),
    path("o/", include(oauth2_urls)),
    # the rest of /o/ is the OAuth server's too, and does not exist (not a Graph object "o")
    re_path(r"^o/", not_found),
    path("api/principal", PrincipalView.as_view(), name="principal"),
    path("api/scopes", ScopeListView.as_view(), name="scopes"),
    path("api/schema", SchemaView.as_view(), name="schema"),
    path("api/docs", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("", include("photos.urls")),
    path("", include("files.urls")),
    path("", include("groups.urls")),
    # Chatter's photo URLs, versions and catch-all: after every /services/data resource
    path("", include("photos.chatter_urls")),
    path("", include("records.urls")),
    # the Graph API answers bare object IDs at the root: it comes last
    path("", include("photos.graph_urls")),
]
