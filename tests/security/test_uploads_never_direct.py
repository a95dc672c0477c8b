"""Uploads are served only through the permission-checked view (issue 14, item 1): nginx has
no public media location, one function sends every kind of upload (X-Accel-Redirect behind
nginx), and stored names cannot be guessed."""

import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from tests import factories as f

pytestmark = pytest.mark.django_db
NGINX = Path(__file__).resolve().parents[2] / "docs" / "deploy" / "nginx.conf"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_nginx_serves_uploads_only_to_an_accel_redirect():
    conf = NGINX.read_text()
    assert "location /media/" not in conf
    block = re.search(r"location /protected-media/ \{(.*?)\}", conf, re.S).group(1)
    assert "internal;" in block


def test_stored_names_are_random_and_the_download_keeps_the_original(staff_client, department):
    a = f.ProjectPhotoFactory(project__responsible_department=department)
    b = f.ProjectPhotoFactory(project__responsible_department=department)
    assert re.search(r"/[0-9a-f]{32}/[^/]+$", a.image.name)
    assert a.image.name.rsplit("/", 2)[1] != b.image.name.rsplit("/", 2)[1]
    response = staff_client.get(a.image.url)
    original = a.image.name.rsplit("/", 1)[1]
    assert original in response["Content-Disposition"]


def test_behind_nginx_every_upload_kind_is_an_accel_redirect(
    settings, client, staff_client, department
):
    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    photo = f.ProjectPhotoFactory(project__responsible_department=department)
    task = f.PhaseTaskFactory(responsible_department=department)
    task.evidence.save("会议纪要.pdf", ContentFile(b"%PDF-1.4"))
    urls = [
        f"/report/done/task/{task.pk}/evidence/",
        photo.image.url,
        f"/projects/{photo.project_id}/photos/{photo.pk}/full/",
        f"/projects/{photo.project_id}/photos/{photo.pk}/thumb/",
    ]
    for url in urls:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert response["X-Accel-Redirect"].startswith("/protected-media/"), url
        assert response.content == b"" and response["X-Content-Type-Options"] == "nosniff"
    anonymous = client.get(photo.image.url)
    assert anonymous.status_code == 302 and "X-Accel-Redirect" not in anonymous
