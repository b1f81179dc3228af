"""Chatter's paging: ``page`` (from 0) and ``pageSize`` (1 to 250, 25 by default) parameters,
and a page's ``currentPageUrl``, ``nextPageUrl`` and ``previousPageUrl``."""

from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from photos.dialects.chatter import params, presenters


class ChatterPagination(BasePagination):
    """One page of a queryset. ``path`` is the resource's path, which the page URLs repeat
    (Salesforce's are relative to the host)."""

    default_size = 25
    max_size = 250

    def __init__(self, path: str = ""):
        self.path = path
        self.page = self.size = self.total = 0

    def paginate_queryset(self, queryset, request, view=None) -> list:
        self.page, self.size = params.page_params(request, self.default_size, self.max_size)
        self.total = queryset.count()
        start = self.page * self.size
        return list(queryset[start:start + self.size])

    def links(self) -> dict:
        return presenters.page_links(self.path, self.page, self.size, self.total)

    def get_paginated_response(self, data: dict) -> Response:
        """``data`` (the page's own properties: ``groups``, ``files``...) and its page URLs."""
        return Response({**data, **self.links()})
