from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "photos"

    def ready(self):
        from photos import services  # noqa: F401 - connects the file-deleting signal receivers
        from photos.builtin_targets import register_builtin_targets

        register_builtin_targets()
