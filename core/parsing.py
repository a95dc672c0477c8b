"""The one way the portal reads an id, a week or a count from a request: ASCII digits only
(no sign, no spaces, no superscripts or other Unicode digits that `str.isdigit()` accepts and
`int()` refuses), within the range every supported database stores. Anything else is a
`MalformedNumber`, which Django answers with the Chinese 400 page, never a 500."""

import re

from django.core.exceptions import BadRequest

# The smaller of the integer ranges the models use on SQLite and PostgreSQL: `integer` (ids of
# BigAutoField reach 2**63-1, but nothing the portal counts comes near 2**31).
MAX_DB_INTEGER = 2**31 - 1
ASCII_DIGITS = re.compile(r"[0-9]{1,10}")


class MalformedNumber(BadRequest):
    """A number in a request that is not a plain non-negative integer of the database's range."""


def parse_int(raw, *, label="编号", maximum=MAX_DB_INTEGER):
    """`raw` (a str from GET/POST/a URL) → int in 0..maximum, or MalformedNumber naming `label`."""
    text = raw if isinstance(raw, str) else ""
    if not ASCII_DIGITS.fullmatch(text) or int(text) > maximum:
        raise MalformedNumber(f"{label}“{str(raw)[:20]}”无效，应为不超过 {maximum} 的整数")
    return int(text)


def parse_optional_int(raw, *, label="编号", maximum=MAX_DB_INTEGER, default=None):
    """As parse_int, but an absent or empty value gives `default`."""
    if raw in (None, ""):
        return default
    return parse_int(raw, label=label, maximum=maximum)
