"""Where uploads are written: every file gets a random folder of its own (128 bits), so no
name can be guessed from a date and an original file name; the original name stays the file's
base name and is what the download offers (Content-Disposition)."""

import contextlib
import errno
import os
import posixpath
import secrets

from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage

DISK_FULL_MESSAGE = "服务器磁盘已满，文件没有保存；请联系管理员清理磁盘后重新上传"


class RandomFolderStorage(FileSystemStorage):
    def generate_filename(self, filename):
        folder, name = posixpath.split(super().generate_filename(filename))
        return posixpath.join(folder, secrets.token_hex(16), name)

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError:
            # a write that failed half-way (a full disk) leaves neither the partial file nor
            # its random folder behind
            full_path = self.path(name)
            with contextlib.suppress(OSError):
                os.remove(full_path)
            with contextlib.suppress(OSError):
                os.rmdir(os.path.dirname(full_path))
            raise


@contextlib.contextmanager
def files_kept_only_if_all_saved(field_files, *, field="image"):
    """Around writing several uploads: if any write fails, the ones already written are
    deleted (the transaction rolls their rows back), and a full disk becomes a Chinese message
    on `field` instead of a 500. `field_files` is a list the caller appends each saved
    FieldFile to."""
    try:
        yield
    except BaseException as exc:
        for field_file in field_files:
            with contextlib.suppress(OSError):
                field_file.storage.delete(field_file.name)
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise ValidationError({field: DISK_FULL_MESSAGE}) from None
        raise
