"""Validators of typed text shared by the models of every app."""

import re

from django.core.exceptions import ValidationError

# zero-width spaces and joiners, left-to-right / right-to-left marks (U+200B…U+200F), bidi
# embeddings and overrides (U+202A…U+202E), bidi isolates (U+2066…U+2069) and the byte-order
# mark (U+FEFF): invisible, so "园区\u200b道路" looks like "园区道路" and U+202E turns text around
INVISIBLE_CHARACTERS = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def validate_visible_name(value):
    """Names are refused, not silently stripped, when they hold an invisible or bidi control
    character: the person who typed or pasted it sees which one and where, and a look-alike
    of another name is never stored."""
    found = INVISIBLE_CHARACTERS.search(value or "")
    if found:
        raise ValidationError(
            f"名称中第 {found.start() + 1} 个字符是不可见字符或文字方向控制字符"
            f"（U+{ord(found.group()):04X}），请删除后重新填写（常见于从网页或聊天软件复制的文字）",
            code="invisible_character",
        )


NAME_VALIDATORS = [validate_visible_name]
