"""What goes wrong with an uploaded workbook, worded for the clerk who uploaded it."""

from dataclasses import dataclass


class CellError(ValueError):
    """A cell value that cannot be read; the message is the Chinese reason."""


class WorkbookError(Exception):
    """The file as a whole cannot be imported (not an xlsx, encrypted, too big, no header)."""


@dataclass(frozen=True, order=True)
class RowProblem:
    row: int
    column: str
    reason: str

    def __str__(self):
        where = f"第 {self.row} 行" if self.row else "表格"
        column = f"“{self.column}”列" if self.column else ""
        return f"{where}{column}：{self.reason}"


class RowErrors(Exception):
    """One or more bad rows; nothing was saved."""

    def __init__(self, problems):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class AnnexRefusal(Exception):
    """One line of a refused import, as shown in the admin's import page."""
