"""Zoho's paging: ``page`` and ``per_page`` in, ``info.more_records`` out; an empty page is 204
with no body, as Zoho answers an empty list."""

from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from photos.dialects.zoho import params, presenters


class ZohoPagination(BasePagination):
    def paginate_queryset(self, queryset, request, view=None):
        self.page, self.per_page = params.page(request)
        start = (self.page - 1) * self.per_page
        # one row past the page tells whether more follow, without a COUNT
        rows = list(queryset[start:start + self.per_page + 1])
        self.more = len(rows) > self.per_page
        return rows[:self.per_page]

    def get_paginated_response(self, data):
        if not data:
            return Response(status=204)  # Zoho's answer to an empty list: no content
        return Response(presenters.page(data, self.page, self.per_page, self.more))
