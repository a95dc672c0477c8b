"""The Friday afternoon (bench/friday.py), for locust: leaders moving between the overview,
lagging, league, departments and the big screen; 填报员 each opening their unit's weekly batch
form and saving BATCH_ROWS rows of it with new figures; one monitor asking /healthz with no
think time, for scale. Sessions come from bench.friday_prepare (FRIDAY_SESSIONS, a JSON file);
every accepted save's last figure per project is written to FRIDAY_SAVED at the end, for
bench.friday_verify to find in the database."""

import itertools
import json
import os
import re
from html.parser import HTMLParser

from locust import HttpUser, between, constant, events, task

SESSIONS = json.loads(open(os.environ["FRIDAY_SESSIONS"]).read())  # noqa: SIM115 — read once
LEADER_PAGES = [
    "/",
    "/dashboards/lagging/",
    "/dashboards/league/",
    "/dashboards/departments/",
    "/dashboards/screen/",
]
BATCH_ROWS = 30
ROW_FIELD = re.compile(r"form-(\d+)-(item|version|percent_complete)$")
ERRORS = re.compile(r'id="error_\d+_id_form-[^"]*">\s*<strong>(.*?)</strong>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")
LAST_SAVED = {}  # project pk -> the figure of its last accepted save
_leader_sessions = itertools.cycle(SESSIONS["leaders"])
_staff_sessions = iter(SESSIONS["staff"])
_figures = itertools.count(1)


class FormFields(HTMLParser):
    """The batch form's inputs by name: its CSRF token, and each row's item and version."""

    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            self.values[attrs["name"]] = attrs.get("value") or ""


def batch_rows(html):
    parser = FormFields()
    parser.feed(html)
    rows = {}
    for name, value in parser.values.items():
        match = ROW_FIELD.match(name)
        if match:
            rows.setdefault(int(match[1]), {})[match[2]] = value
    complete = [row for _, row in sorted(rows.items()) if {"item", "version"} <= row.keys()]
    return parser.values.get("csrfmiddlewaretoken", ""), complete[:BATCH_ROWS]


def refusal(html):
    """The first error message of a refused form, for the failures table."""
    found = ERRORS.search(html or "")
    return TAG.sub(" ", found[1]).strip()[:120] if found else ""


class Leader(HttpUser):
    fixed_count = 40
    wait_time = between(1, 3)

    def on_start(self):
        self.client.cookies.set(SESSIONS["cookie"], next(_leader_sessions))
        self.pages = itertools.cycle(LEADER_PAGES)

    @task
    def next_page(self):
        self.client.get(next(self.pages))


class Staff(HttpUser):
    fixed_count = 10
    wait_time = between(1, 3)

    def on_start(self):
        self.client.cookies.set(SESSIONS["cookie"], next(_staff_sessions))
        self.form_url = f"/report/week/?week={SESSIONS['week']}"

    @task
    def save_batch(self):
        form = self.client.get(self.form_url, name="weekly form")
        token, rows = batch_rows(form.text)
        if not rows:
            form.failure("the weekly batch form has no rows")
            return
        figure = f"{1 + next(_figures) % 9000 / 100:.2f}"
        data = {
            "csrfmiddlewaretoken": token,
            "week": str(SESSIONS["week"]),
            "form-TOTAL_FORMS": str(len(rows)),
            "form-INITIAL_FORMS": str(len(rows)),
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "confirm_over_plan": "on",
        }
        for index, row in enumerate(rows):
            data |= {
                f"form-{index}-item": row["item"],
                f"form-{index}-version": row["version"],
                f"form-{index}-week_investment_wan": figure,
                # the figure it already has: a save that only adds this week's investment
                f"form-{index}-percent_complete": row.get("percent_complete") or "0",
                f"form-{index}-progress_text": "周五下午基准测试",
                f"form-{index}-problems": "",
                f"form-{index}-next_steps": "",
                # the reason a figure may stand below an earlier week's
                f"form-{index}-note": "周五下午基准测试",
            }
        with self.client.post(
            self.form_url,
            data,
            name="weekly save",
            allow_redirects=False,
            headers={"Referer": self.host + self.form_url},
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"save refused: {response.status_code} {refusal(response.text)}")
                return
            for row in rows:
                LAST_SAVED[row["item"]] = figure


class Monitor(HttpUser):
    fixed_count = 1
    wait_time = constant(0)

    def on_start(self):
        self.client.cookies.set(SESSIONS["cookie"], next(_leader_sessions))

    @task
    def health(self):
        self.client.get("/healthz")


@events.quitting.add_listener
def write_saved(environment, **kwargs):
    with open(os.environ["FRIDAY_SAVED"], "w") as handle:
        json.dump({"week": SESSIONS["week"], "saved": LAST_SAVED}, handle)
