"""Column mappings the admin gives for headers the reader could not place ("表头文字=字段" on
the command, or the form on the admin preview), remembered per annex."""

from baidays.excel.errors import WorkbookError
from baidays.excel.headers import header_key
from baidays.excel.models import IGNORE, AnnexColumnMapping

IGNORE_WORDS = ("忽略", "不导入", "-")


def saved_mappings(annex):
    """Normalised header -> column key ("" to ignore) the admin chose before for `annex`."""
    return dict(AnnexColumnMapping.objects.filter(annex=annex).values_list("header", "field"))


def field_choices(layout):
    """(key, header) of every column a header may be mapped to, and the choice to ignore it."""
    return [(column.key, column.header) for column in layout.columns] + [(IGNORE, "忽略此列")]


def resolve_field(layout, name):
    """The column key the admin means by `name`: its key or its header; "忽略" to ignore."""
    text = header_key(name)
    if str(name).strip() in IGNORE_WORDS:
        return IGNORE
    for column in layout.columns:
        if text in (column.key, header_key(column.header)):
            return column.key
    names = "、".join(column.header for column in layout.columns)
    raise WorkbookError(f"没有名为“{name}”的{layout.label}字段，可用的字段：{names}、忽略")


def parse_map_option(layout, option):
    """ "表头文字=字段" -> (header as written, column key)."""
    header, sep, name = str(option).rpartition("=")
    if not sep or not header.strip() or not name.strip():
        raise WorkbookError(f"列对应“{option}”应写作“表头文字=字段”，如“计划开始=计划开工时间”")
    return header.strip(), resolve_field(layout, name.strip())


def with_overrides(annex, pairs):
    """The saved mappings of `annex` with the admin's new (header, key) pairs on top."""
    mappings = saved_mappings(annex)
    mappings.update({header_key(header): key for header, key in pairs})
    return mappings


def remember(annex, pairs):
    for header, key in pairs:
        AnnexColumnMapping.objects.update_or_create(
            annex=annex,
            header=header_key(header),
            defaults={"header_as_written": header[:200], "field": key},
        )
