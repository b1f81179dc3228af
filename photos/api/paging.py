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

from photos import errors
from photos.delivery import absolute
from photos.dialects import params

DEFAULT_LIMIT = 25
MAX_LIMIT = 100


def encode_cursor(value) -> str:
    return base64.urlsafe_b64encode(str(value).encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        value = params.numeric_id(
            base64.urlsafe_b64decode(cursor.encode() + b"=" * (-len(cursor) % 4)).decode())
    except (binascii.Error, UnicodeError, ValueError):
        value = None
    if value is None:
        raise errors.InvalidInput("Invalid cursor.", param="cursor")
    return value


def parse_limit(raw, default=DEFAULT_LIMIT) -> int:
    limit = params.whole_number(raw, "limit", minimum=1,
                                message="The parameter limit must be a positive integer.")
    return default if limit is None else min(limit, MAX_LIMIT)


def paginate(request, queryset, key: str, serialize, *, descending=False, limit=None,
             params=None, base_path=None, prepare=None) -> dict:
    """One page of ``queryset`` ordered by the unique integer column ``key``.

    ``params`` are the paging parameters (the request's query by default); ``base_path`` the
    path the ``next``/``previous`` URLs point at (the request's by default); ``prepare`` is
    called with the page's rows before any is serialised (to read what they embed at once).
    """
    params = request.query_params if params is None else params
    limit = parse_limit(params.get("limit")) if limit is None else limit
    rows, has_previous, has_next = _rows(queryset, key, limit, params, descending)
    if prepare is not None:
        prepare(rows)
    return page(request, rows, key, serialize, limit=limit, has_previous=has_previous,
                has_next=has_next, params=params, base_path=base_path)


def first_page(request, rows, key: str, serialize, *, limit: int, params, base_path) -> dict:
    """The first page from ``rows``: up to ``limit + 1`` rows in order, read beforehand (as
    ``first_rows`` reads them for many parents at once)."""
    return page(request, rows[:limit], key, serialize, limit=limit, has_previous=False,
                has_next=len(rows) > limit, params=params, base_path=base_path)


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


def page(request, rows, key, serialize, *, limit, has_previous, has_next, params,
         base_path) -> dict:
    body = {"data": [serialize(row) for row in rows]}
    if not rows:
        return body
    first, last = encode_cursor(_value(rows[0], key)), encode_cursor(_value(rows[-1], key))
    paging = {"cursors": {"before": first, "after": last}}
    if has_previous:
        paging["previous"] = _url(request, base_path, params, limit, before=first)
    if has_next:
        paging["next"] = _url(request, base_path, params, limit, after=last)
    body["paging"] = paging
    return body


def _value(row, key: str):
    for part in key.split("__"):
        row = getattr(row, part)
    return row


def _url(request, base_path, params, limit, **cursor) -> str:
    # the same request with other cursors; a connection expanded inside an object (base_path)
    # keeps only the token, as its own URL takes no ``fields`` of the object. An access_token
    # given in the query stays in the URL on purpose: Graph's own next/previous links carry it
    # and clients follow them as they are. The body goes to the token's holder only; the logs
    # never show it (config/logging_filters.py).
    kept = ("access_token",) if base_path else None
    query = {k: v for k, v in request.query_params.items()
             if k not in ("after", "before", "limit") and (kept is None or k in kept)}
    query["limit"] = limit
    query.update(cursor)
    return absolute(request, (base_path or request.path) + "?" + urlencode(query))
