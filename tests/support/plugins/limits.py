"""Rate limits set low for one test."""

import uuid

import pytest


@pytest.fixture
def rate_limits(settings):
    """``rate_limits(TOKEN="2/min", ...)``: sets ``THROTTLE_RATE_<NAME>`` for this test, with
    counters of its own (a fresh key prefix: the cache, Redis's database the broker shares,
    is never flushed), and every other limit off."""

    def set_rates(**rates):
        settings.THROTTLE_KEY_PREFIX = f"throttle-test-{uuid.uuid4().hex}"
        for name in ("TOKEN", "ANONYMOUS", "OAUTH_TOKEN", "LOGIN"):
            setattr(settings, f"THROTTLE_RATE_{name}", rates.pop(name, "off"))
        if rates:
            raise TypeError(f"no such rate: {', '.join(rates)}")

    return set_rates
