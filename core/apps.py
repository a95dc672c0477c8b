from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    # The label stays "baidays": the first release's tables (baidays_campaign, …), migration
    # history, permissions and content types keep their names, so existing installs migrate as-is.
    label = "baidays"
    verbose_name = "百日行动"

    def ready(self):
        from django.test.signals import setting_changed

        from audit.choices import Event
        from audit.signals import classify_admin_model

        self.register_kinds()

        from .generation import install_after_migrate
        from .media import follow_media_root

        # admin changes to accounts' roles, units and the campaign's rules are named as such
        # in the security audit log (audit/signals.py)
        classify_admin_model("baidays.person", Event.ROLE_CHANGE)
        classify_admin_model("baidays.department", Event.UNIT_CHANGE)
        classify_admin_model("baidays.campaign", Event.RULES_CHANGE)
        classify_admin_model("baidays.campaignrules", Event.RULES_CHANGE)

        setting_changed.connect(follow_media_root, dispatch_uid="baidays.sendfile_root")

        # post_migrate comes after every app's migrations, so all the summary's tables exist
        post_migrate.connect(
            install_after_migrate, sender=self, dispatch_uid="baidays.generation_triggers"
        )

    def register_kinds(self):
        """The core's own entries in the registries (core.registry); the apps above add
        theirs in their own ready()."""
        from django.contrib.auth import get_user_model
        from django.contrib.contenttypes.models import ContentType

        from . import models
        from .campaign_settings import CampaignRules
        from .registry import COMPLETABLE_KINDS, SUMMARY_SOURCES, CompletableKind

        COMPLETABLE_KINDS.register(
            CompletableKind(
                key="task",
                order=4,
                label="阶段任务",
                model=models.PhaseTask,
                related=("phase",),
                owned_label="阶段任务",
                worklist_order=("phase__sort_order", "sort_order"),
                phase_path="phase__kind",
            )
        )
        SUMMARY_SOURCES.register(
            get_user_model(),
            ContentType,
            models.Department,
            models.Person,
            # a 批示 points at its item through a generic relation: no one path to a campaign
            models.Instruction,
            campaign=None,
        )
        SUMMARY_SOURCES.register(models.Campaign, campaign="pk")
        SUMMARY_SOURCES.register(CampaignRules, models.Phase, campaign="campaign")
        SUMMARY_SOURCES.register(models.PhaseTask, campaign="phase__campaign")


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "core.admin_site.PortalAdminSite"

    def ready(self):
        super().ready()  # every app's admin module registers its models here
        from django.contrib import admin

        from .admin_site import tidy_third_party_admin

        tidy_third_party_admin(admin.site)
