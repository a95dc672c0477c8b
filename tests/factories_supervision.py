"""Factories of the supervision app's models (tests/factories.py holds the rest)."""

import datetime

import factory
from django.contrib.contenttypes.models import ContentType

from tests.factories import ProjectFactory


class SupervisionFactory(factory.django.DjangoModelFactory):
    """A 督办单 on a project (its unit's), opened on `opened_on` with the default deadlines."""

    class Meta:
        model = "supervision.Supervision"
        exclude = ["target"]

    target = factory.SubFactory(ProjectFactory)
    campaign = factory.LazyAttribute(lambda o: o.target.campaign)
    cause = "red"
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.target))
    object_id = factory.LazyAttribute(lambda o: o.target.pk)
    target_label = factory.LazyAttribute(lambda o: str(o.target)[:300])
    department = factory.LazyAttribute(lambda o: o.target.responsible_department)
    opened_on = datetime.date(2026, 6, 1)
    answer_due = factory.LazyAttribute(lambda o: o.opened_on + datetime.timedelta(days=3))
    escalate_after = factory.LazyAttribute(lambda o: o.opened_on + datetime.timedelta(days=7))
