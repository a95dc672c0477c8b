"""The batch form's light field drawing gives crispy-forms' markup exactly (ids, classes,
errors, help text), so the page, its scripts and its tests read the same HTML as before."""

import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

from baidays.weekly.forms import WeeklyRowFormSet
from baidays.weekly.templatetags.batch_fields import batch_field

FIELDS = ["week_investment_wan", "percent_complete", "progress_text", "problems", "next_steps",
          "note"]  # fmt: skip


def normalized(html):
    html = re.sub(r">\s+", ">", str(html))
    html = re.sub(r"\s+<", "<", html)
    return re.sub(r"\s+", " ", html).strip()


def row(**values):
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-item": "project-1",
        "form-0-version": "0",
    }
    data |= {f"form-0-{name}": value for name, value in values.items()}
    formset = WeeklyRowFormSet(data=data)
    formset.is_valid()
    return formset.forms[0]


@pytest.mark.parametrize(
    "values",
    [
        {"week_investment_wan": "12.50", "percent_complete": "20", "progress_text": "路基"},
        {"week_investment_wan": "-5", "percent_complete": "", "note": "<b>说明</b>"},
        {"week_investment_wan": "abc", "percent_complete": "101", "problems": "停工\n待料"},
    ],
    ids=["clean", "refused", "unreadable"],
)
@pytest.mark.parametrize("name", FIELDS)
def test_each_field_is_drawn_as_crispy_forms_draws_it(values, name):
    form = row(**values)
    assert normalized(batch_field(form[name])) == normalized(as_crispy_field(form[name]))


def test_a_refused_figure_carries_its_message_and_the_invalid_class():
    html = str(
        batch_field(row(week_investment_wan="-5", percent_complete="10")["week_investment_wan"])
    )
    assert 'class="numberinput form-control is-invalid"' in html
    assert '<p id="error_1_id_form-0-week_investment_wan"><strong>' in html
    assert "本周完成投资不能为负数" in html
