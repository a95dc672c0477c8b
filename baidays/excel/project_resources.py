"""The admin's import resources of 附件1 and 附件3 (Project); the importers are
project_importers.py."""

from baidays.excel.project_importers import InfrastructureProjectImporter, KeyProjectImporter
from baidays.excel.resources import AnnexResource
from projects.models import Project


class ProjectResource(AnnexResource):
    class Meta:
        model = Project
        fields = ()


class InfrastructureProjectResource(ProjectResource):
    importer_class = InfrastructureProjectImporter


class KeyProjectResource(ProjectResource):
    importer_class = KeyProjectImporter
    hidden_fields = ("owner",)
