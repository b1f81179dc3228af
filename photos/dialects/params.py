"""Request values, parsed once per kind for every dialect: whole numbers, numeric IDs, text, JSON.

Client input reaches ``int()``, the ORM and PostgreSQL only through these, so that a hostile
value is a 400 in the caller's dialect rather than a 500:

- digits are ASCII only: ``str.isdigit()`` takes ``"²"``, which ``int()`` refuses, and ``int()``
  takes ``"٣"`` or ``"1_000"``; numbers are bounded (a page's offset must stay a bigint);
- text holds no NUL and no lone surrogate, which PostgreSQL (and psycopg) cannot store;
- JSON is bounded in depth (deep nesting is a ``RecursionError`` in ``json.loads``), holds only
  storable text (keys included) and finite numbers.

A bad value raises ``InvalidInput`` naming the parameter (``param``); each dialect's error table
renders it.
"""

import json
import math
import re

from django.conf import settings
from rest_framework import parsers

from photos import errors

BIGINT_MAX = 2**63 - 1
# Pages are numbered up to here: far past any real list, and page * size stays a bigint.
MAX_PAGE = 1_000_000
MAX_JSON_DEPTH = 64

_DIGITS = re.compile(r"[0-9]{1,19}")
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")  # always within a bigint
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def numeric_id(value, maximum: int = BIGINT_MAX) -> int | None:
    """The number an ID of ASCII digits names (``"42"``, or the int 42), up to ``maximum``;
    None for anything else, which names nothing."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= maximum else None
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if number <= maximum else None


def whole_number(value, name: str, *, minimum: int | None = None, maximum: int | None = None,
                 message: str | None = None) -> int | None:
    """An integer parameter: an int, an integral float (JSON's ``120.0``), or ASCII digits with
    an optional sign (``"120"``, as clients often send integers); None when absent (None or
    ""). ``message`` replaces the default wording of every refusal."""
    if value is None or value == "":
        return None
    number = None
    if isinstance(value, bool):
        pass
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        number = int(value.strip())
    if number is None:
        raise errors.InvalidInput(message or f"{name}: expected an integer, got {value!r}",
                                  param=name)
    if minimum is not None and number < minimum:
        raise errors.InvalidInput(message or f"{name}: must be at least {minimum}, got {number}",
                                  param=name)
    if maximum is not None and number > maximum:
        raise errors.InvalidInput(message or f"{name}: at most {maximum}, got {number}",
                                  param=name)
    return number


def storable(value: str, name: str) -> str:
    """``value`` unchanged, once it is known to hold no NUL and no lone surrogate."""
    if _UNSTORABLE.search(value):
        raise errors.InvalidInput(
            f"{name}: text may not contain NUL characters or unpaired surrogates.", param=name)
    return value


def text(value, name: str, max_length: int | None = None) -> str:
    """A text parameter ("" when absent); another type than a string is refused, so is text
    over ``max_length`` characters."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise errors.InvalidInput(f"{name}: expected a string, got {value!r}", param=name)
    if max_length is not None and len(value) > max_length:
        raise errors.InvalidInput(f"{name}: at most {max_length} characters", param=name)
    return storable(value, name)


def load_json(text_value: str, name: str = "body"):
    """The value of a JSON document, checked as the module's docstring says. A syntax error
    is ``JsonSyntax``, with its line and column in the message."""

    def refuse_constant(constant):
        raise errors.JsonSyntax(f"{name}: {constant} is not a JSON number.", param=name)

    def finite(number: str) -> float:
        value = float(number)
        if not math.isfinite(value):  # 1e400: JSON allows it, no database stores it
            refuse_constant(number)
        return value

    try:
        value = json.loads(text_value, parse_constant=refuse_constant, parse_float=finite)
    except json.JSONDecodeError as exc:
        raise errors.JsonSyntax(
            f"Malformed JSON: {exc.msg} at [line:{exc.lineno}, column:{exc.colno}]",
            param=name) from None
    except RecursionError:
        raise _too_deep(name) from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise errors.JsonSyntax(f"Malformed JSON: {exc}", param=name) from None
    check_json(value, name)
    return value


def check_json(value, name: str = "body") -> None:
    """Refuse a parsed JSON value nested deeper than MAX_JSON_DEPTH or holding text (keys
    included) that cannot be stored. Walks without recursion."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            storable(item, name)
        elif isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise _too_deep(name)
            if isinstance(item, dict):
                for key in item:
                    storable(key, name)
                pending.extend((child, depth + 1) for child in item.values())
            else:
                pending.extend((child, depth + 1) for child in item)


def _too_deep(name: str) -> errors.JsonSyntax:
    return errors.JsonSyntax(
        f"Malformed JSON: nested deeper than {MAX_JSON_DEPTH} levels.", param=name)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser (every API view's, see REST_FRAMEWORK in the settings) through
    :func:`load_json`. DRF hands it ``request.body``, which Django has bounded by
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (a larger declared body is refused unread)."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            document = stream.read().decode(encoding)
        except UnicodeDecodeError:
            raise errors.JsonSyntax("Malformed JSON: the body is not valid UTF-8.",
                                    param="body") from None
        return load_json(document)
