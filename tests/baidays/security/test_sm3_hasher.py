"""国密 passwords: PBKDF2-HMAC-SM3, and an older hash upgraded at the next login."""

import hashlib

import pytest
from django.test import Client

from baidays.security.hashers import PBKDF2SM3PasswordHasher

SM3 = "baidays.security.hashers.PBKDF2SM3PasswordHasher"
MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"


def test_sm3_is_the_national_standard_digest():
    # GB/T 32905-2016, appendix A, example 1
    expected = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert hashlib.new("sm3", b"abc").hexdigest() == expected


def test_a_password_hashed_with_sm3_verifies():
    hasher = PBKDF2SM3PasswordHasher()
    encoded = hasher.encode("a-long-passphrase-1", "salt1234salt", iterations=1000)
    assert encoded.startswith("pbkdf2_sm3$1000$")
    assert hasher.verify("a-long-passphrase-1", encoded)
    assert not hasher.verify("another-passphrase", encoded)


@pytest.mark.django_db
def test_an_older_hash_is_upgraded_at_the_next_login(settings, staff_user):
    settings.PASSWORD_HASHERS = [SM3, MD5]
    assert staff_user.password.startswith("md5$")
    client = Client()
    client.post("/accounts/login/", {"username": "staff", "password": "test-password-123"})
    staff_user.refresh_from_db()
    assert staff_user.password.startswith("pbkdf2_sm3$")
    assert client.get("/messages/").status_code == 200
