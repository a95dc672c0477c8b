"""LibreOffice as a test sees it: how many pages a document prints on (soffice's PDF)."""

import os
import re
import shutil
import subprocess

import pytest


def require_soffice(package):
    """Skip without LibreOffice, except in CI, where its absence is a failure."""
    if shutil.which("soffice") is None:
        message = f"需要 LibreOffice（apt-get install {package}）"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def pdf_pages(content, tmp_path, name, suffix):
    """The number of pages LibreOffice prints `content` (a file ending in `suffix`) on."""
    source = tmp_path / f"{name}{suffix}"
    source.write_bytes(content)
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp_path,
            source,
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    pdf = (tmp_path / f"{name}.pdf").read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
