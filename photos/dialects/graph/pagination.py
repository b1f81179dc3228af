"""Graph cursor pagination: ``{"data": [...], "paging": {"cursors": {"before", "after"},
"previous", "next"}}`` with ``limit``, ``before`` and ``after`` parameters.

Keyset paging on one unique, ordered column: a cursor is the base64 of that column's value (as
Graph's cursors are the base64 of an ID), so pages stay stable while rows are added. ``next`` is
left out on the last page and ``previous`` on the first, as Graph does; both are absolute URLs
that keep the request's other parameters.
"""

import base64
import binascii
from urllib.parse import urlencode

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from photos import errors
from photos.delivery import absolute
from photos.dialects import params as shared
from photos.dialects.graph import params as graph_params


def encode_cursor(value) -> str:
    return base64.urlsafe_b64encode(str(value).encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        value = shared.numeric_id(
            base64.urlsafe_b64decode(cursor.encode() + b"=" * (-len(cursor) % 4)).decode())
    except (binascii.Error, UnicodeError, ValueError):
        value = None
    if value is None:
        raise errors.InvalidInput("Invalid cursor.", param="cursor")
    return value


class GraphCursorPagination(BasePagination):
    """One page of a queryset ordered by the unique integer column ``key``.

    ``params`` are the paging parameters (the request's query by default); ``base_path`` the
    path the ``next``/``previous`` URLs point at (the request's by default); ``limit`` a page
    size already parsed (the ``limit`` parameter's by default).
    """

    def __init__(self, key: str = "pk", *, descending=False, params=None, base_path=None,
                 limit=None):
        self.key, self.descending, self.limit = key, descending, limit
        self.params, self.base_path = params, base_path
        self.has_previous = self.has_next = False
        self.rows, self.request = [], None

    def paginate_queryset(self, queryset, request, view=None) -> list:
        self.request = request
        if self.params is None:
            self.params = request.query_params
        if self.limit is None:
            self.limit = graph_params.limit(self.params.get("limit"))
        self.rows, self.has_previous, self.has_next = _rows(
            queryset, self.key, self.limit, self.params, self.descending)
        return self.rows

    def first_page_of(self, rows, request) -> list:
        """The first page from ``rows``: up to ``limit + 1`` rows in order, read beforehand
        (as :func:`first_rows` reads them for many parents at once)."""
        self.request, self.params = request, {} if self.params is None else self.params
        self.rows, self.has_previous, self.has_next = rows[:self.limit], False, \
            len(rows) > self.limit
        return self.rows

    def get_paginated_data(self, data) -> dict:
        body = {"data": list(data)}
        if not self.rows:
            return body
        first = encode_cursor(_value(self.rows[0], self.key))
        last = encode_cursor(_value(self.rows[-1], self.key))
        paging = {"cursors": {"before": first, "after": last}}
        if self.has_previous:
            paging["previous"] = self._url(before=first)
        if self.has_next:
            paging["next"] = self._url(after=last)
        body["paging"] = paging
        return body

    def get_paginated_response(self, data) -> Response:
        return Response(self.get_paginated_data(data))

    def _url(self, **cursor) -> str:
        # the same request with other cursors; a connection expanded inside an object
        # (base_path) keeps only the token, as its own URL takes no ``fields`` of the object. An
        # access_token given in the query stays in the URL on purpose: Graph's own next/previous
        # links carry it and clients follow them as they are. The body goes to the token's
        # holder only; the logs never show it (config/logging_filters.py).
        request = self.request
        kept = ("access_token",) if self.base_path else None
        query = {k: v for k, v in request.query_params.items()
                 if k not in ("after", "before", "limit") and (kept is None or k in kept)}
        query["limit"] = self.limit
        query.update(cursor)
        return absolute(request, (self.base_path or request.path) + "?" + urlencode(query))


def first_rows(queryset, parent: str, key: str, limit: int) -> dict:
    """``{parent value: its first limit + 1 rows ordered by key}`` in one query, for the first
    page of each parent's connection."""
    ranked = queryset.annotate(
        _rank=Window(RowNumber(), partition_by=[F(parent)], order_by=F(key).asc()))
    rows: dict = {}
    for row in ranked.filter(_rank__lte=limit + 1).order_by(parent, key):
        rows.setdefault(_value(row, parent), []).append(row)
    return rows


def _rows(queryset, key, limit, params, descending):
    after, before = params.get("after"), params.get("before")
    forward_lookup = "lt" if descending else "gt"
    backward_lookup = "gt" if descending else "lt"
    order = f"-{key}" if descending else key
    reverse_order = key if descending else f"-{key}"
    if before and not after:
        pivot = decode_cursor(before)
        rows = list(queryset.filter(**{f"{key}__{backward_lookup}": pivot})
                    .order_by(reverse_order)[:limit + 1])
        has_previous = len(rows) > limit
        rows = rows[:limit][::-1]
        has_next = bool(rows) and queryset.filter(
            **{f"{key}__{forward_lookup}": _value(rows[-1], key)}).exists()
    else:
        query = queryset
        if after:
            query = query.filter(**{f"{key}__{forward_lookup}": decode_cursor(after)})
        rows = list(query.order_by(order)[:limit + 1])
        has_next = len(rows) > limit
        rows = rows[:limit]
        has_previous = bool(after) and bool(rows) and queryset.filter(
            **{f"{key}__{backward_lookup}": _value(rows[0], key)}).exists()
    return rows, has_previous, has_next


def _value(row, key: str):
    for part in key.split("__"):
        row = getattr(row, part)
    return row
