"""The generic photo API dialect (seed 001): base view, error table, scope permissions, request
parsing and bodies (the photos app serves its resources with these parts). It lists nothing, so
it has no paging shape.

``render`` is the dialect's error rendering, named here for callers that only render (the
error-table tests); views derive from :class:`views.GenericView`.
"""

from photos.dialects.generic.views import render

__all__ = ["render"]
