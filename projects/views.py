from baidays.weekly.item_views import (
    ItemDetailView,
    ItemInstructionView,
    ItemPhotoFileView,
    ItemPhotoUploadView,
)
from baidays.weekly.tracked import PROJECT


class ProjectDetailView(ItemDetailView):
    kind = PROJECT


class ProjectPhotoUploadView(ItemPhotoUploadView):
    kind = PROJECT


class ProjectPhotoFileView(ItemPhotoFileView):
    kind = PROJECT


class ProjectInstructionView(ItemInstructionView):
    kind = PROJECT
