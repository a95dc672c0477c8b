"""The campaign core learns about the apps above it through registration (core.registry), never
by name: no string in core's source (docstrings aside) is an upper app's label, a model label
of it ("projects.Project"), a URL of its namespace ("projects:detail") or one of its model
names. import-linter keeps the imports one way; this keeps the strings."""

import ast
from pathlib import Path

import pytest
from django.apps import apps

CORE = Path(__file__).resolve().parents[2] / "core"
CORE_LABEL = apps.get_app_config("baidays").label
PROJECT_APPS = ("projects", "enterprises", "topics", "plans", "supervision")


def upper_apps():
    return [
        config
        for config in apps.get_app_configs()
        if config.label != CORE_LABEL
        # an app nested in another (supervision.schedules) belongs to the same project
        and (config.name.split(".")[0] in PROJECT_APPS or config.name.startswith("baidays."))
    ]


def forbidden_words():
    words = set()
    for config in upper_apps():
        words.add(config.label)
        # class names; lower-case model names are common words ("plan", "project")
        words |= {model.__name__ for model in config.get_models()}
    return words


def names_upper_app(text, words, labels):
    if text in words:
        return True
    return any(text.startswith((f"{label}.", f"{label}:")) for label in labels)


def strings_of(source):
    """The string constants of a module, its docstrings left out."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def offending_strings(source):
    words = forbidden_words()
    labels = {config.label for config in upper_apps()}
    return [text for text in strings_of(source) if names_upper_app(text, words, labels)]


def core_modules():
    return [
        path
        for path in sorted(CORE.rglob("*.py"))
        if "migrations" not in path.parts and "__pycache__" not in path.parts
    ]


@pytest.mark.parametrize("path", core_modules(), ids=lambda path: str(path.relative_to(CORE)))
def test_core_names_no_upper_app_or_model(path):
    assert offending_strings(path.read_text(encoding="utf-8")) == []


def test_a_core_module_naming_an_upper_model_is_caught():
    source = (
        'OWNERS = {"projects.ProjectPhoto": "x", "y": "supervision"}\nURL = "projects:detail"\n'
    )
    assert sorted(offending_strings(source)) == [
        "projects.ProjectPhoto",
        "projects:detail",
        "supervision",
    ]
