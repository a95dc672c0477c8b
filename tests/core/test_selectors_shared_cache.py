"""core.selectors.cached_by_generation on a cache shared by the app-server's workers
(settings.CACHE_URL): one worker's computation serves the others, and a cache server that
does not answer only means the value is computed."""

import datetime
import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

from core.selectors import cached_by_generation
from tests import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 1)


def redis_cache(url):
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def redis_answers():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value

    return compute, calls


@override_settings(SUMMARY_CACHE_SECONDS=600, CACHES=redis_cache("redis://127.0.0.1:1/0"))
def test_a_cache_server_that_does_not_answer_means_the_value_is_computed(caplog):
    campaign = f.CampaignFactory()
    compute, calls = counting({"figure": 7})
    assert cached_by_generation("figures", campaign, DAY, compute) == {"figure": 7}
    assert cached_by_generation("figures", campaign, DAY, compute) == {"figure": 7}
    assert len(calls) == 2
    assert "缓存服务器无应答" in caplog.text


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
@pytest.mark.django_db(transaction=True)  # PostgreSQL raises the generation at commit
@override_settings(SUMMARY_CACHE_SECONDS=600, CACHES=redis_cache("redis://127.0.0.1:6379/15"))
def test_a_value_computed_once_is_read_from_the_shared_cache_until_the_next_write():
    campaign = f.CampaignFactory(slug="shared-cache-test")
    caches["default"].clear()
    compute, calls = counting({"figure": 7})
    assert cached_by_generation("figures", campaign, DAY, compute) == {"figure": 7}
    assert cached_by_generation("figures", campaign, DAY, compute) == {"figure": 7}
    assert len(calls) == 1
    f.ProjectFactory(campaign=campaign)  # a write in the campaign: a new generation
    assert cached_by_generation("figures", campaign, DAY, compute) == {"figure": 7}
    assert len(calls) == 2
    caches["default"].clear()
