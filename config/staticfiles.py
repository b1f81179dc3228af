"""Static files: WhiteNoise's compressed storage with hashed names, once collectstatic has run.

Before ``collectstatic`` has written its manifest (the embedded start, the test suite), the names
stay plain: Django's development server (``runserver --insecure``) serves them from the apps'
folders. After it (``scripts/release``), every name is the hashed one from the manifest, served by
WhiteNoise with far-future cache headers, and a name missing from the manifest is an error, as
Django's manifest storage makes it.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # read once, at start: the manifest is written before the server starts (release)
        self.collected = bool(self.hashed_files)

    def stored_name(self, name):
        if not self.collected:
            return name
        return super().stored_name(name)
