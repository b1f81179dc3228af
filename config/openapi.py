"""Parts of the OpenAPI document that no DRF view describes: the paths served by plain Django
views (each listed by the module that serves it, as ``OPENAPI_PATHS``), merged in by a
drf-spectacular post-processing hook."""

from importlib import import_module

# modules whose OPENAPI_PATHS hold raw OpenAPI path items
PATH_MODULES = ["config.health", "accounts.openapi", "photos.delivery"]


def add_plain_paths(result, generator, request, public):
    for name in PATH_MODULES:
        for path, item in import_module(name).OPENAPI_PATHS.items():
            result["paths"].setdefault(path, {}).update(item)
    return result
