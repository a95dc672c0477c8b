"""The admin's import resources of 附件2 and 附件4; the importers are enterprise_importers.py."""

from baidays.excel.enterprise_importers import CompetitionEntryImporter, KeyEnterpriseImporter
from baidays.excel.resources import AnnexResource
from enterprises.models import CompetitionEntry, KeyEnterprise


class CompetitionEntryResource(AnnexResource):
    importer_class = CompetitionEntryImporter

    class Meta:
        model = CompetitionEntry
        fields = ()


class KeyEnterpriseResource(AnnexResource):
    importer_class = KeyEnterpriseImporter

    class Meta:
        model = KeyEnterprise
        fields = ()
