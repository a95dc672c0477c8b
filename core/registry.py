"""The registries through which the campaign core learns about the apps above it, without
naming them: each app registers its kinds in its `AppConfig.ready()`, and every page, count,
export, 督办 and 考核 iterates the registry instead of keeping its own list.

- TRACKED_KINDS: the kinds of item that get a weekly progress report (附件1/3 projects,
  附件2 争先杯 entries) with their report and photo models, leader field and URL names.
- COMPLETABLE_KINDS: the kinds of thing with a due date that a unit owns and closes (议定事项,
  电力项目, 规划节点, 阶段任务, 困难问题), each read in its campaign as it stood on a day by
  its own queryset (`of_campaign`).
- SUMMARY_SOURCES: the models whose tables feed the campaign summary, each with the path from
  a row to its campaign (core.generation puts a trigger on each, raising that campaign's data
  generation).
- SCHEDULE_TABLES: where the items' 进度计划 live (core.own_plan reads them).

Which unit owns a record is declared once on its model (`owner_unit_path`, core.access)."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Subquery


class KindRegistry:
    """Kinds by key, in their registered `order`. Filled during app loading (ready()), read
    afterwards; registering a key twice with a different kind is a programming error."""

    def __init__(self, what):
        self.what = what
        self._kinds = {}

    def register(self, kind):
        known = self._kinds.get(kind.key)
        if known is not None and known != kind:
            raise ValueError(f"{self.what} {kind.key!r} is registered twice")
        self._kinds[kind.key] = kind

    def _ordered(self):
        return sorted(self._kinds.values(), key=lambda kind: (kind.order, kind.key))

    def values(self):
        return self._ordered()

    def keys(self):
        return [kind.key for kind in self._ordered()]

    def items(self):
        return [(kind.key, kind) for kind in self._ordered()]

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self._kinds)

    def __getitem__(self, key):
        return self._kinds[key]

    def get(self, key, default=None):
        return self._kinds.get(key, default)

    def models(self):
        return [kind.model for kind in self._kinds.values()]

    def of_model(self, model):
        """The kind of `model` (a class or an instance); LookupError when it is none."""
        model = model if isinstance(model, type) else type(model)
        for kind in self._kinds.values():
            if kind.model is model:
                return kind
        raise LookupError(f"{model.__name__} is not a registered {self.what}")


@dataclass(frozen=True)
class TrackedUrls:
    """URL names of an item's pages: its detail, photo upload and photo files, 批示, and the
    进度计划 editor's weeks and nodes."""

    detail: str
    photo: str
    photo_file: str
    instruct: str
    schedule: str
    schedule_nodes: str


@dataclass(frozen=True)
class TrackedKind:
    """A kind of item with a weekly progress report. `item_field` is the name of the foreign
    key to the item on its reports, photos and 进度计划 rows."""

    key: str
    order: int
    label: str
    list_title: str
    model: type
    report_model: type
    photo_model: type
    item_field: str
    leader_field: str
    urls: TrackedUrls
    related: tuple = ("responsible_department",)  # what every list of the items shows
    page_related: tuple = ()  # and what the item's own page shows besides its leader
    # the fields the leaders' figures split the items by besides their unit (core.selectors
    # .standing_groups), e.g. a project's annex
    group_fields: tuple = ()
    # the navbar's search: the group's title, the fields a typed text is looked for in and the
    # order of the hits (each item says how it reads as a hit: `search_hit_text()`)
    search_title: str = ""
    search_fields: tuple = ("name",)
    search_order: tuple = ("name", "pk")

    @property
    def owner_field(self):
        return self.model.owner_unit_path

    # the URL names under the names the templates have always used
    @property
    def detail_url_name(self):
        return self.urls.detail

    @property
    def photo_url_name(self):
        return self.urls.photo

    @property
    def instruct_url_name(self):
        return self.urls.instruct

    @property
    def schedule_url_name(self):
        return self.urls.schedule

    @property
    def schedule_nodes_url_name(self):
        return self.urls.schedule_nodes

    def items(self, campaign):
        """The active items of the campaign with what their lists show."""
        return self.model.objects.active().filter(campaign=campaign).select_related(*self.related)

    def reports(self, campaign, week):
        """The reports the figures count (ProgressReportQuerySet.counted) up to `week`."""
        return self._up_to(self.report_model.objects.counted(), campaign, week)

    def handed_in(self, campaign, week):
        """The reports handed in up to `week`, whatever their review state
        (ProgressReportQuerySet.handed_in): what 已报 and 未报 count."""
        return self._up_to(self.report_model.objects.handed_in(), campaign, week)

    def _up_to(self, reports, campaign, week):
        return reports.filter(
            **{f"{self.item_field}__in": self.model.objects.active().filter(campaign=campaign)},
            report_week__lte=week,
        )

    def last_reported_at(self, week):
        latest = self.report_model.objects.filter(
            **{self.item_field: OuterRef("pk"), "report_week__lte": week}
        ).order_by("-report_week")
        return Subquery(latest.values("submitted_at")[:1])

    def with_lag(self, campaign, scope):
        return (
            self.items(campaign)
            .with_lag(scope.week, campaign, scope.as_of)
            .annotate(last_reported_at=self.last_reported_at(scope.week))
        )

    def reported_in(self, week):
        """Whether the item's report of `week` was handed in (ProgressReportQuerySet.handed_in)."""
        return Exists(
            self.report_model.objects.handed_in().filter(
                **{self.item_field: OuterRef("pk"), "report_week": week}
            )
        )


@dataclass(frozen=True)
class CompletableKind:
    """A kind of thing with a due date that a unit owns and closes. Which of them count in a
    campaign on a day is its queryset's rule (`of_campaign(campaign, as_of)`); which unit owns
    one is its model's `owner_unit_path`. `markable`: staff mark it 进行中/已完成 on the
    mark-done page (problems have their own flow); `owned_label`: its line in a unit's
    "负责事项" (None: not listed there)."""

    key: str
    order: int
    label: str
    model: type
    related: tuple = ()
    markable: bool = True
    owned_label: str | None = None
    worklist_order: tuple = ()  # the order of a unit's worklist (after open ones first)
    title_fields: tuple = field(default=("content", "title", "name"))
    # where a 督办单 about one of them links to: its own page (a URL name taking its pk), or
    # the leaders' phase page that lists it: one phase kind for every row (`phase_page`), or
    # the path from a row to its phase's kind (`phase_path`)
    page: str | None = None
    phase_page: str | None = None
    phase_path: str | None = None

    @property
    def owner_field(self):
        return self.model.owner_unit_path

    def of_campaign(self, campaign, as_of=None):
        """The things that count in `campaign` as they stood at the end of `as_of` (all of
        them for None)."""
        return self.model.objects.of_campaign(campaign, as_of)

    def queryset(self):
        return self.model.objects.select_related(self.owner_field, *self.related)

    def phase_pages(self, pks):
        """{pk: the kind of the phase page listing it} of the rows `pks` (one query when
        each row says its own phase, none otherwise)."""
        if self.phase_path:
            rows = self.model.objects.filter(pk__in=pks).values_list("pk", self.phase_path)
            return dict(rows)
        return dict.fromkeys(pks, self.phase_page) if self.phase_page else {}

    def title_of(self, item):
        for name in self.title_fields:
            value = getattr(item, name, None)
            if value:
                return value
        return str(item)


@dataclass(frozen=True)
class ScheduleTables:
    """Where the items' 进度计划 are kept: versions holding a foreign key to the item (named
    as the kind's `item_field`), each with its week rows (`week_model`, whose `version_field`
    points at the version)."""

    version_model: type
    week_model: type
    version_field: str


class SummarySources:
    """The models whose tables the campaign summary reads, registered by their apps, each with
    the way from one of its rows to the campaign it belongs to, so a write raises only that
    campaign's data generation (core/generation.py).

    `campaign` is a lookup path ending at the campaign ("campaign", "project__campaign"), "pk"
    for the campaign itself, a tuple of paths tried in turn (a row hanging from either of two
    parents), or None for rows that belong to no one campaign (users, units, enterprises):
    a write to those moves every campaign's generation."""

    def __init__(self):
        self._paths = {}

    def register(self, *models, campaign):
        paths = () if campaign is None else (campaign,) if isinstance(campaign, str) else campaign
        for model in models:
            known = self._paths.get(model)
            if known is not None and known != tuple(paths):
                raise ValueError(f"summary source {model._meta.label} is registered twice")
            self._paths[model] = tuple(paths)

    def campaign_paths(self, model):
        """The lookup paths from a row of `model` to its campaign; () for shared rows."""
        return self._paths[model]

    def __iter__(self):
        return iter(list(self._paths))


class ScheduleRegistry:
    def __init__(self):
        self.tables = None

    def register(self, tables):
        self.tables = tables

    def get(self):
        if self.tables is None:
            raise LookupError("no app registered where the 进度计划 is kept")
        return self.tables


TRACKED_KINDS = KindRegistry("tracked kind")
COMPLETABLE_KINDS = KindRegistry("completable kind")
SUMMARY_SOURCES = SummarySources()
SCHEDULE_TABLES = ScheduleRegistry()
