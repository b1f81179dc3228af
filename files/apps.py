from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "files"
    verbose_name = "Files (Chatter)"

    def ready(self):
        from files import services  # noqa: F401 - connects the content-deleting receiver
