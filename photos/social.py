"""What people do around a photo: comment, like, tag people, name them in a caption.

The operations every dialect calls (Graph today); the caller has already been found allowed to
write on the photo (``photos.permissions``). Rules that depend on the people involved live
here: a person can be tagged or named only when the caller can see them, once per photo, and
only the photo's owner, the tagger or the tagged person may move or remove a tag.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from accounts.models import User
from photos import errors
from photos import permissions as rules
from photos.models import Comment, Like, Photo, Tag


@dataclass(frozen=True)
class TagRequest:
    """One tag asked for: a person (their user ID) or a text, and where (percentages; None
    when not given, in which case a moved tag keeps its coordinate)."""

    user: int | None
    text: str = ""
    x: float | None = None
    y: float | None = None
    has_x: bool = False
    has_y: bool = False


@dataclass(frozen=True)
class Mention:
    """``@[user-id]`` or ``@[user-id:text]`` found at ``start:end`` of a caption."""

    start: int
    end: int
    user: int | None
    text: str


def visible_person(principal, user_id: int | None):
    """The active user ``user_id`` if the caller can see them (shares a workspace, or is them)."""
    if user_id is None:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not rules.relation_to_people(principal, {user.pk}):
        return None
    return user


def caption_with_mentions(principal, text: str, mentions: list[Mention]) -> tuple[str, list]:
    """The caption with each mention of a person the author can see replaced by their name (or
    the mention's text), and the name tags saying where; other mentions stay as written."""
    out, tags, last = [], [], 0
    for mention in mentions:
        out.append(text[last:mention.start])
        last = mention.end
        user = visible_person(principal, mention.user)
        if user is None:
            out.append(text[mention.start:mention.end])
            continue
        shown = mention.text.strip() or user.display_name
        offset = sum(len(part) for part in out)
        tags.append({"id": str(user.pk), "name": user.display_name, "type": "user",
                     "offset": offset, "length": len(shown)})
        out.append(shown)
    out.append(text[last:])
    return "".join(out), tags


def comment(photo, author, message: str) -> Comment:
    return Comment.objects.create(photo=photo, author=author, message=message)


def like(photo, user) -> None:
    Like.objects.get_or_create(photo=photo, user=user)


def unlike(photo, user) -> None:
    Like.objects.filter(photo=photo, user=user).delete()


def _may_change(principal, photo, tag) -> bool:
    return principal.user.pk in (photo.owner_id, tag.tagger_id, tag.user_id)


def tag(photo, principal, wanted: list[TagRequest]) -> None:
    """Tag people and texts in ``photo``; a person already tagged has their tag moved. At most
    ``Tag.MAX_PER_PHOTO`` tags, counted under a lock on the photo (one tagger at a time)."""
    users = {}
    for item in wanted:
        if item.user is None:
            continue
        user = visible_person(principal, item.user)
        if user is None:
            raise errors.InvalidTagUser(item.user)
        users[user.pk] = user
    with transaction.atomic():
        Photo.objects.select_for_update().filter(pk=photo.pk).first()
        existing = {t.user_id: t for t in Tag.objects.filter(photo=photo, user__isnull=False)}
        count = Tag.objects.filter(photo=photo).count()
        new = [item for item in wanted if item.user is None or item.user not in existing]
        if count + len(new) > Tag.MAX_PER_PHOTO:
            raise errors.TooManyTags(Tag.MAX_PER_PHOTO)
        for item in wanted:
            found = existing.get(item.user) if item.user is not None else None
            if found is not None:  # the same person again: move their tag
                if not _may_change(principal, photo, found):
                    raise errors.PermissionDenied("You cannot move this tag.")
                if item.has_x:
                    found.x = item.x
                if item.has_y:
                    found.y = item.y
                found.save(update_fields=["x", "y"])
                continue
            try:
                with transaction.atomic():
                    Tag.objects.create(photo=photo, user=users.get(item.user),
                                       text="" if item.user else item.text, x=item.x, y=item.y,
                                       tagger=principal.user)
            except IntegrityError:  # tagged by someone else meanwhile
                raise errors.TaggedTwice(item.user) from None


def untag(photo, principal, user_id: int, shown_id: str) -> None:
    """Remove the tag of ``user_id``; ``shown_id`` is the ID as the caller wrote it."""
    found = Tag.objects.filter(photo=photo, user_id=user_id).first()
    if found is None:
        raise errors.NotTagged(shown_id)
    if not _may_change(principal, photo, found):
        raise errors.PermissionDenied("You cannot remove this tag.")
    found.delete()
