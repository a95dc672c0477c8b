"""Uploaded files are served only to readers of their record, and never run as a page."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from core.access import model_owner_path
from core.media import models_with_files
from core.uploads import validate_evidence_upload, validate_image_upload
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="JPEG")
    return buffer.getvalue()


def test_every_model_with_files_declares_the_unit_that_owns_it():
    for model, _fields in models_with_files():
        path = model_owner_path(model)  # raises for a model that declares nothing
        assert path is None or path.endswith("department"), model


def test_a_model_that_declares_no_owning_unit_is_refused():
    class Undeclared:
        pass

    with pytest.raises(ImproperlyConfigured, match="owner_unit_path"):
        model_owner_path(Undeclared)


def test_staff_see_their_departments_photo_inline_with_safe_headers(staff_client, department):
    photo = f.ProjectPhotoFactory(project__responsible_department=department)
    response = staff_client.get(photo.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["Content-Disposition"].startswith("inline")
    assert response.getvalue()[:2] == b"\xff\xd8"


def test_another_departments_photo_is_404_for_staff(other_staff_client, department):
    photo = f.ProjectPhotoFactory(project__responsible_department=department)
    assert other_staff_client.get(photo.image.url).status_code == 404


def test_leaders_see_every_departments_files(leader_client, department):
    photo = f.EntryPhotoFactory(entry__responsible_department=department)
    assert leader_client.get(photo.image.url).status_code == 200


def test_uploaded_html_is_downloaded_never_rendered(admin_client, department):
    task = f.PhaseTaskFactory(responsible_department=department)
    task.evidence.save("report.html", ContentFile(b"<script>alert(1)</script>"))
    response = admin_client.get(task.evidence.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]


def test_svg_is_downloaded_because_it_can_carry_script(admin_client, department):
    decision = f.DecisionFactory(responsible_department=department)
    decision.evidence.save("chart.svg", ContentFile(b"<svg onload='alert(1)'/>"))
    response = admin_client.get(decision.evidence.url)
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "photos/nothing-here.jpg", "%2e%2e/settings.py", "photos/"]
)
def test_unknown_or_escaping_paths_are_404(admin_client, name):
    assert admin_client.get(f"/media/{name}").status_code == 404


def test_a_file_on_disk_but_not_in_any_record_is_404(admin_client, media_root):
    (media_root / "stray.jpg").write_bytes(jpeg_bytes())
    assert admin_client.get("/media/stray.jpg").status_code == 404


def test_media_is_only_read(admin_client, department):
    photo = f.ProjectPhotoFactory(project__responsible_department=department)
    assert admin_client.post(photo.image.url).status_code == 405


# --- Upload checks every upload form applies --------------------------------------------------
def test_a_real_photo_passes():
    validate_image_upload(SimpleUploadedFile("现场.jpg", jpeg_bytes()))


def test_html_named_jpg_is_refused_as_not_an_image():
    upload = SimpleUploadedFile("现场.jpg", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError, match="现场.jpg.*不是有效的图片"):
        validate_image_upload(upload)


def test_truncated_image_is_refused():
    upload = SimpleUploadedFile("坏图.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    with pytest.raises(ValidationError, match="坏图.png"):
        validate_image_upload(upload)


def test_oversized_upload_is_refused_with_its_size(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("大图.jpg", b"\xff" * 4096)
    with pytest.raises(ValidationError, match="大图.jpg.*超过上限"):
        validate_image_upload(upload)


@pytest.mark.parametrize("name", ["run.exe", "page.html", "x.svg", "noext"])
def test_evidence_of_a_dangerous_type_is_refused(name):
    with pytest.raises(ValidationError, match="不允许上传"):
        validate_evidence_upload(SimpleUploadedFile(name, b"data"))


def test_evidence_pdf_passes():
    validate_evidence_upload(SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minimal"))


@given(data=st.binary(max_size=4096), name=st.sampled_from(["a.jpg", "b.png", "c.gif", "d.webp"]))
@hypothesis_settings(max_examples=60, deadline=None)
def test_random_bytes_never_pass_as_a_photo_or_crash_the_check(data, name):
    upload = SimpleUploadedFile(name, data)
    try:
        validate_image_upload(upload)
    except ValidationError as exc:
        assert name in exc.messages[0]
    else:  # hypothesis found a real image: then Pillow must be able to load it fully
        with Image.open(io.BytesIO(data)) as image:
            image.load()


def test_serving_a_photo_takes_a_bounded_number_of_queries(
    staff_client, department, django_assert_max_num_queries
):
    photo = f.EntryPhotoFactory(entry__responsible_department=department)
    staff_client.get("/")  # session and user loaded once before counting
    with django_assert_max_num_queries(4 + 2 * len(list(models_with_files()))):
        response = staff_client.get(photo.image.url)
    assert response.status_code == 200
