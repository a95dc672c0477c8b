"""`make bench`: runs every benchmark module listed in SUITES, prints each table, and writes them
all to docs/benchmarks.md with the machine and date. A benchmark is a module with
`run() -> str` returning a Markdown section (figures next to their goals).

`BENCH_SUITES=sql_ratio,friday make bench` runs only those suites and replaces only their
sections of docs/benchmarks.md (each kept between `<!-- suite: name -->` markers, with the
machine and date of its own run), leaving the other suites' figures as they were."""

import datetime
import importlib
import os
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALL_SUITES = [
    # modules under bench/, run in this order
    "import_annex",
    "dashboards",
    "sql_ratio",
    "province",
    "http",
    "friday",
]
CHOSEN = [name for name in os.environ.get("BENCH_SUITES", "").split(",") if name]
SUITES = CHOSEN or ALL_SUITES
BENCHMARKS = ROOT / "docs" / "benchmarks.md"
# what the figures do not say by themselves (where the time went before a change, what a
# goal cannot reach): written by hand, put after the date line by every full run
PREFACE = ROOT / "bench" / "preface.md"


def machine_line():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{platform.node()} · {cpu} · {os.cpu_count()} cores · Python {platform.python_version()}"
    )


def preface_text():
    return PREFACE.read_text().strip() + "\n\n" if PREFACE.exists() else ""


def marked(name, section):
    return f"<!-- suite: {name} -->\n{section}\n<!-- /suite: {name} -->"


def update_sections(text, sections):
    """`text` with each suite's marked section replaced by its new one (appended when new)."""
    for name, section in sections.items():
        block = re.compile(rf"<!-- suite: {name} -->.*?<!-- /suite: {name} -->", re.DOTALL)
        new = marked(name, section)
        text = (
            block.sub(lambda _match, new=new: new, text)
            if block.search(text)
            else (f"{text.rstrip()}\n\n{new}\n")
        )
    return text


def with_preface(text, preface):
    """`text` with the hand-written part between the date line and the first suite replaced
    by `preface`: a partial run's figures and the words about them stay together."""
    head, marker, sections = text.partition("<!-- suite: ")
    if not marker:
        return text
    first_paragraphs = head.split("\n\n")
    kept = "\n\n".join(first_paragraphs[:2])  # the title and the date line of the full run
    return f"{kept}\n\n{preface}{marker}{sections}"


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baidays.settings")
    sections, durations = {}, []
    started = time.perf_counter()
    for name in SUITES:
        module = importlib.import_module(f"bench.{name}")
        suite_started = time.perf_counter()
        section = module.run()
        durations.append(f"{name} {time.perf_counter() - suite_started:.0f} s")
        print(section, flush=True)
        sections[name] = section
    when = (
        f"{datetime.datetime.now():%Y-%m-%d %H:%M} — {machine_line()}. The run took "
        f"{(time.perf_counter() - started) / 60:.1f} min ({', '.join(durations)}; each suite's "
        "time includes the databases it built first)."
    )
    BENCHMARKS.parent.mkdir(exist_ok=True)
    if CHOSEN and BENCHMARKS.exists():
        stamped = {
            name: f"{section}\n\n*Measured by `BENCH_SUITES={','.join(CHOSEN)} make bench` "
            f"on {when}*"
            for name, section in sections.items()
        }
        text = update_sections(BENCHMARKS.read_text(), stamped)
        BENCHMARKS.write_text(with_preface(text, preface_text()))
        return
    body = "\n\n".join(marked(name, section) for name, section in sections.items())
    preface = preface_text()
    BENCHMARKS.write_text(
        f"# Benchmarks\n\nMeasured by `make bench` on {when}\n\n{preface}{body}\n"
    )


if __name__ == "__main__":
    main()
