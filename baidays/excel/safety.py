"""Checks made on an uploaded file before any parser sees it, for every format: size; for the
zip-based ones (.xlsx, .xlsm, .ods) member count, zip bomb and compression ratio, and a cap on
the shared strings; an encrypted workbook or a file that is no workbook at all is refused here,
each with one line. The cell cap is applied when a sheet is opened (workbook.py)."""

import io
import zipfile
from pathlib import Path

from baidays.excel.errors import WorkbookError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_MEMBERS = 2000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: legacy .xls or encrypted xlsx
ZIP_MAGIC = b"PK\x03\x04"
MAX_SHARED_STRINGS_BYTES = 32 * 1024 * 1024  # 10,000 rows of long texts need a few MB
MAX_CELLS = 2_000_000
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# an encrypted xlsx is a Compound File holding these streams (names in UTF-16)
ENCRYPTED_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
NOT_A_WORKBOOK = "文件不是 Excel 工作簿（.xlsx、.xls、.xlsm 或 .ods），请检查是否选错了文件"
DAMAGED = "文件已损坏，无法打开，请重新保存后再导入"
BOMB = "文件解压后体积异常（疑似压缩炸弹），拒绝导入"


def _as_bytes(source):
    if isinstance(source, bytes):
        return source
    if isinstance(source, (str, Path)):
        return Path(source).read_bytes()
    if hasattr(source, "seek"):
        source.seek(0)
    data = source.read()
    if hasattr(source, "seek"):
        source.seek(0)
    return data


def check_workbook(source, *, filename=None):
    """Return the file's bytes if they are a workbook the reader may safely open (the format is
    told by content, not by the name); raise WorkbookError with the reason otherwise."""
    try:
        data = _as_bytes(source)
    except FileNotFoundError as error:
        raise WorkbookError("找不到该文件，请检查文件路径") from error
    except OSError as error:
        raise WorkbookError(f"无法读取文件：{error.strerror or error}") from error
    if len(data) > MAX_UPLOAD_BYTES:
        raise WorkbookError(
            f"文件超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB，请删去无关内容后再导入"
        )
    if data.startswith(OLE_MAGIC):
        if any(stream in data for stream in ENCRYPTED_STREAMS):
            raise WorkbookError("文件受密码保护，请取消密码后再导入")
        return data  # a BIFF .xls: no compression, so its size is its size
    if not data.startswith(ZIP_MAGIC):
        raise WorkbookError(NOT_A_WORKBOOK)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise WorkbookError(DAMAGED) from error
    _check_members(archive, members, len(data))
    return data


def _check_members(archive, members, compressed_size):
    if len(members) > MAX_MEMBERS:
        raise WorkbookError("文件结构异常（内部文件过多），拒绝导入")
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names and not _is_ods(archive, names):
        raise WorkbookError(NOT_A_WORKBOOK)
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES or total > MAX_COMPRESSION_RATIO * max(compressed_size, 1024):
        raise WorkbookError(BOMB)
    for member in members:
        if (
            member.filename == "xl/sharedStrings.xml"
            and member.file_size > MAX_SHARED_STRINGS_BYTES
        ):
            raise WorkbookError(_too_many_strings())
    _check_actual_sizes(archive, members, compressed_size)


def _is_ods(archive, names):
    if "mimetype" not in names or "content.xml" not in names:
        return False
    try:
        return archive.read("mimetype").strip() == ODS_MIMETYPE
    except (zipfile.BadZipFile, OSError, RuntimeError, KeyError) as error:
        raise WorkbookError(DAMAGED) from error


def _too_many_strings():
    return (
        f"文件中的文字超过 {MAX_SHARED_STRINGS_BYTES // 1024 // 1024} MB"
        "（共享字符串异常），拒绝导入"
    )


def _check_actual_sizes(archive, members, compressed_size):
    """The sizes in the zip directory can lie: inflate every member in chunks, counting, and
    stop at the cap (the shared strings have their own, smaller cap). This also finds corrupted
    members (bad CRC)."""
    limit = min(MAX_UNCOMPRESSED_BYTES, MAX_COMPRESSION_RATIO * max(compressed_size, 1024))
    inflated = 0
    try:
        for member in members:
            strings = member.filename == "xl/sharedStrings.xml"
            own = 0
            with archive.open(member) as stream:
                while chunk := stream.read(1 << 20):
                    inflated += len(chunk)
                    own += len(chunk)
                    if inflated > limit:
                        raise WorkbookError(BOMB)
                    if strings and own > MAX_SHARED_STRINGS_BYTES:
                        raise WorkbookError(_too_many_strings())
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
        raise WorkbookError(DAMAGED) from error
