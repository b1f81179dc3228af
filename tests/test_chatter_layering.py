"""The Chatter dialect's place in the app layers, read from the source: apps depend downward
only (groups, files -> photos -> accounts), and the Salesforce key prefixes are defined once."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = ("005", "069", "068", "0F9", "0FB", "0DB", "729")


def modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(), filename=str(path))


def imported_apps(tree) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def strings(tree):
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


@pytest.mark.parametrize("app, forbidden", [
    ("groups", {"files", "records"}),
    ("files", {"groups", "records"}),
    ("photos", {"groups", "files", "records"}),
])
def test_an_app_imports_no_app_beside_or_above_it(app, forbidden):
    offending = {str(path.relative_to(ROOT)): sorted(imported_apps(tree) & forbidden)
                 for path, tree in modules(app) if imported_apps(tree) & forbidden}
    assert offending == {}


def test_files_never_names_a_url_of_the_groups_app():
    named = [str(path.relative_to(ROOT)) for path, tree in modules("files")
             if any(value.startswith("groups:") for value in strings(tree))]
    assert named == []


def test_accounts_knows_no_chatter_rule():
    from accounts import principal, scopes

    assert not [name for name in dir(principal.Principal) if "chatter" in name.lower()]
    assert not [name for name in dir(scopes) if "chatter" in name.lower()]


def test_each_salesforce_key_prefix_is_defined_once():
    places = {prefix: [] for prefix in PREFIXES}
    for app in ("accounts", "files", "groups", "photos", "records"):
        for path, tree in modules(app):
            for value in strings(tree):
                if value in places:
                    places[value].append(str(path.relative_to(ROOT)))
    assert places == {prefix: ["photos/dialects/chatter/ids.py"] for prefix in PREFIXES}
