"""The photos of one upload are capped together, not only each photo: ten 39-megapixel PNGs
are refused from their headers before any of them is decoded (issue 14, item 3)."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core import uploads
from projects.models import ProjectPhoto
from tests.baidays.weekly.support import image_upload, project_for, running_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(db, department, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return project_for(running_campaign(), department)


@pytest.fixture(scope="module")
def png_39_megapixels():
    buffer = io.BytesIO()
    Image.new("1", (7000, 5600), 1).save(buffer, "PNG")  # 39.2 MP, each under MAX_PIXELS
    return buffer.getvalue()


def test_ten_39_megapixel_pngs_are_refused_at_once(staff_client, project, png_39_megapixels):
    ten = [
        SimpleUploadedFile(f"p{number}.png", png_39_megapixels, content_type="image/png")
        for number in range(10)
    ]
    started = time.perf_counter()
    response = staff_client.post(f"/projects/{project.pk}/photos/", {"image": ten})
    elapsed = time.perf_counter() - started
    page = response.content.decode()
    assert response.status_code == 400
    assert "所选 10 张照片共 392 百万像素，超过一次上传 120 百万像素的限制" in page
    assert not ProjectPhoto.objects.exists()
    assert elapsed < 1.5, f"the refusal took {elapsed:.2f} s"


def test_photos_within_the_total_are_saved(staff_client, project, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_PIXELS_PER_UPLOAD", 64 * 48 * 2)
    two = [image_upload(name="a.jpg"), image_upload(name="b.jpg")]
    assert staff_client.post(f"/projects/{project.pk}/photos/", {"image": two}).status_code == 302
    three = [image_upload(name=f"{name}.jpg") for name in "cde"]
    response = staff_client.post(f"/projects/{project.pk}/photos/", {"image": three})
    assert response.status_code == 400 and "超过一次上传" in response.content.decode()
    assert ProjectPhoto.objects.count() == 2
