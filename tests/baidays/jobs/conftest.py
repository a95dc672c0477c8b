"""The jobs deliver through the notify channels, whose tests' receivers listen on 127.0.0.1."""

from tests.baidays.notify.conftest import local_receivers_allowed  # noqa: F401
