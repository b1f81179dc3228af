"""Reading what a response served (any dialect)."""

from tests.support.images import open_image


def bytes_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def download(client, url: str) -> bytes:
    """The bytes a URL serves (200 asserted)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return bytes_of(response)


def downloaded_image(client, url: str):
    """``(bytes, image)`` of what a URL serves."""
    data = download(client, url)
    return data, open_image(data)
