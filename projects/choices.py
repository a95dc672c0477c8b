from django.db import models


class Annex(models.IntegerChoices):
    INFRASTRUCTURE = 1, "附件1 基础设施建设项目"
    KEY_INDUSTRIAL = 3, "附件3 重点工业性投资项目"
