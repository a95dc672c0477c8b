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


def usability_problems(page):
    """What stops a thumb on the current page: a page wider than the screen at any width, and at a
    phone's width the usable_problems.js checks (the 44 px rule is the phone's)."""
    width = page.viewport_size["width"]
    problems = []
    if page.evaluate("document.documentElement.scrollWidth") > width + 1:
        problems.append(f"页面宽于 {width}px，需要横向滚动")
    if width <= PHONE["width"]:
        problems.extend(usable_problems(page))
    return problems


def assert_usable(page):
    problems = usability_problems(page)
    assert not problems, f"{page.url}（{page.viewport_size['width']}px）：" + "；".join(problems)


def layout_problems(page):
    """Sideways scrolling, boxes out of the viewport, cut text (layout_problems.js)."""
    return page.evaluate(LAYOUT_PROBLEMS)
