"""Salesforce-style record IDs: 15 case-sensitive characters, or 18 that survive case folding.

An ID is a 3-character key prefix naming the object type (``069`` file, ``0F9`` group...) then
12 characters. Photodesk writes a row's integer primary key there in base 62, left-padded with
``0``. The 18-character form appends a checksum of the casing: the 15 characters are read as
three chunks of 5; in each chunk, character ``i`` sets bit ``2**i`` when it is an uppercase
letter, and each 5-bit value is written as a character of ``ABCDEFGHIJKLMNOPQRSTUVWXYZ012345``.
So an 18-character ID compares case-insensitively: its suffix restores the casing.

The key prefixes Photodesk hands out are defined here and nowhere else. Pure Python: no Django.
The codec lives with the Chatter dialect (not in ``files``) because groups, files and photos all
write these IDs, and only ``photos`` sits below all three.
"""

import re

PREFIX_LENGTH = 3
BODY_LENGTH = 12
SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
MAX_PK = 62**BODY_LENGTH - 1

# the key prefixes of the objects Photodesk names with Salesforce IDs
USER = "005"
FILE = "069"           # ContentDocument
FILE_VERSION = "068"   # ContentVersion
GROUP = "0F9"          # CollaborationGroup
GROUP_MEMBER = "0FB"   # CollaborationGroupMember
COMMUNITY = "0DB"      # Network
PHOTO = "729"

_ID15 = re.compile(r"[0-9A-Za-z]{15}")
_ID18 = re.compile(r"[0-9A-Za-z]{15}[A-Za-z0-5]{3}")
_PREFIX = re.compile(r"[0-9A-Za-z]{3}")


class InvalidId(ValueError):
    """Not a Salesforce ID (the base of every codec error)."""

    def __init__(self, value, reason: str):
        super().__init__(f"{reason}: {value!r}")
        self.value = value
        self.reason = reason


class MalformedId(InvalidId):
    """Neither 15 nor 18 letters and digits."""


class ChecksumMismatch(InvalidId):
    """An 18-character ID whose suffix cannot describe its first 15 characters."""


class WrongPrefix(InvalidId):
    """A well-formed ID of another object type than the one expected."""

    def __init__(self, value, prefix: str, expected):
        super().__init__(value, f"key prefix {prefix!r} is not {' or '.join(expected)}")
        self.prefix = prefix
        self.expected = tuple(expected)


def checksum(id15: str) -> str:
    """The 3-character suffix of a 15-character ID."""
    suffix = []
    for start in (0, 5, 10):
        bits = 0
        for i, char in enumerate(id15[start:start + 5]):
            if "A" <= char <= "Z":
                bits |= 1 << i
        suffix.append(SUFFIX_ALPHABET[bits])
    return "".join(suffix)


def encode(prefix: str, pk: int) -> str:
    """The 15-character ID of row ``pk`` of the type with key ``prefix``."""
    if not isinstance(prefix, str) or not _PREFIX.fullmatch(prefix):
        raise ValueError(f"a key prefix is 3 letters or digits, not {prefix!r}")
    if isinstance(pk, bool) or not isinstance(pk, int) or not 0 <= pk <= MAX_PK:
        raise ValueError(f"a primary key is an integer from 0 to {MAX_PK}, not {pk!r}")
    digits = []
    while pk:
        pk, digit = divmod(pk, 62)
        digits.append(BASE62[digit])
    return prefix + "".join(reversed(digits)).rjust(BODY_LENGTH, "0")


def to_18(value: str) -> str:
    """The 18-character form of a 15- or 18-character ID (an 18 is returned with its casing
    restored)."""
    id15 = to_15(value)
    return id15 + checksum(id15)


def to_15(value: str) -> str:
    """The 15-character, case-sensitive form of a 15- or 18-character ID."""
    if not isinstance(value, str):
        raise MalformedId(value, "an ID is a string")
    if len(value) == 15 and _ID15.fullmatch(value):
        return value
    if len(value) == 18 and _ID18.fullmatch(value):
        return _restore_case(value)
    raise MalformedId(value, "an ID is 15 or 18 letters and digits")


def _restore_case(value: str) -> str:
    suffix = value[15:].upper()
    chars = []
    for chunk, code in enumerate(suffix):
        bits = SUFFIX_ALPHABET.index(code)
        for i, char in enumerate(value[chunk * 5:chunk * 5 + 5]):
            upper = bool(bits & (1 << i))
            if char.isdigit():
                if upper:  # the suffix claims a capital where there is a digit
                    raise ChecksumMismatch(value, "the checksum does not match the ID")
                chars.append(char)
            else:
                chars.append(char.upper() if upper else char.lower())
    return "".join(chars)


def decode(value: str, expected=None) -> tuple[str, int]:
    """``(prefix, pk)`` of a 15- or 18-character ID; with ``expected`` (a prefix or several),
    raise :class:`WrongPrefix` for an ID of another type."""
    id15 = to_15(value)
    prefix = id15[:PREFIX_LENGTH]
    if expected is not None:
        expected = (expected,) if isinstance(expected, str) else tuple(expected)
        if prefix not in expected:
            raise WrongPrefix(value, prefix, expected)
    pk = 0
    for char in id15[PREFIX_LENGTH:]:
        pk = pk * 62 + BASE62.index(char)
    return prefix, pk


def pk_of(value: str, prefix: str) -> int:
    """The primary key behind an ID that must have key ``prefix``."""
    return decode(value, prefix)[1]


def is_id(value) -> bool:
    try:
        to_15(value)
    except InvalidId:
        return False
    return True


def sfid18(prefix: str, pk: int) -> str:
    """The 18-character ID of row ``pk`` of the type with key ``prefix``."""
    return to_18(encode(prefix, pk))
