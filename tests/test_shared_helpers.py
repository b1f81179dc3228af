"""The tests share one set of helpers: plain modules of ``tests.support`` imported by name, and
fixtures from the plugins of ``tests.support.plugins`` registered once, each name with one
meaning. These checks keep it so."""

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
MODULES = sorted(TESTS.rglob("*.py"))


def parsed(path):
    return ast.parse(path.read_text(), filename=str(path))


def imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            for alias in node.names:  # from tests.x import test_y
                yield f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def is_fixture(node):
    return isinstance(node, ast.FunctionDef) and any(
        "fixture" in ast.unparse(decorator) for decorator in node.decorator_list)


def test_the_root_conftest_is_the_only_one():
    assert [path.relative_to(TESTS) for path in TESTS.rglob("conftest.py")] == [
        Path("conftest.py")]


def test_no_module_imports_a_conftest_or_a_test_module():
    wrong = {}
    for path in MODULES:
        names = [name for name in imported_modules(parsed(path)) if name.startswith("tests.")
                 and name.rsplit(".", 1)[-1].startswith(("conftest", "test_"))]
        if names:
            wrong[str(path.relative_to(TESTS))] = names
    assert wrong == {}


def test_each_fixture_name_is_defined_once():
    places = {}
    for path in MODULES:
        for node in ast.walk(parsed(path)):
            if is_fixture(node):
                places.setdefault(node.name, []).append(str(path.relative_to(TESTS)))
    assert {name: where for name, where in places.items() if len(where) > 1} == {}


@pytest.mark.parametrize(("what", "home"), [
    ("HTTPServer", "support/http_server.py"),      # one local HTTP server
    ("def wait_until", "support/waiting.py"),       # one wait
    ("def image_bytes", "support/images.py"),       # one image factory
])
def test_one_helper_of_each_kind(what, home):
    assert [str(path.relative_to(TESTS)) for path in MODULES
            if path != Path(__file__) and what in path.read_text()] == [home]
