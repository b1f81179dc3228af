from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "photos"

    def ready(self):
        from photos import (
            outbound,
            services,  # noqa: F401 - connects the file-deleting signal receivers
        )
        from photos.builtin_targets import register_builtin_targets
        from photos.dialects.chatter import defaults  # noqa: F401 - drawn before any request
        from photos.dialects.chatter.permissions import register_scopes
        from photos.dialects.graph.permissions import register_scopes as register_graph_scopes
        from photos.dialects.zoho.permissions import register_scopes as register_zoho_scopes

        register_scopes()
        register_builtin_targets()
        register_zoho_scopes()  # before any token is issued or checked
        register_graph_scopes()
        outbound.allowed_entries()  # a bad OUTBOUND_ALLOWED_HOSTS stops the start, named
