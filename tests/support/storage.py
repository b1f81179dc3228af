"""What storage holds, seen by the tests."""

from pathlib import Path


def stored_files(root: Path) -> list[Path]:
    """Every file under ``root`` (a media folder), recursively."""
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def stored_keys() -> list[str]:
    """Every key of default storage, but the health check's."""
    from django.core.files.storage import default_storage

    keys = []

    def walk(folder):
        dirs, files = default_storage.listdir(folder)
        keys.extend(f"{folder}/{name}" if folder else name for name in files)
        for name in dirs:
            walk(f"{folder}/{name}" if folder else name)

    if default_storage.exists(""):
        walk("")
    return [key for key in keys if not key.startswith("healthz/")]
