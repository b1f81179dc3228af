"""The patterns Chatter's OpenAPI document gives its path parameters take exactly what the API
takes: an ID or a version the API refuses (400, or 404 for a version) is outside them."""

import random
import re
import string
from decimal import Decimal

import pytest

from photos.dialects.chatter import ids, params
from photos.dialects.chatter.schema import id_pattern, version_pattern

PREFIXES = (ids.USER, ids.FILE, ids.FILE_VERSION, ids.GROUP, ids.GROUP_MEMBER, ids.COMMUNITY,
            ids.PHOTO)
ALNUM = string.digits + string.ascii_letters


def accepted(value: str, prefix: str) -> bool:
    try:
        ids.pk_of(value, prefix)
    except ids.InvalidId:
        return False
    return True


def candidates(prefix: str, rng: random.Random):
    """IDs of every kind: right ones in any casing, right bodies with random checksums, other
    types' IDs, wrong lengths."""
    for _ in range(3000):
        pk = rng.randrange(ids.MAX_PK)
        id18 = ids.sfid18(prefix, pk)
        yield id18
        yield id18[:15]
        yield "".join(char.swapcase() if rng.random() < 0.4 else char for char in id18)
        yield id18[:15] + "".join(rng.choice(ids.SUFFIX_ALPHABET + "abcz9") for _ in range(3))
        yield id18[:15].lower() + id18[15:]
        yield ids.sfid18(rng.choice(PREFIXES), pk)
        yield "".join(rng.choice(ALNUM) for _ in range(rng.choice((3, 14, 15, 16, 18, 19))))


@pytest.mark.parametrize("prefix", PREFIXES)
def test_an_id_matches_its_pattern_exactly_when_the_api_takes_it(prefix):
    pattern = re.compile(id_pattern(prefix))
    checked = {True: 0, False: 0}
    for value in candidates(prefix, random.Random(prefix)):
        expected = accepted(value, prefix)
        assert bool(pattern.search(value)) == expected, value
        checked[expected] += 1
    assert min(checked.values()) > 1000  # both sides were really tried


@pytest.mark.parametrize("since, until", [
    (None, None), ("24.0", "35.0"), ("36.0", None), ("29.0", None), ("23.0", "34.0"),
    ("23.5", "30.3"), ("66.0", None),
])
def test_a_version_matches_its_pattern_exactly_when_the_resource_exists_in_it(since, until):
    pattern = re.compile(version_pattern(since, until))
    for number in range(100):
        for tenth in range(10):
            text = f"{number:02d}.{tenth}"
            version = Decimal(text)
            exists = (params.OLDEST_VERSION <= version <= params.NEWEST_VERSION
                      and params.available(version, since, until))
            assert bool(pattern.search(text)) == exists, text


def test_a_chatter_operation_asks_for_the_api_scope_on_its_oauth2_alternative():
    from tests.support.openapi import document

    operation = document()["paths"]["/services/data/v{version}/chatter/groups/"]["post"]
    assert {"oauth2": ["api"]} in operation["security"]
    assert operation["tags"] == ["Chatter"]


def test_a_decorated_operation_keeps_the_version_and_id_patterns_of_its_view():
    from tests.support.openapi import document

    paths = document()["paths"]

    def pattern(path, method, name):
        parameters = paths[path][method]["parameters"]
        return next(p["schema"]["pattern"] for p in parameters if p["name"] == name)

    groups = "/services/data/v{version}/chatter/groups/"
    assert pattern(groups, "get", "version") == version_pattern("23.0")
    assert pattern(groups, "post", "version") == version_pattern("29.0")  # POST came in 29.0
    files = "/services/data/v{version}/chatter/files/{file_id}/"
    assert pattern(files, "get", "version") == version_pattern("24.0", "35.0")
    assert pattern(files, "post", "file_id") == id_pattern(ids.FILE)
    connect = "/services/data/v{version}/connect/files/{file_id}/"
    assert pattern(connect, "delete", "version") == version_pattern("36.0")


def test_an_operation_is_described_in_its_resource_words_not_the_base_views_notes():
    from photos.dialects.chatter.views import APIView
    from tests.support.openapi import document

    paths = document()["paths"]
    group_photo = paths["/services/data/v{version}/chatter/groups/{group_id}/photo/"]["get"]
    assert group_photo["description"].startswith("The Photo resource of a group or a user")
    notes = APIView.__doc__.strip().splitlines()[0]
    described = [operation.get("description", "") for path, item in paths.items()
                 if path.startswith("/services/") for operation in item.values()]
    assert described and not [text for text in described if notes in text]
