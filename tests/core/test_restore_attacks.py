"""Issue 22 #13: `restore` checks a malicious archive before it writes anything: total size and
member count bounds, no setuid, device, link, absolute or `..` members, a database file that the
manifest names and the archive holds, and a Chinese message for a malformed manifest."""

import io
import json
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.backup import FORMAT, BackupError, restore_backup

MANIFEST = {"format": FORMAT, "database": {"file": "database.sqlite3"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _archive(tmp_path, members, manifest=MANIFEST):
    """members: (TarInfo fields as a dict, data bytes or a file object)."""
    path = tmp_path / "evil.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        if manifest is not None:
            data = manifest if isinstance(manifest, bytes) else json.dumps(manifest).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for fields, data in members:
            info = tarfile.TarInfo(fields.pop("name"))
            for key, value in fields.items():
                setattr(info, key, value)
            if isinstance(data, bytes):
                info.size = len(data)
                data = io.BytesIO(data)
            tar.addfile(info, data)
    return path


def _refused(path, match):
    with pytest.raises(BackupError, match=match):
        restore_backup(path, force=True)
    with pytest.raises(CommandError, match=match):
        call_command("restore", str(path), "--force")


class Zeros(io.RawIOBase):
    def readinto(self, buffer):
        buffer[:] = bytes(len(buffer))
        return len(buffer)

    def readable(self):
        return True


def test_a_small_archive_expanding_far_beyond_the_bound_is_refused_before_writing(
    tmp_path, settings, media
):
    settings.RESTORE_MAX_BYTES = 8 * 1024 * 1024
    big = 64 * 1024 * 1024
    path = _archive(
        tmp_path,
        [
            ({"name": "database.sqlite3", "size": 10}, b"0123456789"),
            ({"name": "media/zeros.bin", "size": big}, io.BufferedReader(Zeros())),
        ],
    )
    assert path.stat().st_size < big // 100
    _refused(path, "解开后超过 8 MB")
    assert not media.exists()


def test_an_archive_with_too_many_members_is_refused(tmp_path, settings):
    settings.RESTORE_MAX_MEMBERS = 5
    files = [({"name": f"media/{n}.txt"}, b"x") for n in range(10)]
    _refused(_archive(tmp_path, [({"name": "database.sqlite3"}, b"x"), *files]), "条目超过 5 个")


def test_a_setuid_root_member_is_never_written_into_media(tmp_path, media):
    setuid = {"name": "media/photos/run.sh", "mode": 0o4755, "uid": 0, "gid": 0}
    path = _archive(tmp_path, [({"name": "database.sqlite3"}, b"x"), (setuid, b"#!/bin/sh\n")])
    _refused(path, "setuid")
    assert not media.exists()


@pytest.mark.parametrize(
    ("member", "match"),
    [
        ({"name": "media/link", "type": tarfile.SYMTYPE, "linkname": "/etc/passwd"}, "链接或设备"),
        ({"name": "media/hard", "type": tarfile.LNKTYPE, "linkname": "manifest.json"}, "链接"),
        ({"name": "media/dev", "type": tarfile.CHRTYPE, "devmajor": 1, "devminor": 3}, "设备"),
        ({"name": "/etc/cron.d/x"}, "不安全的路径"),
        ({"name": "media/../../x"}, "不安全的路径"),
        ({"name": "settings.py"}, "不属于本系统备份"),
    ],
)
def test_links_devices_and_paths_outside_are_refused(tmp_path, member, match):
    data = b"" if member.get("type") not in (None, tarfile.REGTYPE) else b"x"
    _refused(_archive(tmp_path, [({"name": "database.sqlite3"}, b"x"), (member, data)]), match)


@pytest.mark.parametrize(
    ("manifest", "match"),
    [
        ({"format": FORMAT, "database": {"file": "../../etc/passwd"}}, "数据库文件.*无效"),
        ({"format": FORMAT, "database": {"file": "/var/lib/x.sqlite3"}}, "数据库文件.*无效"),
        ({"format": FORMAT, "database": {"file": "database.pgdump"}}, "不在备份文件中"),
        ({"format": FORMAT}, "缺少 database.file"),
        ({"format": FORMAT, "database": "database.sqlite3"}, "缺少 database.file"),
        ({"format": FORMAT, "database": {"file": 7}}, "缺少 database.file"),
        (["not", "an", "object"], "格式不对"),
        (b"{not json", "不是有效的 JSON"),
        ({"database": {"file": "database.sqlite3"}}, "不受支持"),
        (None, "没有有效的 manifest.json"),
    ],
)
def test_a_malformed_manifest_gives_a_chinese_message_not_a_traceback(tmp_path, manifest, match):
    path = _archive(tmp_path, [({"name": "database.sqlite3"}, b"x")], manifest=manifest)
    _refused(path, match)
