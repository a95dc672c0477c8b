"""国密: PBKDF2 over HMAC-SM3 (GB/T 32905-2016), selectable with SM3_PASSWORDS=true. SM3 comes
from the OpenSSL that Python is built on (hashlib); an account's older hash is replaced at its
next login, as Django does whenever the preferred hasher changes."""

import functools
import hashlib

from django.contrib.auth.hashers import PBKDF2PasswordHasher


def sm3_available():
    return "sm3" in hashlib.algorithms_available


class PBKDF2SM3PasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sm3"
    # SM3 costs about three SHA-256 rounds in OpenSSL: fewer iterations, the same time
    iterations = 300_000
    digest = functools.partial(hashlib.new, "sm3")
