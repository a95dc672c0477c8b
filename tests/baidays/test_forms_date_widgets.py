"""Every date widget round-trips: each form class of the project (found by importing every
forms module of its packages, never from a hand list) is rendered bound to an instance, or to
initial data, holding a date in each of its date fields; each must render as
`<input type="date">` whose value is YYYY-MM-DD, the only form a browser's date input reads
(a `2026/12/25` comes back empty and the form then asks for a date it was given)."""

import datetime
import importlib
import inspect
import pkgutil
import re
import tomllib
from pathlib import Path

import pytest
from django import forms
from django.conf import settings

# the project's packages as the layer contracts name them, so a new app is walked too
ROOTS = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text("utf-8"))["tool"][
    "importlinter"
]["root_packages"]
DAY = datetime.date(2026, 12, 25)
INPUT = re.compile(r"<input\b[^>]*>")


def _forms_modules():
    for root in ROOTS:
        package = importlib.import_module(root)
        for info in pkgutil.walk_packages(package.__path__, f"{root}."):
            leaf = info.name.rsplit(".", 1)[-1]
            if leaf == "forms" or leaf.endswith("_forms"):
                yield importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def project_form_classes():
    modules = {module.__name__ for module in _forms_modules()}
    return sorted(
        {
            cls
            for cls in _subclasses(forms.BaseForm)
            if cls.__module__ in modules and not inspect.isabstract(cls)
        },
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def _date_fields(form_class):
    return [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField)
    ]


def _required_keywords(form_class):
    """A form's own required keyword-only arguments (choices it narrows), given as None: the
    date fields do not depend on them."""
    parameters = inspect.signature(form_class.__init__).parameters.values()
    return {
        p.name: None
        for p in parameters
        if p.kind is p.KEYWORD_ONLY and p.default is inspect.Parameter.empty
    }


def _bound_to_a_date(form_class, names):
    kwargs = {"initial": dict.fromkeys(names, DAY), **_required_keywords(form_class)}
    meta = getattr(form_class, "_meta", None)
    if meta is not None and getattr(meta, "model", None) is not None:
        instance = meta.model()
        for name in names:
            if name in (meta.fields or []):
                setattr(instance, name, DAY)
        kwargs["initial"] = {n: DAY for n in names if n not in (meta.fields or [])}
        kwargs["instance"] = instance
    return form_class(**kwargs)


FORMS_WITH_DATES = [cls for cls in project_form_classes() if _date_fields(cls)]


def test_the_discovery_finds_the_forms_people_enter_dates_in():
    names = {cls.__name__ for cls in FORMS_WITH_DATES}
    assert {"AnswerForm", "ProblemProgressForm", "MarkDoneForm", "PhotoForm"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(
    "form_class", FORMS_WITH_DATES, ids=lambda cls: f"{cls.__module__}.{cls.__name__}"
)
def test_every_date_input_carries_yyyy_mm_dd(form_class):
    names = _date_fields(form_class)
    form = _bound_to_a_date(form_class, names)
    for name in names:
        if name not in form.fields:  # a form may drop a field for its instance
            continue
        html = str(form[name])
        # a field with a callable default also renders its hidden initial value
        tags = [tag for tag in INPUT.findall(html) if 'type="hidden"' not in tag]
        assert tags, f"{form_class.__name__}.{name} renders no input"
        assert all('type="date"' in tag for tag in tags), f"{form_class.__name__}.{name}: {html}"
        assert all('value="2026-12-25"' in tag for tag in tags), (
            f"{form_class.__name__}.{name}: {html}"
        )
