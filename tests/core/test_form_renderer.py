"""core.form_renderer draws the <input> family and <textarea> exactly as Django's widget
templates do — escaping, safe markup, boolean attributes and all — and leaves every other
template, and any template an app overrides, to the template engine."""

from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from hypothesis import given
from hypothesis import strategies as st

from core.form_renderer import DJANGO_WIDGETS, DRAWN, PortalFormRenderer

TEMPLATES = sorted(DRAWN)
# text with the characters escaping is about, and the empty text
texts = st.text(alphabet=st.sampled_from("ab<>&\"' 中文=\n"), max_size=8)
values = st.one_of(
    st.none(),
    texts,
    texts.map(mark_safe),
    st.integers(-5, 500),
    st.decimals(places=2, allow_nan=False, allow_infinity=False, min_value=-10, max_value=10),
    st.booleans(),
)
attrs = st.dictionaries(
    st.sampled_from(["class", "id", "step", "min", "required", "disabled", "data-x", "a<b"]),
    st.one_of(st.booleans(), texts, texts.map(mark_safe), st.integers(0, 300)),
    max_size=5,
)

djangos = DjangoTemplates()
portals = PortalFormRenderer()


@given(
    template=st.sampled_from(TEMPLATES),
    name=texts,
    kind=st.sampled_from(["text", "number", "hidden", "date", "checkbox"]),
    value=values,
    widget_attrs=attrs,
)
def test_each_drawn_widget_is_the_markup_of_djangos_template(
    template, name, kind, value, widget_attrs
):
    context = {"widget": {"name": name, "type": kind, "value": value, "attrs": widget_attrs}}
    assert portals.render(template, context) == djangos.render(template, context)


@pytest.mark.parametrize(
    "widget",
    [
        forms.TextInput(attrs={"class": "textinput form-control", "maxlength": 50}),
        forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        forms.HiddenInput(),
        forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        forms.Textarea(attrs={"rows": 2}),
        forms.CheckboxInput(),
        forms.PasswordInput(render_value=True),
    ],
    ids=lambda widget: type(widget).__name__,
)
@pytest.mark.parametrize(
    "value", ["", None, "路基<b>完工</b>", Decimal("12.50"), "2026-12-07", True, 0]
)
def test_a_real_widget_renders_the_same_through_either_renderer(widget, value):
    arguments = {"name": "form-0-x", "value": value, "attrs": {"id": "id_form-0-x"}}
    assert widget.render(renderer=portals, **arguments) == widget.render(
        renderer=djangos, **arguments
    )


def test_other_templates_go_through_the_template_engine():
    select = forms.Select(choices=[("a", "甲<"), ("b", "乙")])
    arguments = {"name": "unit", "value": "b", "attrs": {"id": "id_unit"}}
    html = select.render(renderer=portals, **arguments)
    assert html == select.render(renderer=djangos, **arguments)
    assert '<option value="b" selected>乙</option>' in html


def test_a_template_an_app_overrides_is_used_as_it_is(tmp_path):
    overridden = tmp_path / "django" / "forms" / "widgets"
    overridden.mkdir(parents=True)
    (overridden / "input.html").write_text('<input data-app="mine" name="{{ widget.name }}">')

    class WithAnOverride(PortalFormRenderer):
        @cached_property
        def engine(self):
            return self.backend(
                {"APP_DIRS": True, "DIRS": [tmp_path, DJANGO_WIDGETS], "NAME": "t", "OPTIONS": {}}
            )

    html = forms.TextInput().render("q", "x", renderer=WithAnOverride())
    assert html == '<input data-app="mine" name="q">'


def test_the_portal_draws_its_forms_with_this_renderer():
    assert isinstance(get_default_renderer(), PortalFormRenderer)
