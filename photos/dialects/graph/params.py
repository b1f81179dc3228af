"""Graph's request parsing: parameters from the query or the body, ``fields=``, ``limit``, IDs,
``@[user-id]`` mentions, tags and coordinates. ASCII digits and bounded values only (through
``photos.dialects.params``); a bad value is ``InvalidInput`` naming the parameter.

``fields=`` reads ``id,name,comments.limit(3)`` into ``{name: options}``: a name given
explicitly carries ``explicit: True`` (a connection asked for by name is shown even when empty),
and ``limit(n)`` is the one modifier understood.
"""

import math
import re

from photos import errors
from photos.dialects import params
from photos.social import Mention, TagRequest

_FIELD = re.compile(r"^(?P<name>[a-z_]+)(?P<modifiers>(?:\.[a-z_]+\([^()]*\))*)$")
_MODIFIER = re.compile(r"\.([a-z_]+)\(([^()]*)\)")
LIMIT_TAKES = "limit() takes a positive integer."
POST_ID_RE = re.compile(r"^([0-9]{1,19})_([0-9a-f]{24})$")
MENTION_RE = re.compile(r"@\[([0-9]+)(?::([^\]]*))?\]")
PICTURE_TYPES = ("thumbnail", "album", "normal")
DEFAULT_LIMIT = 25
MAX_LIMIT = 100
MAX_COMMENT = 8000
MAX_CAPTION = 5000
# the most objects one ``?ids=`` lookup names, as Graph allows
MAX_IDS = 50


def param(request, name, default=None):
    """A parameter from the query string or the body (Graph takes both); text that the
    database could not store (NUL, a lone surrogate) is refused here, for every parameter."""
    if name in request.query_params:
        value = request.query_params.get(name)
    elif hasattr(request.data, "get"):
        value = request.data.get(name, default)
    else:
        value = default
    return params.storable(value, name) if isinstance(value, str) else value


def fields(request, known, node_type: str, connections=()) -> dict:
    """The request's ``fields=`` for a node of ``node_type``."""
    return parse_fields(request.query_params.get("fields"), known, node_type, connections)


def limit(raw, default=DEFAULT_LIMIT) -> int:
    """A page size: a positive integer, at most MAX_LIMIT (larger asks get MAX_LIMIT)."""
    number = params.whole_number(raw, "limit", minimum=1,
                                 message="The parameter limit must be a positive integer.")
    return default if number is None else min(number, MAX_LIMIT)


def post_id(object_id: str) -> tuple[int, str] | None:
    """``(user id, photo public id)`` of a post's ID ``{user-id}_{photo-id}``."""
    match = POST_ID_RE.match(object_id)
    return (int(match[1]), match[2]) if match else None


def ids(request) -> list[str]:
    """The objects of a multi-object lookup, ``?ids=a,b`` (each once, in the order given)."""
    raw = request.query_params.get("ids")
    if raw is None:
        raise errors.InvalidInput("The parameter ids is required", param="ids")
    names = list(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
    if not names:
        raise errors.InvalidInput("Cannot specify an empty identifier", param="ids")
    if len(names) > MAX_IDS:
        raise errors.InvalidInput(f"Too many IDs. Maximum: {MAX_IDS}.", param="ids")
    return names


def mentions(text: str) -> list[Mention]:
    """``@[user-id]`` and ``@[user-id:text]`` in a caption."""
    return [Mention(m.start(), m.end(), params.numeric_id(m[1]), m[2] or "")
            for m in MENTION_RE.finditer(text)]


def caption(request) -> str:
    return str(param(request, "message") or param(request, "caption") or "")[:MAX_CAPTION]


def place(request) -> int | None:
    """The ``place`` of an upload: a workspace's ID (checked by the service)."""
    raw = param(request, "place")
    if not raw:
        return None
    number = params.numeric_id(raw)
    if number is None:
        raise errors.InvalidPlace(raw)
    return number


def url(request) -> str | None:
    return str(param(request, "url") or "") or None


def album_name(request) -> str:
    name = str(param(request, "name") or "").strip()
    if not name:
        raise errors.InvalidInput("The parameter name is required.", param="name")
    return name


def description(request) -> str:
    return str(param(request, "message") or "")


def comment_message(request) -> str:
    message = str(param(request, "message") or "").strip()
    if not message:
        raise errors.InvalidInput("The parameter message is required.", param="message")
    if len(message) > MAX_COMMENT:
        raise errors.InvalidInput(f"The message is longer than {MAX_COMMENT} characters.",
                                  param="message")
    return message


def picture_type(request) -> str:
    kind = request.query_params.get("type") or "album"
    if kind not in PICTURE_TYPES:
        raise errors.InvalidInput(f"type must be one of {', '.join(PICTURE_TYPES)}.",
                                  param="type")
    return kind


def redirects(request) -> bool:
    """``redirect=false`` (or 0) asks for the picture's URL in a body instead of a redirect."""
    return request.query_params.get("redirect", "").lower() not in ("false", "0")


def percentage(value, name):
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise errors.InvalidInput(f"The {name} coordinate must be a number.", param=name) \
            from None
    if not math.isfinite(number) or not 0 <= number <= 100:
        raise errors.InvalidInput(f"The {name} coordinate must be between 0 and 100 "
                                  "(a percentage).", param=name)
    return number


def tags(request, user_id=None) -> list[TagRequest]:
    """The tags asked for: the path's user, ``to``/``tag_text``, or a ``tags`` JSON array of
    ``tag_uid``/``tag_text``/``x``/``y``."""
    raw_tags = param(request, "tags")
    if user_id is None and raw_tags not in (None, ""):
        if isinstance(raw_tags, str):
            raw_tags = params.load_json(raw_tags, "tags")
        if not isinstance(raw_tags, list) or not raw_tags or not all(
                isinstance(item, dict) for item in raw_tags):
            raise errors.InvalidInput("tags must be a JSON array of objects.", param="tags")
        items = [{"to": item.get("tag_uid") or item.get("to"), "tag_text": item.get("tag_text"),
                  "x": item.get("x"), "y": item.get("y")} for item in raw_tags]
    else:
        items = [{"to": user_id or param(request, "to"), "tag_text": param(request, "tag_text"),
                  "x": param(request, "x"), "y": param(request, "y")}]
    wanted = []
    for item in items:
        to, text = item["to"], str(item["tag_text"] or "").strip()
        if to in (None, "") and not text:
            raise errors.InvalidInput("One of to or tag_text is required.", param="to")
        user = params.numeric_id(to) if to not in (None, "") else None
        if to not in (None, "") and user is None:
            raise errors.InvalidTagUser(to)
        wanted.append(TagRequest(
            user=user, text=text[:255], x=percentage(item["x"], "x"),
            y=percentage(item["y"], "y"), has_x=item["x"] not in (None, ""),
            has_y=item["y"] not in (None, "")))
    people = [w.user for w in wanted if w.user is not None]
    if len(people) != len(set(people)):
        raise errors.TaggedTwice(people)
    return wanted


def tagged_user(request, user_id=None) -> tuple[int, str]:
    """The person to untag (the path's, or ``to``): their ID, and the ID as written."""
    to = user_id or param(request, "to")
    if to in (None, ""):
        raise errors.InvalidInput("The parameter to (a user id) is required.", param="to")
    number = params.numeric_id(to)
    if number is None:
        raise errors.InvalidTagUser(to)
    return number, to


def parse_fields(raw: str | None, known, node_type: str, connections=()) -> dict:
    """``known``: the node's field names, in order, used when ``raw`` is empty."""
    if not raw or not raw.strip():
        return {name: {} for name in known}
    fields = {}
    for item in _split(raw):
        match = _FIELD.match(item)
        if not match or match["name"] not in known:
            name = match["name"] if match else item
            raise errors.InvalidInput(
                f"Tried accessing nonexisting field ({name}) on node type ({node_type})",
                param="fields")
        options = {"explicit": True}
        for modifier, argument in _MODIFIER.findall(match["modifiers"]):
            if modifier != "limit" or match["name"] not in connections:
                raise errors.InvalidInput(f"Unknown modifier {modifier} on {match['name']}.",
                                          param="fields")
            limit = params.whole_number(argument.strip(), "fields", minimum=1,
                                        message=LIMIT_TAKES)
            if limit is None:  # limit()
                raise errors.InvalidInput(LIMIT_TAKES, param="fields")
            options["limit"] = limit
        fields[match["name"]] = options
    fields.setdefault("id", {})  # Graph always answers with the id
    return fields


def _split(raw: str) -> list[str]:
    items, depth, current = [], 0, ""
    for char in raw:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += char
    items.append(current.strip())
    return [item for item in items if item]
