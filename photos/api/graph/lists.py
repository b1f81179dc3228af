"""Graph's photo lists and a photo's connections (comments, likes, tags), paged by cursor.

A list embeds each photo's first page of the connections ``fields`` asks for: those pages are
read for the whole list at once (one query per connection, not one per photo), so a longer list
costs no more queries.
"""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from photos.dialects.graph import params, presenters
from photos.dialects.graph.pagination import GraphCursorPagination, first_rows
from photos.dialects.graph.views import version_prefix
from photos.models import AlbumPhoto, Comment, Like, Photo, Tag

# each connection of a photo: its rows, and how one is shown
CONNECTIONS = {
    "comments": (lambda: Comment.objects.select_related("author", "photo"),
                 presenters.graph_comment),
    "likes": (lambda: Like.objects.select_related("user"), presenters.graph_like),
    "tags": (lambda: Tag.objects.select_related("user"), presenters.graph_tag),
}


def graph_photos():
    """The photos Graph shows (those in an album), each with its rank in its album."""
    before = (AlbumPhoto.objects.filter(album_id=OuterRef("album_entry__album_id"),
                                        position__lt=OuterRef("album_entry__position"))
              .exclude(photo__status=Photo.Status.TAKEN_DOWN)
              .order_by().values("album_id").annotate(n=Count("pk")).values("n"))
    return (Photo.objects.visible().filter(album_entry__isnull=False)
            .select_related("owner", "album_entry__album", "album_entry__place")
            .prefetch_related("renditions")
            .annotate(album_rank=Coalesce(Subquery(before, output_field=IntegerField()),
                                          Value(0)) + 1))


def page(request, queryset, serialize, *, key="pk", descending=False, **paging) -> dict:
    paginator = GraphCursorPagination(key, descending=descending, **paging)
    rows = paginator.paginate_queryset(queryset, request)
    return paginator.get_paginated_data(serialize(row) for row in rows)


def photo_connection(request, photo, name, **paging) -> dict:
    rows, serialize = CONNECTIONS[name]
    return page(request, rows().filter(photo=photo), serialize, **paging)


def photo_body(request, photo, fields=None, embedded=None) -> dict:
    """A photo's fields; ``embedded`` ({(connection, photo pk): rows}, from
    ``embedded_first_rows``) supplies its connections' first pages already read."""
    if fields is None:
        fields = params.fields(request, presenters.PHOTO_FIELDS, "Photo",
                               presenters.PHOTO_CONNECTION_FIELDS)
    prefix = version_prefix(request)

    def connection(name, options):
        limit = options.get("limit")
        paging = {"params": {} if limit is None else {"limit": str(limit)},
                  "base_path": f"{prefix}/{photo.public_id}/{name}"}
        if embedded is None:
            return photo_connection(request, photo, name, **paging)
        paginator = GraphCursorPagination("pk", limit=params.limit(limit), **paging)
        rows = paginator.first_page_of(embedded.get((name, photo.pk), []), request)
        return paginator.get_paginated_data(CONNECTIONS[name][1](row) for row in rows)

    return presenters.graph_photo(photo, request, fields, connection,
                                  getattr(photo, "album_rank", None))


def embedded_first_rows(photos, fields) -> dict:
    """The first page's rows of every connection ``fields`` embeds, for all ``photos`` at once."""
    out = {}
    ids = [photo.pk for photo in photos]
    for name in presenters.PHOTO_CONNECTION_FIELDS:
        if name not in fields or not ids:
            continue
        rows = first_rows(CONNECTIONS[name][0]().filter(photo_id__in=ids), "photo_id", "pk",
                          params.limit(fields[name].get("limit")))
        out.update({(name, photo_id): page for photo_id, page in rows.items()})
    return out


def photo_list(request, query, key, descending) -> dict:
    fields = params.fields(request, presenters.PHOTO_FIELDS, "Photo",
                           presenters.PHOTO_CONNECTION_FIELDS)
    paginator = GraphCursorPagination(key, descending=descending)
    photos = paginator.paginate_queryset(query, request)
    embedded = embedded_first_rows(photos, fields)
    return paginator.get_paginated_data(
        photo_body(request, photo, fields, embedded=embedded) for photo in photos)
