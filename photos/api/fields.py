"""Graph's ``fields=`` parameter: ``id,name,comments.limit(3)``.

Returns ``{name: options}``; a name given explicitly carries ``explicit: True`` (a connection
asked for by name is shown even when empty), and ``limit(n)`` is the one modifier understood.
"""

import re

from photos import errors
from photos.dialects import params

_FIELD = re.compile(r"^(?P<name>[a-z_]+)(?P<modifiers>(?:\.[a-z_]+\([^()]*\))*)$")
_MODIFIER = re.compile(r"\.([a-z_]+)\(([^()]*)\)")
LIMIT_TAKES = "limit() takes a positive integer."


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
