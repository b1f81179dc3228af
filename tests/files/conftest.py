from tests.files.fixtures import *  # noqa: F401,F403
