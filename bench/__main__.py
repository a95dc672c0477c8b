"""`make bench`: runs every benchmark module listed in SUITES, prints each table, and writes them
all to docs/benchmarks.md with the machine and date. A benchmark is a module with
`run() -> str` returning a Markdown section (figures next to their goals)."""

import datetime
import importlib
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUITES = [name for name in os.environ.get("BENCH_SUITES", "").split(",") if name] or [
    # modules under bench/, run in this order
    "import_annex",
    "dashboards",
    "province",
    "http",
]


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


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baidays.settings")
    sections, durations = [], []
    started = time.perf_counter()
    for name in SUITES:
        module = importlib.import_module(f"bench.{name}")
        suite_started = time.perf_counter()
        section = module.run()
        durations.append(f"{name} {time.perf_counter() - suite_started:.0f} s")
        print(section, flush=True)
        sections.append(section)
    header = (
        "# Benchmarks\n\n"
        f"Measured by `make bench` on {datetime.datetime.now():%Y-%m-%d %H:%M}"
        f" — {machine_line()}. The run took {(time.perf_counter() - started) / 60:.1f} min"
        f" ({', '.join(durations)}; each suite's time includes the databases it built first)."
        "\n"
    )
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "benchmarks.md").write_text(header + "\n" + "\n\n".join(sections) + "\n")


if __name__ == "__main__":
    main()
