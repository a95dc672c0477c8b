import pytest


@pytest.fixture(autouse=True)
def local_receivers_allowed(settings):
    """The tests' robots and mail servers listen on 127.0.0.1, which channels may use only
    when NOTIFY_ALLOWED_HOSTS lists it."""
    settings.NOTIFY_ALLOWED_HOSTS = ["127.0.0.1"]
