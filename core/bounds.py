"""The bounds every number and text of the portal carries, the same on SQLite and PostgreSQL.

SQLite stores any integer in any integer column and any length of text; PostgreSQL refuses an
integer beyond its column ("integer out of range") and Django's range check follows each
database's own limit. So the bound is the portal's, stated on the model field (which the admin
and every ModelForm inherit, with the bound in the field's help text or its maxlength), checked
by full_clean() in every service, and used by the annex import's cell parsers."""

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator

SEQ_MAX = 20000  # 序号 of an annex row (a province-size annex), a 议定事项, a 规划节点, an 电力项目
COUNT_MAX = 9999  # counts typed by a person: 意向项目, 开工目标…
ORDER_MAX = 9999  # sort orders
WEEK_MAX = 520  # report weeks: ten years of weeks, far beyond any campaign
WINDOW_DAYS_MAX = 3650  # a campaign's date window: at most ten years either side
# plan dates (计划开工 / 计划竣工) describe a project's whole life: a key project started years
# before the 100 days or finishing years after them is real, 9999-12-31 is not
PLANNED_REACH_DAYS = 5 * 365 + 1  # five years either side of the campaign
TEXT_MAX = 2000  # a long text typed in a form: 存在问题, 解决情况, 完成情况…
MINUTES_MAX = 20000  # 会议纪要, pasted from the minutes document


def seq_bounds():
    """Validators and help text of a 序号 field: 1 to SEQ_MAX."""
    return {
        "validators": [MinValueValidator(1), MaxValueValidator(SEQ_MAX)],
        "help_text": f"1 至 {SEQ_MAX}",
    }


def count_bounds(maximum=COUNT_MAX):
    return {"validators": [MaxValueValidator(maximum)], "help_text": f"0 至 {maximum}"}


def text_bounds(max_length=TEXT_MAX):
    """A TextField's max_length (Django gives its form field maxlength and a length check) and
    the validator that holds it at the model, where Django does not."""
    return {"max_length": max_length, "validators": [MaxLengthValidator(max_length)]}
