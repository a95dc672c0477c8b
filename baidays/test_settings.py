"""Settings for the test suite (pyproject: DJANGO_SETTINGS_MODULE): the portal's own settings,
with what tests need changed. Subprocesses that check production behaviour run manage.py
with baidays.settings instead."""

from baidays.settings import *  # noqa: F403

# plain static files: tests render pages without running collectstatic first
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# rolled-back tests reuse data generations, so a cached summary could outlive its data
SUMMARY_CACHE_SECONDS = 0
# the test client and the live server speak plain HTTP
SECURE_SSL_REDIRECT = False
# hashing the fixtures' passwords with PBKDF2 costs ~0.3 s per user; tests need no strength
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# the lifecycle's gates would stop the fixtures' clients (force_login, a clock moved by
# time_machine); tests of those gates turn them on
OTP_REQUIRED_ROLES = []
PASSWORD_EXPIRY_DAYS = 0
LOGIN_ENDS_OTHER_SESSIONS = False
ACCOUNT_INACTIVE_DAYS = 0
