"""Nothing a user made is deleted: it is archived (and an admin can restore it). Every read of
an archivable model asks this queryset which rows count; no query writes the flag by hand."""

from django.db import models


class ArchivableQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_archived=False)

    def archived(self):
        return self.filter(is_archived=True)
