"""Runs inside a bench database's environment after the Friday-afternoon load: every save the
server accepted (FRIDAY_SAVED, written by bench/locustfile.py) must be in the database with the
last figure sent for each item. Prints JSON {"saved_items": n, "wrong": [...]}."""

import json
import os
import sys
from decimal import Decimal

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baidays.settings")
    django.setup()
    from core.registry import TRACKED_KINDS

    saved = json.loads(open(sys.argv[1]).read())  # noqa: SIM115 — read once
    wrong = []
    for key, figure in saved["saved"].items():
        kind_key, pk = key.rsplit("-", 1)
        kind = TRACKED_KINDS[kind_key]
        report = kind.report_model.objects.filter(
            **{f"{kind.item_field}_id": int(pk), "report_week": saved["week"]}
        ).first()
        found = None if report is None else report.week_investment_wan
        if found != Decimal(figure):
            wrong.append({"item": key, "sent": figure, "found": str(found)})
    print(json.dumps({"saved_items": len(saved["saved"]), "wrong": wrong}))


if __name__ == "__main__":
    main()
