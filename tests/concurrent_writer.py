"""One writer process for tests/baidays/test_settings_concurrent_writers.py: waits for the go
signal, then saves weekly reports as fast as it can, each in its own transaction that also bumps
a row every writer shares (read, then write: the pattern that fails with "database is locked"
when SQLite transactions start DEFERRED)."""

import os
import sys
import time
from decimal import Decimal
from pathlib import Path


def main(project_id, shared_id, weeks, ready_file, go_file):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baidays.settings")
    import django

    django.setup()
    from django.db import transaction

    from projects.models import Project, ProjectReport

    Path(ready_file).touch()
    while not Path(go_file).exists():
        time.sleep(0.005)
    for week in range(1, weeks + 1):
        with transaction.atomic():
            shared = Project.objects.get(pk=shared_id)
            shared.version += 1
            shared.save(update_fields=["version"])
            report = ProjectReport(
                project_id=project_id,
                report_week=week,
                week_investment_wan=Decimal("1.25"),
                percent_complete=Decimal(week),
                progress_text=f"第{week}周进度",
            )
            report.full_clean()
            report.save()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5])
