"""core.selectors.cached_by_generation on a cache shared by the app-server's workers
(settings.CACHE_URL): one worker's computation serves the others, and a cache server that
does not answer only means the value is computed."""

import datetime
import socket
import threading

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


@override_settings(SUMMARY_CACHE_SECONDS=600)
def test_requests_missing_the_same_entry_wait_for_the_one_computing_it(monkeypatch):
    from core import selectors

    campaign = f.CampaignFactory()
    computing, waiting, release = threading.Event(), threading.Event(), threading.Event()
    calls, results = [], {}

    def compute():
        calls.append(1)
        computing.set()
        release.wait(5)
        return {"figure": 7}

    def pause():
        waiting.set()  # the second request found the entry being computed
        release.wait(5)

    monkeypatch.setattr(selectors, "pause_before_looking_again", pause)

    def read(who):
        results[who] = cached_by_generation("figures", campaign, DAY, compute, generation="9.9")

    first = threading.Thread(target=read, args=("first",))
    first.start()
    assert computing.wait(5)
    second = threading.Thread(target=read, args=("second",))
    second.start()
    assert waiting.wait(5)
    release.set()
    first.join(5)
    second.join(5)
    assert results == {"first": {"figure": 7}, "second": {"figure": 7}}
    assert len(calls) == 1
    caches["default"].clear()


@override_settings(SUMMARY_CACHE_SECONDS=600)
def test_a_computation_that_fails_leaves_the_entry_to_the_next_request(monkeypatch):
    from core import selectors

    campaign = f.CampaignFactory()

    def waited():
        raise AssertionError("the next request waited for a computation no one is doing")

    monkeypatch.setattr(selectors, "pause_before_looking_again", waited)

    def failing():
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        cached_by_generation("figures", campaign, DAY, failing, generation="8.8")
    compute, calls = counting({"figure": 3})
    # no mark left behind: the next request computes at once instead of waiting for one
    assert cached_by_generation("figures", campaign, DAY, compute, generation="8.8") == {
        "figure": 3
    }
    assert len(calls) == 1
    caches["default"].clear()


@override_settings(SUMMARY_CACHE_SECONDS=600)
def test_a_value_stored_between_two_looks_is_read_not_computed_again(monkeypatch):
    """The other request stores the value and drops its mark between this one's look at the
    value and its look at the mark: the value is read, not computed a second time."""
    from core import selectors

    campaign = f.CampaignFactory()
    key = f"baidays:figures:{campaign.pk}:{DAY.isoformat()}:7.7"
    caches["default"].set(f"{key}:computing", 1, 60)  # another request is computing it
    original_get = caches["default"].get
    looks = []

    def get(name, *args, **kwargs):
        looks.append(name)
        if name == key and looks.count(key) == 2:  # the other request finishes right here
            found = original_get(name, *args, **kwargs)
            caches["default"].set(key, {"figure": 5}, 60)
            caches["default"].delete(f"{key}:computing")
            return found
        return original_get(name, *args, **kwargs)

    monkeypatch.setattr(selectors.cache, "get", get)
    monkeypatch.setattr(selectors, "pause_before_looking_again", lambda: None)
    compute, calls = counting({"figure": 9})
    value = cached_by_generation("figures", campaign, DAY, compute, generation="7.7")
    assert value == {"figure": 5}
    assert calls == []
    caches["default"].clear()
