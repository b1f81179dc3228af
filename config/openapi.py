"""Parts of the OpenAPI document that no DRF view describes: the paths served by plain Django
views (each listed by the module that serves it, as ``OPENAPI_PATHS``), merged in by a
drf-spectacular post-processing hook; and the view that serves the document."""

import threading
from importlib import import_module

from drf_spectacular.views import SpectacularAPIView

# modules whose OPENAPI_PATHS hold raw OpenAPI path items
PATH_MODULES = ["config.health", "accounts.openapi", "photos.delivery"]


def add_plain_paths(result, generator, request, public):
    for name in PATH_MODULES:
        for path, item in import_module(name).OPENAPI_PATHS.items():
            result["paths"].setdefault(path, {}).update(item)
    return result


class SchemaView(SpectacularAPIView):
    """``/api/schema``, one generation at a time per process.

    drf-spectacular's generator is not safe to run in two threads at once: its extension
    registry resolves its classes lazily on first use (a second thread can read a class name set
    to None halfway, AttributeError), and its warning counters are shared (upstream issues
    tfranzel/drf-spectacular#1122, #1123, #1368). A threaded server (runserver, gunicorn's
    gthread workers) that got two schema requests at once answered 500; the lock makes the
    second wait for the first (a generation takes a fraction of a second)."""

    _generating = threading.Lock()

    def dispatch(self, request, *args, **kwargs):
        # (not get(): the parent's get carries the document's own description of this path)
        with self._generating:
            return super().dispatch(request, *args, **kwargs)
