"""Text from users made safe for what the portal sends. Every outgoing text is built from these
parts: `one_line` for user text inside a line (no CR/LF, no control or bidi characters, so it
can neither start a mail header nor a markdown line of its own), `bounded` for error texts
stored in the database (printable, capped), and `robot_markdown` for the robots' markdown, in
which user text is escaped so that it can never form a link, an image, a heading or emphasis;
the only links are the portal's own (PORTAL_URL + a path)."""

import re
import unicodedata

from django.conf import settings

ERROR_MAX = 500
# characters that make markdown (links, images, headings, emphasis, code, quotes, tables,
# html) replaced by their full-width forms: the text still reads the same in Chinese
MARKDOWN_LOOKALIKES = str.maketrans(
    {
        "[": "［",
        "]": "］",
        "(": "（",
        ")": "）",
        "!": "！",
        "#": "＃",
        "*": "＊",
        "_": "＿",
        "`": "｀",
        "<": "＜",
        ">": "＞",
        "|": "｜",
        "~": "～",
        "\\": "＼",
        "=": "＝",
        "{": "｛",
        "}": "｝",
    }
)
# a path of the portal: what `reverse` makes, with its query string
PATH_CHARS = r"[A-Za-z0-9/_\-.?=&%;]*"


def _flat_char(char):
    category = unicodedata.category(char)
    if category in ("Cc", "Zl", "Zp"):
        return " "
    if category == "Cf":  # bidi overrides, zero-width characters
        return ""
    return char


def one_line(value):
    """`value` as one line of printable text: line breaks, tabs and control characters become
    spaces, invisible formatting characters go, runs of spaces shrink to one."""
    text = "".join(_flat_char(char) for char in str(value))
    return re.sub(r" {2,}", " ", text).strip()


def bounded(value, limit=ERROR_MAX):
    """An error text as stored and shown in the admin: one printable line of at most `limit`
    characters (a NUL byte in a peer's answer cannot reach the database)."""
    text = one_line(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def printable_body(value):
    """A message body for mail: its lines kept, every other control character removed."""
    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(one_line(line) for line in lines)


def _escape(text):
    # "://" broken with a full-width colon, so that a robot does not make a link of it either
    return text.translate(MARKDOWN_LOOKALIKES).replace("://", "：//")


# a path of the portal standing alone (after the start, a space or a full-width colon), not
# "//host" or "/\host"
OWN_PATH = re.compile(r"(?:(?<=^)|(?<=[\s：]))/(?![/\\])" + PATH_CHARS)


def portal_link_pattern():
    """The portal's own links in a text: PORTAL_URL followed by a path (None when unset)."""
    if not settings.PORTAL_URL:
        return None
    return re.compile(re.escape(settings.PORTAL_URL) + r"/(?![/\\])" + PATH_CHARS)


def markdown_line(line):
    """One line of a message as robot markdown: the portal's links as links (without
    PORTAL_URL its paths as plain text), the rest escaped."""
    pattern = portal_link_pattern()
    parts, start = [], 0
    for found in (pattern or OWN_PATH).finditer(line):
        parts.append(_escape(line[start : found.start()]))
        parts.append(f"[{found[0]}]({found[0]})" if pattern else found[0].replace("_", "＿"))
        start = found.end()
    parts.append(_escape(line[start:]))
    return "".join(parts)


def robot_markdown(subject, body):
    """The robots' markdown of a message: a heading of the (escaped) subject, then each line of
    the body escaped, its portal links made links."""
    lines = [markdown_line(one_line(line)) for line in printable_body(body).split("\n")]
    return f"### {_escape(one_line(subject))}\n" + "\n".join(lines)
