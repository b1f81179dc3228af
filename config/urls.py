from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView
from oauth2_provider import urls as oauth2_urls

from accounts.views import IntrospectTokenView, PrincipalView, ScopeListView
from config.health import healthz

urlpatterns = [
    path("", TemplateView.as_view(template_name="index.html"), name="home"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # before the toolkit's own: introspection is for the resource server only
    path("o/introspect/", IntrospectTokenView.as_view(), name="introspect"),
    path("o/", include(oauth2_urls)),
    path("api/principal", PrincipalView.as_view(), name="principal"),
    path("api/scopes", ScopeListView.as_view(), name="scopes"),
    path("api/schema", SpectacularAPIView.as_view(), name="schema"),
    path("", include("photos.urls")),
    path("", include("files.urls")),
    path("", include("groups.urls")),
    path("", include("records.urls")),
    # the Graph API answers bare object IDs at the root: it comes last
    path("", include("photos.graph_urls")),
]
