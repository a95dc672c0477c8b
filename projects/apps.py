from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "基础设施与重点项目"

    def ready(self):
        from core.registry import SUMMARY_SOURCES, TRACKED_KINDS, TrackedKind, TrackedUrls
        from projects.models import Project, ProjectPhoto, ProjectReport

        TRACKED_KINDS.register(
            TrackedKind(
                key="project",
                order=1,
                label="项目",
                list_title="项目（附件1、3）",
                model=Project,
                report_model=ProjectReport,
                photo_model=ProjectPhoto,
                item_field="project",
                leader_field="responsible_leader",
                page_related=("owner",),
                group_fields=("annex",),
                search_title="项目（附件1、3）",
                # the item pages are mounted as the `projects` namespace (baidays.urls)
                urls=TrackedUrls(
                    detail="projects:detail",
                    photo="projects:photo-upload",
                    photo_file="projects:photo-file",
                    instruct="projects:instruct",
                    schedule="projects:schedule",
                    schedule_nodes="projects:schedule-nodes",
                ),
            )
        )
        SUMMARY_SOURCES.register(Project, campaign="campaign")
        SUMMARY_SOURCES.register(ProjectReport, ProjectPhoto, campaign="project__campaign")
