"""The Graph dialect (seed 004): base view, error table, scope permissions, request parsing,
bodies, cursor paging and its OpenAPI description (``schema``); ``photos.api.graph`` serves its
nodes with these parts.

``render`` is the dialect's error rendering, named here for callers that only render (the
error-table tests); views derive from :class:`views.GraphView`.
"""

from photos.dialects.graph.views import render

__all__ = ["render"]
