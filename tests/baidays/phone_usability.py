"""The check every browser scenario makes at a phone's width: a person can use the page with a
thumb (tests/baidays/phone_usability.js), not only see it without sideways scrolling."""

from pathlib import Path

PHONE = 375
CHECK = "\n".join(
    line
    for line in Path(__file__).with_name("phone_usability.js").read_text("utf-8").splitlines()
    if not line.startswith("//")
)


def usability_problems(page):
    """What stops a thumb on the current page: controls outside the viewport or under 44 px,
    table cells narrower than four Chinese characters, a page wider than the screen. Nothing
    at a desktop's width (the 44 px rule is the phone's)."""
    width = page.viewport_size["width"]
    problems = []
    if page.evaluate("document.documentElement.scrollWidth") > width + 1:
        problems.append(f"页面宽于 {width}px，需要横向滚动")
    if width <= PHONE:
        problems.extend(page.evaluate(CHECK))
    return problems


def assert_usable(page):
    problems = usability_problems(page)
    assert not problems, f"{page.url}（{page.viewport_size['width']}px）：" + "；".join(problems)
