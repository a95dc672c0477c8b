"""Factories of the closing app's models that tests build directly (tests/factories.py holds
the rest)."""

import datetime

import factory

from tests.factories import CampaignFactory, DepartmentFactory


class FollowUpFactory(factory.django.DjangoModelFactory):
    """A 回头看 follow-up of a problem, found on `found_on` and due a week later."""

    class Meta:
        model = "closing.FollowUp"

    campaign = factory.SubFactory(CampaignFactory)
    kind = "problem"
    source_key = factory.Sequence(lambda n: f"problem:{n + 1}")
    finding = factory.Sequence(lambda n: f"问题未解决：第 {n + 1} 项")
    responsible_department = factory.SubFactory(DepartmentFactory)
    measure = "明确专人跟踪，协调相关部门限期解决，并向企业反馈"
    found_on = datetime.date(2026, 8, 3)
    due_date = factory.LazyAttribute(lambda o: o.found_on + datetime.timedelta(days=7))
