"""Checks of a page as a person uses it on a phone, shared by the browser tests."""

from pathlib import Path

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1440, "height": 900}


def _script(name):
    return "\n".join(
        line
        for line in Path(__file__).with_name(name).read_text("utf-8").splitlines()
        if not line.startswith("//")
    )


USABLE_PROBLEMS = _script("usable_problems.js")
LAYOUT_PROBLEMS = _script("layout_problems.js")


def usable_problems(page):
    """What keeps a finger from using the page open in `page` (usable_problems.js)."""
    return page.evaluate(USABLE_PROBLEMS)


def layout_problems(page):
    """Sideways scrolling, boxes out of the viewport, cut text (layout_problems.js)."""
    return page.evaluate(LAYOUT_PROBLEMS)
