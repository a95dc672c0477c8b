"""A page shown again after a refused photo upload or an empty 批示 posts to the item's URLs,
not to ".../photos/photos/" (issue 14, item 9)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories as f
from tests.baidays.weekly.support import project_for, running_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(db, department, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return project_for(running_campaign(), department)


def test_a_refused_photo_upload_keeps_the_items_urls(staff_client, project):
    photo = f.ProjectPhotoFactory(project=project)
    not_a_photo = SimpleUploadedFile("site.jpg", b"not an image", content_type="image/jpeg")
    response = staff_client.post(f"/projects/{project.pk}/photos/", {"image": not_a_photo})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'action="/projects/{project.pk}/photos/"' in page
    assert "/photos/photos/" not in page
    assert f"/projects/{project.pk}/photos/{photo.pk}/thumb/" in page


def test_an_empty_instruction_keeps_the_items_urls(leader_client, project):
    response = leader_client.post(f"/projects/{project.pk}/instructions/", {"text": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'action="/projects/{project.pk}/instructions/"' in page
    assert "/instructions/instructions/" not in page and "/instructions/photos/" not in page
