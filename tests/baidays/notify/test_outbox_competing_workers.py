"""Two workers deliver the same outbox at the same moment on PostgreSQL: rows are claimed with
SELECT … FOR UPDATE SKIP LOCKED, so each message reaches the robot exactly once (issue 13,
item 8). SQLite has one writer at a time and no row locks; the test needs PostgreSQL."""

import datetime
import json
import threading
from collections import Counter

import pytest
import time_machine
from django.db import connection, connections
from django.utils import timezone

from baidays.notify.models import Channel, ChannelKind, OutboxEntry, OutboxStatus
from baidays.notify.outbox import deliver_pending, queue
from tests.baidays.notify.peers import RecordingRobot
from tests.factories import DepartmentFactory

NOON = timezone.make_aware(datetime.datetime(2026, 5, 14, 12, 0))
MESSAGES = 40

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


@time_machine.travel(NOON, tick=False)
def test_two_workers_deliver_each_message_exactly_once(settings):
    settings.NOTIFY_QUIET_HOURS = (datetime.time(0), datetime.time(0))
    with RecordingRobot(delay=0.02) as robot:
        channel = Channel.objects.create(
            department=DepartmentFactory(name="园区建设科"),
            kind=ChannelKind.WECOM,
            target=robot.url,
        )
        for number in range(MESSAGES):
            queue(channel=channel, key=f"k{number}", subject=f"催报{number:02d}", body="内容")
        start = threading.Barrier(2)
        results, errors = {}, []

        def worker(name):
            try:
                start.wait()
                results[name] = deliver_pending(NOON)
            except Exception as exc:  # noqa: BLE001 - reported by the assertion below
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker, args=(name,)) for name in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    subjects = Counter(
        json.dumps(request["json"], ensure_ascii=False).split("催报")[1][:2]
        for request in robot.requests
    )
    assert subjects == Counter(f"{number:02d}" for number in range(MESSAGES))  # once each
    assert results["a"][0] + results["b"][0] == MESSAGES
    assert results["a"][0] > 0 and results["b"][0] > 0  # both workers really competed
    assert set(OutboxEntry.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    assert all(entry.attempts == 1 for entry in OutboxEntry.objects.all())
