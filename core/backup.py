"""One-file backups of the database and the uploaded files, and their restore into an empty
installation. The archive is a tar.gz with:

    manifest.json        format, database kind, time, counts
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API
    database.pgdump      PostgreSQL: pg_dump custom format (restored with pg_restore)
    database.json        PostgreSQL without pg_dump on the machine: dumpdata (loaddata)
    media/...            everything under MEDIA_ROOT
"""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.core.management import call_command
from django.db import DatabaseError, connection, connections

from audit.choices import Event
from audit.services import record

FORMAT = "baidays-backup-1"
# Rows these hold are created by `migrate` itself, so they do not make an installation "used":
# the data generation's one row comes from its migration (core/generation.py), and the natural
# order on PostgreSQL is createdb, migrate, restore.
MIGRATION_MADE = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "baidays.datageneration",
    # the administrator groups of 三员分立 and the audit records of their rights
    # (baidays/security/admin_roles.py), written by `migrate`'s post_migrate
    "auth.group",
    "audit.auditrecord",
}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Chinese."""


def _engine():
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def _pg_env():
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args():
    db = settings.DATABASES["default"]
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def _run(command):
    result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} 失败：{result.stderr.strip()[:500]}")


def _dump_database(workdir):
    """Write the database into `workdir`; return the archive name of the file."""
    if _engine() == "sqlite":
        target = workdir / "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return target.name
    if shutil.which("pg_dump"):
        target = workdir / "database.pgdump"
        name = settings.DATABASES["default"]["NAME"]
        _run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", *_pg_args(), "-f", target, name])
        return target.name
    target = workdir / "database.json"
    with target.open("w", encoding="utf-8") as out:
        call_command(
            "dumpdata",
            exclude=["contenttypes", "auth.permission", "sessions"],
            natural_foreign=True,
            stdout=out,
        )
    return target.name


def _row_counts():
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in MIGRATION_MADE:
            continue
        try:
            count = model._base_manager.count()
        except DatabaseError:  # table not created yet: a brand-new database
            connection.close()
            return {}
        if count:
            counts[label] = count
    return counts


def create_backup(path):
    """Write one archive at `path`; return its manifest."""
    path = Path(path)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        database_file = _dump_database(workdir)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": {"engine": _engine(), "file": database_file},
            "rows": _row_counts(),
            "media_files": sum(1 for p in media_root.rglob("*") if p.is_file())
            if media_root.exists()
            else 0,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            payload = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
            archive.add(workdir / database_file, arcname=database_file)
            if media_root.exists():
                archive.add(media_root, arcname="media")
        partial.replace(path)  # never leave a half-written archive under the real name
    record(event=Event.BACKUP, target=str(path), details={"rows": sum(manifest["rows"].values())})
    return manifest


def installation_contents():
    """What makes this installation non-empty: rows per model and uploaded files."""
    media_root = Path(settings.MEDIA_ROOT)
    files = sum(1 for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else 0
    return _row_counts(), files


DATABASE_FILES = {"database.sqlite3", "database.pgdump", "database.json"}
MANIFEST_MAX_BYTES = 1024 * 1024
SPECIAL_MODE_BITS = 0o7000  # setuid, setgid, sticky


def _check_member(member):
    name = PurePosixPath(member.name)
    if name.is_absolute() or ".." in name.parts or "\\" in member.name:
        raise BackupError(f"备份文件中有不安全的路径：{member.name}")
    if not (member.isfile() or member.isdir()):
        raise BackupError(f"备份文件中有不支持的条目（链接或设备）：{member.name}")
    if member.mode & SPECIAL_MODE_BITS:
        raise BackupError(f"备份文件中有带特殊权限（setuid/setgid）的条目：{member.name}")
    if name.parts and name.parts[0] not in {"media", "manifest.json", *DATABASE_FILES}:
        raise BackupError(f"备份文件中有不属于本系统备份的条目：{member.name}")


def _checked_members(archive, free_bytes):
    """Every member checked from the headers alone, before anything is written: plain files
    and folders under known names, no special permission bits, at most RESTORE_MAX_MEMBERS of
    them and RESTORE_MAX_BYTES (and the free disk space) in all. Stops reading at the first
    member past a bound, so a small archive that expands enormously is refused early."""
    members, total = [], 0
    limit = min(settings.RESTORE_MAX_BYTES, free_bytes)
    while (member := archive.next()) is not None:
        _check_member(member)
        members.append(member)
        total += member.size
        if len(members) > settings.RESTORE_MAX_MEMBERS:
            raise BackupError(f"备份文件的条目超过 {settings.RESTORE_MAX_MEMBERS} 个，拒绝恢复")
        if total > limit:
            raise BackupError(
                f"备份文件解开后超过 {limit // 1024 // 1024} MB"
                "（RESTORE_MAX_BYTES 或磁盘剩余空间），拒绝恢复"
            )
    return members


def _database_member(manifest, members):
    """The archive's database file as the manifest names it, checked against the archive."""
    database = manifest.get("database")
    file = database.get("file") if isinstance(database, dict) else None
    if not isinstance(file, str):
        raise BackupError(
            "备份的 manifest.json 缺少 database.file（数据库文件名），不是本系统的备份"
        )
    if file not in DATABASE_FILES:
        raise BackupError(
            f"manifest.json 中的数据库文件“{file[:100]}”无效，"
            f"应为 {'、'.join(sorted(DATABASE_FILES))} 之一"
        )
    if not any(m.name == file and m.isfile() for m in members):
        raise BackupError(f"manifest.json 指明的数据库文件 {file} 不在备份文件中")
    return file


def _read_manifest(archive, members, path):
    found = next((m for m in members if m.name == "manifest.json" and m.isfile()), None)
    if found is None or found.size > MANIFEST_MAX_BYTES:
        raise BackupError(f"{path} 中没有有效的 manifest.json，不是本系统的备份")
    try:
        manifest = json.load(archive.extractfile(found))
    except (ValueError, UnicodeDecodeError):
        raise BackupError(f"{path} 中的 manifest.json 不是有效的 JSON，不是本系统的备份") from None
    if not isinstance(manifest, dict):
        raise BackupError(f"{path} 中的 manifest.json 格式不对，不是本系统的备份")
    if manifest.get("format") != FORMAT:
        shown = str(manifest.get("format"))[:50]
        raise BackupError(f"备份格式 {shown!r} 不受支持（应为 {FORMAT}）")
    return manifest


def _restore_sqlite(source):
    name = settings.DATABASES["default"]["NAME"]
    connections.close_all()
    origin = sqlite3.connect(source)
    destination = sqlite3.connect(name)
    try:
        origin.backup(destination)
    finally:
        origin.close()
        destination.close()


def _restore_postgresql(source):
    name = settings.DATABASES["default"]["NAME"]
    connections.close_all()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            *_pg_args(),
            "-d",
            name,
            source,
        ]
    )


def _restore_json(source):
    call_command("migrate", interactive=False, verbosity=0)
    # no full post_migrate after the flush: it would write again the rows other apps make on
    # migrate (the administrator groups, their audit records, the data generation), which the
    # dump holds; only the content types and permissions the dump refers to are made again
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    call_command("loaddata", str(source), verbosity=0)


def restore_backup(path, *, force=False):
    """Bring database and uploads back from the archive at `path`. Refuses a non-empty
    installation unless `force`. Returns the archive's manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"找不到备份文件：{path}")
    if not force:
        rows, files = installation_contents()
        if rows or files:
            what = "、".join(f"{label} {n} 条" for label, n in sorted(rows.items())[:5])
            raise BackupError(
                "当前安装不是空的（"
                + "；".join(filter(None, [what, f"上传文件 {files} 个" if files else ""]))
                + "），恢复会覆盖这些数据。确认覆盖请加 --force"
            )
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115  (closed by the with below)
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{path} 不是有效的备份文件（{exc}）") from None
    with archive, tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        try:
            members = _checked_members(archive, shutil.disk_usage(workdir).free)
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(f"{path} 不是完整的备份文件（{exc}）") from None
        manifest = _read_manifest(archive, members, path)
        database_name = _database_member(manifest, members)
        # tarfile's "data" filter as well: it refuses what the checks above refuse, and more
        archive.extractall(workdir, members=members, filter="data")
        database_file = workdir / database_name
        kind = database_file.suffix
        if kind == ".sqlite3" and _engine() != "sqlite":
            raise BackupError("这是 SQLite 的备份，当前数据库是 PostgreSQL，无法直接恢复")
        if kind == ".pgdump" and _engine() != "postgresql":
            raise BackupError("这是 PostgreSQL 的备份，当前数据库是 SQLite，无法直接恢复")
        {".sqlite3": _restore_sqlite, ".pgdump": _restore_postgresql, ".json": _restore_json}[kind](
            database_file
        )

        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists():
            shutil.rmtree(media_root)
        if (workdir / "media").exists():
            shutil.copytree(workdir / "media", media_root)
        else:
            media_root.mkdir(parents=True)
    record(event=Event.RESTORE, target=str(path), details={"created_at": manifest["created_at"]})
    return manifest
