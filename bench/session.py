"""Runs inside a bench database's environment: logs the demo leader in and prints the session
cookie's name and value, for the HTTP load generator."""

import os

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baidays.settings")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(
        get_user_model().objects.get(username="leader"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    cookie = settings.SESSION_COOKIE_NAME
    print(f"{cookie}={client.cookies[cookie].value}")


if __name__ == "__main__":
    main()
