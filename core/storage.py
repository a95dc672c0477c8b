"""Where uploads are written: every file gets a random folder of its own (128 bits), so no
name can be guessed from a date and an original file name; the original name stays the file's
base name and is what the download offers (Content-Disposition)."""

import posixpath
import secrets

from django.core.files.storage import FileSystemStorage


class RandomFolderStorage(FileSystemStorage):
    def generate_filename(self, filename):
        folder, name = posixpath.split(super().generate_filename(filename))
        return posixpath.join(folder, secrets.token_hex(16), name)
