"""Checks made on an uploaded file before openpyxl parses it: openpyxl trusts its input, so a
renamed .xls, an encrypted workbook or a zip bomb must be refused here, each with one line."""

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
MACRO_CONTENT_TYPE = "application/vnd.ms-excel.sheet.macroEnabled"


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
    """Return the file's bytes if they are a plain .xlsx workbook openpyxl may safely open;
    raise WorkbookError with the reason otherwise."""
    name = str(filename or (source if isinstance(source, (str, Path)) else "")).lower()
    if name.endswith(".xls"):
        raise WorkbookError("不支持旧版 .xls 文件，请在 Excel 中“另存为” .xlsx 格式后再导入")
    if name.endswith(".xlsm"):
        raise WorkbookError("不支持含宏的 .xlsm 文件，请另存为不含宏的 .xlsx 格式后再导入")
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
        raise WorkbookError(
            "文件受密码保护或是旧版 .xls 格式，请取消密码并另存为 .xlsx 格式后再导入"
        )
    if not data.startswith(ZIP_MAGIC):
        raise WorkbookError("文件不是 Excel 工作簿（.xlsx），请检查是否选错了文件")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise WorkbookError("文件已损坏，无法打开，请重新保存后再导入") from error
    _check_members(archive, members, len(data))
    return data


def _check_members(archive, members, compressed_size):
    if len(members) > MAX_MEMBERS:
        raise WorkbookError("文件结构异常（内部文件过多），拒绝导入")
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise WorkbookError("文件不是 Excel 工作簿（.xlsx），请检查是否选错了文件")
    if "xl/vbaProject.bin" in names:
        raise WorkbookError("不支持含宏的 .xlsm 文件，请另存为不含宏的 .xlsx 格式后再导入")
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES or total > MAX_COMPRESSION_RATIO * max(compressed_size, 1024):
        raise WorkbookError("文件解压后体积异常（疑似压缩炸弹），拒绝导入")
    try:
        content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError) as error:
        raise WorkbookError("文件已损坏，无法打开，请重新保存后再导入") from error
    if MACRO_CONTENT_TYPE in content_types:
        raise WorkbookError("不支持含宏的 .xlsm 文件，请另存为不含宏的 .xlsx 格式后再导入")
    _check_actual_sizes(archive, members, compressed_size)


def _check_actual_sizes(archive, members, compressed_size):
    """The sizes in the zip directory can lie: inflate every member in chunks, counting, and
    stop at the cap. This also finds corrupted members (bad CRC)."""
    limit = min(MAX_UNCOMPRESSED_BYTES, MAX_COMPRESSION_RATIO * max(compressed_size, 1024))
    inflated = 0
    try:
        for member in members:
            with archive.open(member) as stream:
                while chunk := stream.read(1 << 20):
                    inflated += len(chunk)
                    if inflated > limit:
                        raise WorkbookError("文件解压后体积异常（疑似压缩炸弹），拒绝导入")
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
        raise WorkbookError("文件已损坏，无法打开，请重新保存后再导入") from error
