"""Issue 22 #14: the disk filling up during a photo upload gives a Chinese message, not a 500,
and leaves no file behind (neither the photos written before nor the half-written one)."""

import errno
import os

import pytest

from projects.models import ProjectPhoto
from tests.baidays.weekly.support import image_upload, project_for, running_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def project(department, media):
    return project_for(running_campaign(), department)


def _disk_full_after(monkeypatch, writes):
    """The `writes`+1-th file written on the disk fails half-way with ENOSPC."""
    real_fdopen = os.fdopen
    count = [0]

    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        count[0] += 1
        if count[0] <= writes:
            return handle
        real_write = handle.write

        def write(chunk):
            real_write(chunk[: len(chunk) // 2])
            handle.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

        handle.write = write
        return handle

    monkeypatch.setattr(os, "fdopen", fdopen)


def _files(folder):
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.mark.parametrize("writes", [0, 3])  # the first file; the second photo's thumbnail
def test_the_disk_filling_up_during_a_photo_upload_is_a_message_and_leaves_no_file(
    staff_client, project, media, monkeypatch, writes
):
    _disk_full_after(monkeypatch, writes)
    two = [image_upload(name="a.jpg"), image_upload(name="b.jpg")]
    response = staff_client.post(f"/projects/{project.pk}/photos/", {"image": two})
    monkeypatch.undo()
    assert response.status_code == 400
    assert "服务器磁盘已满，文件没有保存" in response.content.decode()
    assert not ProjectPhoto.objects.exists()
    assert _files(media) == []
