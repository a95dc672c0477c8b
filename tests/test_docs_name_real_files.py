"""The map tells the truth: every `.py` file that README.md, docs/*.md or the project's source
(docstrings and comments) names exists. A bare file name is looked up beside the file that names
it, then anywhere in the tree; a path with a folder from the repository root (or beside the file
that names it)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = [
    "baidays",
    "core",
    "enterprises",
    "projects",
    "topics",
    "plans",
    "supervision",
    "tests",
    "bench",
]
PY_NAME = re.compile(r"(?<![\w./%-])((?:[\w-]+/)*[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.py)\b")
SKIPPED_PARTS = {"migrations", "__pycache__"}


def documents():
    yield ROOT / "README.md"
    yield from sorted((ROOT / "docs").glob("*.md"))
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            # this file names a missing file on purpose, to show the check finds one
            own = path == Path(__file__).resolve()
            if not own and not SKIPPED_PARTS & set(path.relative_to(ROOT).parts):
                yield path


def every_py_name():
    return (
        {path.name for folder in SOURCE_DIRS for path in (ROOT / folder).rglob("*.py")}
        | {path.name for path in ROOT.glob("*.py")}
        | {path.name for path in (ROOT / "docs").rglob("*.py")}
    )


def named_files(path):
    return set(PY_NAME.findall(path.read_text(encoding="utf-8")))


def exists(name, document, known_names):
    if "/" not in name:
        return (document.parent / name).exists() or name in known_names
    return (ROOT / name).exists() or (document.parent / name).exists()


def missing_names():
    known_names = every_py_name()
    missing = []
    for document in documents():
        for name in sorted(named_files(document)):
            if not exists(name, document, known_names):
                missing.append(f"{document.relative_to(ROOT)}: {name}")
    return missing


def test_every_py_file_the_docs_and_docstrings_name_exists():
    assert missing_names() == []


def test_a_name_of_a_file_that_does_not_exist_is_found(tmp_path):
    document = tmp_path / "note.md"
    document.write_text("见 core/no_such_module.py 与 core/access.py", encoding="utf-8")
    names = named_files(document)
    assert names == {"core/no_such_module.py", "core/access.py"}
    known = every_py_name()
    assert not exists("core/no_such_module.py", document, known)
    assert exists("core/access.py", document, known)
