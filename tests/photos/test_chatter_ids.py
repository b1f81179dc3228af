"""Salesforce IDs: the 15/18-character conversion against Salesforce's own pairs, and properties
that hold for every ID."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from photos.dialects.chatter import ids as sfid

KNOWN_PAIRS = [("005D0000001LL8O", "005D0000001LL8OIAW"),
               ("00558000001N0Ke", "00558000001N0KeAAK")]

prefixes = st.sampled_from(["069", "068", "0F9", "005", "0DB", "729", "0FB"])
pks = st.integers(min_value=0, max_value=sfid.MAX_PK)
id15s = st.text(alphabet=sfid.BASE62, min_size=15, max_size=15)


@pytest.mark.parametrize(("id15", "id18"), KNOWN_PAIRS)
def test_known_pairs_convert_both_ways(id15, id18):
    assert sfid.to_18(id15) == id18
    assert sfid.to_15(id18) == id15
    assert sfid.to_18(id18) == id18


@pytest.mark.parametrize(("id15", "id18"), KNOWN_PAIRS)
def test_known_18_character_ids_read_in_any_case(id15, id18):
    assert sfid.to_15(id18.lower()) == id15
    assert sfid.to_15(id18.upper()) == id15
    assert sfid.to_18(id18.swapcase()) == id18


@given(prefixes, pks)
def test_encode_decode_round_trip(prefix, pk):
    encoded = sfid.encode(prefix, pk)
    assert len(encoded) == 15
    assert sfid.decode(encoded) == (prefix, pk)
    assert sfid.decode(sfid.to_18(encoded)) == (prefix, pk)


@given(id15s)
def test_15_to_18_to_15_round_trip(id15):
    id18 = sfid.to_18(id15)
    assert len(id18) == 18 and id18[:15] == id15
    assert sfid.to_15(id18) == id15


@given(id15s, st.randoms(use_true_random=False))
def test_18_character_form_is_case_insensitive(id15, rnd):
    id18 = sfid.to_18(id15)
    recased = "".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in id18)
    assert sfid.to_15(recased) == id15
    assert sfid.to_18(recased) == id18


@given(id15s)
def test_15_character_ids_are_case_sensitive(id15):
    swapped = id15.swapcase()
    if swapped != id15:  # all digits stays the same
        assert sfid.to_18(swapped) != sfid.to_18(id15)


@pytest.mark.parametrize("bad", ["", "005", "005D0000001LL8", "005D0000001LL8OIA",
                                 "005D0000001LL8OIAWX", "005D0000001LL8-", "005D0000001LL8OIA9",
                                 None, 5])
def test_malformed_ids_raise_malformed_id(bad):
    with pytest.raises(sfid.MalformedId):
        sfid.to_15(bad)
    assert not sfid.is_id(bad)


def test_checksum_claiming_a_capital_where_there_is_a_digit_is_refused():
    # "B" = bit 0: the first character of the first chunk would be a capital, but it is "0"
    with pytest.raises(sfid.ChecksumMismatch):
        sfid.to_15("005D0000001LL8OBAW")


def test_decode_with_expected_prefix_refuses_other_types():
    group_id = sfid.to_18(sfid.encode("0F9", 42))
    assert sfid.decode(group_id, "0F9") == ("0F9", 42)
    with pytest.raises(sfid.WrongPrefix) as caught:
        sfid.decode(group_id, "069")
    assert caught.value.prefix == "0F9"
    assert isinstance(caught.value, sfid.InvalidId)


def test_key_prefix_is_case_sensitive_in_the_15_character_form():
    assert sfid.decode(sfid.encode("0F9", 7).replace("0F9", "0f9"))[0] == "0f9"


@pytest.mark.parametrize(("prefix", "pk"), [("06", 1), ("0699", 1), ("06_", 1), ("069", -1),
                                            ("069", sfid.MAX_PK + 1), ("069", True),
                                            ("069", "1")])
def test_encode_refuses_bad_prefixes_and_keys(prefix, pk):
    with pytest.raises(ValueError):
        sfid.encode(prefix, pk)
