"""The Zoho CRM v2 / Bigin v2 dialect: base view, error table, module-scope permissions, request
parsing, bodies and paging (``records`` serves its resources with these parts).

``render`` and ``body`` are the dialect's error rendering, named here for callers that only
render (the error-table tests); views derive from :class:`views.ZohoView`.
"""

from photos.dialects.zoho.params import BIGIN, CRM
from photos.dialects.zoho.presenters import body
from photos.dialects.zoho.views import render

__all__ = ["BIGIN", "CRM", "body", "render"]
