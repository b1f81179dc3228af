"""Tags, mentions and publishing places refuse with typed errors naming the value at fault, so
every dialect's table can answer them, whichever API called the service."""

import pytest

from accounts.principal import Principal
from photos import albums, errors, social
from photos.models import Album, Photo, Tag
from tests.support.images import jpeg_bytes

pytestmark = pytest.mark.django_db


def principal(user):
    return Principal(user=user, workspace=None, application=None, scopes=frozenset(),
                     token=None)


@pytest.fixture
def photo_in_album(alice):
    album = Album.objects.create(owner=alice, name="Trip")
    return albums.add_photo(album, jpeg_bytes(), owner=alice, workspace=None, application=None)


def test_tagging_someone_the_tagger_cannot_see_names_that_id(alice, carol, photo_in_album):
    with pytest.raises(errors.InvalidTagUser) as refused:
        social.tag(photo_in_album, principal(alice), [social.TagRequest(user=carol.pk)])
    assert refused.value.value == carol.pk
    assert not Tag.objects.filter(photo=photo_in_album).exists()


def test_only_the_owner_the_tagger_or_the_tagged_may_remove_a_tag(alice, bob, carol,
                                                                   photo_in_album, team):
    social.tag(photo_in_album, principal(alice), [social.TagRequest(user=bob.pk)])
    with pytest.raises(errors.NotTagged) as missing:
        social.untag(photo_in_album, principal(alice), carol.pk, str(carol.pk))
    assert missing.value.value == str(carol.pk)
    with pytest.raises(errors.PermissionDenied):
        social.untag(photo_in_album, principal(carol), bob.pk, str(bob.pk))
    social.untag(photo_in_album, principal(bob), bob.pk, str(bob.pk))
    assert not Tag.objects.filter(photo=photo_in_album).exists()


def test_a_mention_of_a_friend_becomes_their_name_and_a_stranger_stays_as_written(
        alice, bob, carol, team):
    text = f"with @[{bob.pk}] and @[{carol.pk}:Carol]"
    mentions = [social.Mention(5, 5 + len(f"@[{bob.pk}]"), bob.pk, ""),
                social.Mention(text.index("@[", 6), len(text), carol.pk, "Carol")]
    caption, tags = social.caption_with_mentions(principal(alice), text, mentions)
    assert caption == f"with Bob Builder and @[{carol.pk}:Carol]"
    assert tags == [{"id": str(bob.pk), "name": "Bob Builder", "type": "user", "offset": 5,
                     "length": len("Bob Builder")}]


def test_publishing_in_a_place_the_caller_does_not_belong_to_keeps_nothing(
        alice, carol, make_workspace):
    elsewhere = make_workspace(name="Elsewhere", members=[carol])
    album = albums.create_album(alice, None, "Trip")
    with pytest.raises(errors.InvalidPlace) as refused:
        albums.publish(album, principal(alice), upload=jpeg_bytes(), place_id=elsewhere.pk)
    assert refused.value.value == elsewhere.pk
    assert not Photo.objects.filter(owner=alice).exists()
