from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "files"
    verbose_name = "Files (Chatter)"

    def ready(self):
        from files import services  # connects the content-deleting receiver
        from photos import file_sources

        file_sources.register(services.open_for_photo)
