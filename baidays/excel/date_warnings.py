"""Plans that cannot meet the campaign: a 计划完成时间 before the 100 days begin, or a 计划开工时间
after they end. Such a file is usually the sample or last year's annex imported into another
campaign; saved as it is, every item would turn red and 督办 would open 黄牌 on all of them. It is
not refused (a key project may really have finished), but warned about row by row in the
preview and by the command before anything is saved (the command then asks for
--accept-dates)."""


def plan_warnings(table, campaign):
    """One line per date column: the rows whose plan lies wholly outside the campaign."""
    if campaign is None:
        return []
    start, end = campaign.start_date, campaign.end_date
    checks = (
        ("planned_finish", lambda day: day < start, f"早于百日行动开始（{start.isoformat()}）"),
        ("planned_start", lambda day: day > end, f"晚于百日行动结束（{end.isoformat()}）"),
    )
    lines = []
    for key, outside, why in checks:
        rows = [row for row in table.rows if row.values.get(key) and outside(row.values[key])]
        if rows:
            numbers = "、".join(str(row.number) for row in rows[:20])
            more = f" 等 {len(rows)} 行" if len(rows) > 20 else ""
            lines.append(
                f"第 {numbers} 行{more}的“{table.headers.get(key, key)}”{why}："
                "这些项目在本次百日行动中不会有计划进度，请核对是否选错了百日行动或文件"
            )
    return lines
