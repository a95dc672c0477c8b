from django.apps import AppConfig


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = "企业与争先杯"

    def ready(self):
        from core.registry import (
            COMPLETABLE_KINDS,
            SUMMARY_SOURCES,
            TRACKED_KINDS,
            CompletableKind,
            TrackedKind,
            TrackedUrls,
        )
        from enterprises import models

        TRACKED_KINDS.register(
            TrackedKind(
                key="entry",
                order=2,
                label="争先杯项目",
                list_title="争先杯参赛项目（附件2）",
                model=models.CompetitionEntry,
                report_model=models.EntryReport,
                photo_model=models.EntryPhoto,
                item_field="entry",
                leader_field="liaison_leader",
                related=("enterprise", "responsible_department"),
                search_title="“争先杯”参赛企业（附件2）",
                search_fields=("enterprise__name", "project_name"),
                search_order=("enterprise__name", "project_name", "pk"),
                urls=TrackedUrls(
                    detail="enterprises:entry-detail",
                    photo="enterprises:entry-photo",
                    photo_file="enterprises:entry-photo-file",
                    instruct="enterprises:entry-instruct",
                    schedule="enterprises:entry-schedule",
                    schedule_nodes="enterprises:entry-schedule-nodes",
                ),
            )
        )
        COMPLETABLE_KINDS.register(
            CompletableKind(
                key="problem",
                order=5,
                label="困难问题",
                model=models.Problem,
                related=("enterprise", "project"),
                markable=False,  # raised, answered and confirmed on its own pages
                worklist_order=("due_date", "-raised_on"),
                page="enterprises:problem-edit",
            )
        )
        # an enterprise takes part in several campaigns
        SUMMARY_SOURCES.register(models.Enterprise, campaign=None)
        SUMMARY_SOURCES.register(
            models.CompetitionEntry,
            models.KeyEnterprise,
            models.Problem,
            models.PromotionEvent,
            models.LandTransfer,
            campaign="campaign",
        )
        SUMMARY_SOURCES.register(models.EntryReport, models.EntryPhoto, campaign="entry__campaign")
        SUMMARY_SOURCES.register(models.ProblemStatusChange, campaign="problem__campaign")
