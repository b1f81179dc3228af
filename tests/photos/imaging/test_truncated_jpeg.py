"""inspect() refuses a JPEG cut before its end-of-image marker, without decoding it: the marker
walk skips segments by their length and searches the entropy-coded data for the next marker."""

import io

import pytest
from PIL import Image

from photos.errors import CorruptImage
from photos.imaging import inspect, sniff
from tests.support import images as img


def noise(size=(256, 192)) -> Image.Image:
    # noise compresses badly: long entropy-coded data, with many stuffed 0xFF bytes
    return Image.merge("RGB", [Image.effect_noise(size, 60)] * 3)


BASELINE = img.jpeg(noise(), quality=90)
PROGRESSIVE = img.jpeg(noise(), quality=90, progressive=True)
WITH_THUMBNAIL = img.jpeg_with_exif_thumbnail(noise(), img.solid((32, 24), img.BLUE))


def mpo() -> bytes:
    out = io.BytesIO()
    noise().save(out, "MPO", save_all=True, append_images=[noise()], quality=90)
    return out.getvalue()


MPO = mpo()


def scans(data: bytes) -> list[int]:
    """Offsets of every start-of-scan marker (a progressive JPEG has several)."""
    return [i for i in range(len(data) - 1) if data[i:i + 2] == b"\xff\xda"]


@pytest.mark.parametrize("data", [BASELINE, PROGRESSIVE, WITH_THUMBNAIL, MPO],
                         ids=["baseline", "progressive", "exif-thumbnail", "mpo"])
def test_a_whole_jpeg_is_accepted(data):
    assert inspect(data).format == "JPEG"


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_a_baseline_jpeg_cut_in_its_scan_is_corrupt(cut):
    data = BASELINE[:int(len(BASELINE) * cut)]
    Image.open(io.BytesIO(data))  # Pillow opens it: the header is whole
    with pytest.raises(CorruptImage, match="truncated"):
        inspect(data)


def test_a_progressive_jpeg_cut_between_its_scans_is_corrupt():
    later = scans(PROGRESSIVE)
    assert len(later) > 3  # several scans, tables between them
    for cut in (later[1], later[2] + 5, (later[-1] + len(PROGRESSIVE)) // 2):
        with pytest.raises(CorruptImage):
            inspect(PROGRESSIVE[:cut])


@pytest.mark.parametrize("data", [BASELINE, PROGRESSIVE], ids=["baseline", "progressive"])
def test_a_jpeg_cut_just_before_its_eoi_is_corrupt(data):
    assert data.endswith(b"\xff\xd9")
    for cut in (1, 2):  # half the marker, or all of it
        with pytest.raises(CorruptImage):
            inspect(data[:-cut])


def test_bytes_after_the_eoi_are_allowed():
    garbage = b"<html>trailing</html>" + b"\xff\xd8\xff\xe0 not a second image"
    assert inspect(BASELINE + garbage).format == "JPEG"


def test_the_eoi_of_an_exif_thumbnail_does_not_end_the_picture():
    # the thumbnail inside APP1 has its own scan and EOI, before the main picture's first scan
    app1_end = 4 + int.from_bytes(WITH_THUMBNAIL[4:6], "big")
    main_scan = WITH_THUMBNAIL.find(b"\xff\xda", app1_end)
    assert WITH_THUMBNAIL.find(b"\xff\xd9") < app1_end < main_scan
    with pytest.raises(CorruptImage):
        inspect(WITH_THUMBNAIL[:main_scan + 200])


def test_an_mpo_whose_first_picture_is_cut_is_corrupt():
    first_end = MPO.find(b"\xff\xd9", scans(MPO)[0]) + 2
    assert inspect(MPO[:first_end]).format == "JPEG"  # the first picture alone is whole
    with pytest.raises(CorruptImage):
        inspect(MPO[:first_end - 10])


def test_a_jpeg_without_any_scan_is_corrupt():
    header = BASELINE[:scans(BASELINE)[0]]
    with pytest.raises(CorruptImage):
        inspect(header + b"\xff\xd9")


def test_a_later_segment_running_past_the_end_is_corrupt():
    data = bytearray(PROGRESSIVE)
    second_scan = scans(PROGRESSIVE)[1]
    data[second_scan + 2:second_scan + 4] = (0xFFF0).to_bytes(2, "big")  # past the file's end
    with pytest.raises(CorruptImage, match="past its end"):
        inspect(bytes(data))


@pytest.mark.parametrize("chunk", [2, 3, 7, 64])
def test_the_walk_gives_the_same_answer_whatever_its_read_size(monkeypatch, chunk):
    # markers straddling two reads (0xFF at the end of one, the code at the start of the next)
    monkeypatch.setattr(sniff, "_JPEG_CHUNK", chunk)
    for data in (BASELINE, PROGRESSIVE, WITH_THUMBNAIL, MPO, BASELINE + b"\xff"):
        inspect(data)
    for data in (BASELINE[:-1], PROGRESSIVE[:-2], WITH_THUMBNAIL[:len(WITH_THUMBNAIL) // 2]):
        with pytest.raises(CorruptImage):
            inspect(data)
