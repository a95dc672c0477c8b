"""The 公文 the office sends, one function each, every figure as the page shows it on the same
as-of day (the summary's, through the same filters): the weekly 工作简报 with its narrative,
the 督办通知单, the 工作小结."""

from django.utils import timezone

from baidays.closing.selectors import receipt_as_of
from baidays.closing.work_summary import activity_rows
from baidays.dashboards.briefing import briefing
from core.history import user_name
from core.templatetags.dashboard_tags import wan, wan_or_yi
from supervision.selectors import with_state_as_of

from .gongwen import Gongwen, Imprint, Masthead, chinese_date

OFFICE = "县“服务工业、推进项目”百日行动领导小组办公室"
COMMITTEE = "县工业园区管委会"
LEADING_GROUP = "县“服务工业、推进项目”百日行动领导小组"


def _investment(doc, s):
    infrastructure, competition, key = s["infrastructure"], s["competition"], s["key_projects"]
    lag = infrastructure["lagging"]
    goals = "，".join(
        f"{goal['label']} {goal['achieved']}/{goal['planned']} 家"
        for goal in competition["goals"].values()
    )
    doc.paragraph(
        f"{infrastructure['count']} 个基础设施建设项目（附件1）累计完成投资 "
        f"{wan(infrastructure['completed_wan'])} 万元，为目标 "
        f"{wan_or_yi(infrastructure['target_wan'])} 的 {infrastructure['percent']}%；滞后项目 "
        f"{lag['total']} 个（严重滞后 {lag['red']} 个）。"
    )
    doc.paragraph(
        f"“争先杯”参赛企业（附件2）{competition['count']} 家累计完成投资 "
        f"{wan(competition['completed_wan'])} 万元，为目标 {wan_or_yi(competition['target_wan'])} "
        f"的 {competition['percent']}%；{goals}。重点工业性投资项目（附件3）累计完成投资 "
        f"{wan(key['completed_wan'])} 万元，为百日计划的 {key['percent']}%。"
    )
    doc.table(
        ["指标", "目标（万元）", "完成（万元）", "完成率", "滞后（红/黄）"],
        [
            [
                label,
                wan(block["target_wan"] if target else block["planned_wan"]),
                wan(block["completed_wan"]),
                f"{block['percent']}%",
                f"{block['lagging']['red']}/{block['lagging']['yellow']}",
            ]
            for label, block, target in (
                ("基础设施建设投资", infrastructure, True),
                ("“争先杯”企业投资", competition, True),
                ("重点工业性投资", key, False),
            )
        ],
    )


def _topics(doc, s, overdue_milestones):
    topics, plans = s["topics"], s["plans"]
    land = "".join(
        f"{t['title']} {t['achieved']}/{t['target']} 亩（{t['percent']}%）；"
        for t in topics["land"]["targets"]
    )
    meetings = sum(topics[key]["meetings"] for key in ("land", "approval", "power"))
    overdue = "、".join(m.title for m in overdue_milestones)
    doc.paragraph(
        f"{land}解决建设审批及竣工验收问题 {topics['approval']['solved']}/"
        f"{topics['approval']['target']} 家；电力项目完成 {topics['power']['done']}/"
        f"{topics['power']['items']} 项；召开专题会议 {meetings} 次。规划节点 "
        f"{plans['milestones']} 个，已完成 {plans['done']} 个，逾期 {plans['overdue']} 个"
        f"{f'（{overdue}）' if overdue else ''}。出让土地 {topics['land']['transferred_mu']} 亩，"
        f"举办推介会 {s['promotion']['events']} 场、意向项目 {s['promotion']['leads']} 个。"
    )


def _problems_and_reports(doc, s, context):
    problems, key = s["problems"], s["key_enterprises"]
    doc.heading("四、服务企业和困难问题")
    doc.paragraph(
        f"共收集困难和问题 {problems['total']} 个，已解决 {problems['resolved']} 个，未解决 "
        f"{problems['open']} 个，其中超过办结期限 {problems['overdue']} 个。“2112”重点企业 "
        f"{key['count']} 家，反映问题未解决 {key['problems_open']} 个、已解决 "
        f"{key['problems_resolved']} 个。"
    )
    doc.heading(f"五、滞后事项（前 {context['top_n']} 项）")
    rows = [
        [
            index,
            f"{row['name']}（{'红' if row['lag'] == 'red' else '黄'}）",
            row["department"],
            f"{row['investment_percent']}%",
            row["gap"],
        ]
        for index, row in enumerate(context["lagging"], start=1)
    ]
    if rows:
        doc.table(["序", "事项", "责任单位", "投资完成率", "落后（百分点）"], rows)
    else:
        doc.paragraph("无滞后事项。")
    reports = s["reports"]
    doc.heading("六、周报填报")
    doc.paragraph(
        f"第 {reports['week']} 周应报 {reports['expected']} 项，已报 {reports['submitted']} 项，"
        f"待审核 {reports['pending_review']} 项，退回 {reports['returned']} 项，未报 "
        f"{reports['missing']} 项。"
    )


def briefing_document(campaign, as_of):
    """工作简报 of the week of `as_of`: the narrative as it stood at the end of that day and the
    summary's figures of that day; 签发人 the leader who signed it off (上行文: it goes to the
    leading group)."""
    context = briefing(campaign, as_of)
    s = context["summary"]
    narrative = context.get("narrative")
    doc = Gongwen()
    doc.masthead(
        Masthead(
            organ="工作简报",
            number=f"第 {s['reports']['week']} 期",
            signer=context.get("narrative_issuer") or "（未签发）",
            upward=True,
        )
    )
    doc.title(f"{campaign.name}进展情况")
    phase = s["campaign"]["phase"]
    doc.paragraph(
        f"截至 {chinese_date(as_of)}，百日行动进行到第 {s['campaign']['day']} 天（共 "
        f"{s['campaign']['days_total']} 天），"
        f"{'处于' + phase['name'] if phase else '不在行动期内'}，时序进度 "
        f"{s['campaign']['time_percent']}%。"
    )
    doc.heading("一、工作动态")
    doc.paragraphs(narrative.progress if narrative else "")
    doc.heading("二、投资完成情况")
    _investment(doc, s)
    doc.heading("三、三个专题和三个规划")
    _topics(doc, s, context["overdue_milestones"])
    _problems_and_reports(doc, s, context)
    doc.heading("七、存在问题")
    doc.paragraphs(narrative.problems if narrative else "")
    doc.heading("八、下步工作")
    doc.paragraphs(narrative.next_steps if narrative else "")
    doc.signature(COMMITTEE, as_of)
    doc.imprint(
        Imprint(
            copy_to=f"{LEADING_GROUP}，各责任单位",
            printed_by=f"{COMMITTEE}办公室",
            printed_on=as_of,
        )
    )
    return doc.content()


def supervision_document(supervision, as_of):
    """督办通知单 as it stood at the end of `as_of`: to the responsible unit (下行文), what, why,
    by when, the answer and closing by then, and the 签收 block."""
    (supervision,) = with_state_as_of([supervision], as_of)
    doc = Gongwen()
    doc.masthead(
        Masthead(organ=OFFICE, number=f"督办〔{supervision.opened_on:%Y}〕{supervision.pk}号")
    )
    doc.title(f"督办通知单（{supervision.level.label}）")
    doc.addressee(str(supervision.department))
    doc.paragraph(
        f"经核查，{supervision.target_label}存在以下情况：{supervision.get_cause_display()}"
        f"{f'，{supervision.detail}' if supervision.detail else ''}。请于 "
        f"{chinese_date(supervision.answer_due)}前书面答复整改措施和承诺完成日期，并上传佐证材料；"
        f"{chinese_date(supervision.escalate_after)}后仍未销号的，升级为红牌，抄送责任领导和领导小组办公室。"
    )
    doc.heading("一、督办事项")
    doc.table(
        ["项目", "内容"],
        [
            ["督办单编号", supervision.number],
            ["责任单位", str(supervision.department)],
            ["责任领导", str(supervision.leader) if supervision.leader else "—"],
            ["督办对象", supervision.target_label],
            ["督办原因", supervision.get_cause_display()],
            ["发单日期", chinese_date(supervision.opened_on)],
            ["答复期限", chinese_date(supervision.answer_due)],
        ],
    )
    doc.heading("二、整改答复和销号")
    if supervision.answered:
        promised = supervision.promised_on
        doc.paragraph(
            f"{chinese_date(supervision.answered_on)}答复：{supervision.measures}"
            f"{f'；承诺 {chinese_date(promised)}前完成' if promised else ''}。"
        )
    else:
        doc.paragraph("尚未答复。")
    if supervision.closed:
        doc.paragraph(
            f"{chinese_date(supervision.closed_on)}{supervision.get_closed_how_display()}："
            f"{supervision.close_note}。"
        )
    else:
        doc.paragraph("未销号。")
    doc.heading("三、签收")
    receipt = receipt_as_of(supervision, as_of)
    doc.table(
        ["接收单位", "签收人", "签收时间"],
        [
            [
                str(supervision.department),
                user_name(receipt.received_by) if receipt else "",
                receipt_time(receipt),
            ]
        ],
    )
    doc.signature(OFFICE, supervision.opened_on)
    doc.imprint(
        Imprint(
            copy_to="责任领导" if supervision.level == "yellow" else "责任领导，县工业园区管委会",
            printed_by=OFFICE,
            printed_on=supervision.opened_on,
        )
    )
    return doc.content()


def receipt_time(receipt):
    if receipt is None:
        return "    年  月  日"
    moment = timezone.localtime(receipt.received_at)
    return f"{chinese_date(moment.date())} {moment:%H:%M}"


def summary_document(work_summary):
    """工作小结 (上行文 to the county leading group's office) as the draft stood: its figures are
    the snapshot taken when it was drafted, so the document is the same whenever it is made."""
    figures = work_summary.figures
    s = figures["summary"]
    doc = Gongwen()
    signer = user_name(work_summary.issued_by) if work_summary.issued_by_id else "（未签发）"
    doc.masthead(
        Masthead(
            organ=f"{COMMITTEE}文件",
            number=f"园管〔{work_summary.drafted_on:%Y}〕{work_summary.pk}号",
            signer=signer,
            upward=True,
        )
    )
    doc.title(f"关于{s['campaign']['name']}的工作小结")
    doc.addressee(f"{LEADING_GROUP}办公室")
    doc.paragraph(
        f"截至 {chinese_date(work_summary.drafted_on)}（第 {s['campaign']['day']} 天，时序进度 "
        f"{s['campaign']['time_percent']}%），现将百日行动开展情况小结如下。"
    )
    doc.heading("一、目标完成情况")
    doc.table(
        ["工作", "目标", "完成", "完成率"],
        [[r["activity"], r["target"], r["result"], r["rate"]] for r in activity_rows(figures)],
    )
    doc.heading("二、主要做法和成效")
    doc.paragraphs(work_summary.practices, empty="（尚未撰写）")
    solved = figures["problems_solved"]
    doc.heading("（一）帮助企业和项目解决问题", level=2)
    doc.paragraph(
        f"共帮助解决困难和问题 {solved['count']} 个"
        + "".join(
            f"；{p['unit']}：{p['title']}（{p['resolved_on']}解决）" for p in solved["listed"][:5]
        )
        + "。"
    )
    fb = figures["feedback"]
    doc.heading("（二）企业和施工单位评价", level=2)
    averages = "，".join(f"{d['label']} {d['average'] or '—'} 分" for d in fb["dimensions"])
    doc.paragraph(
        f"向 {fb['requested']} 家单位征询意见，{fb['answered']} 家答复；{averages}（满分 5 分）。"
    )
    evaluations = figures["evaluations"]
    doc.heading("（三）项目责任人评议", level=2)
    doc.paragraph(
        f"评议项目责任人 {len(evaluations)} 名"
        + "".join(f"；{e['person']} {e['score']} 分{e['grade']}" for e in evaluations[:10])
        + "。"
    )
    lb = figures["lookback"]
    doc.heading("（四）回头看", level=2)
    kinds = "，".join(f"{k['label']} {k['total']} 项（已办结 {k['done']} 项）" for k in lb["kinds"])
    doc.paragraph(
        f"查摆问题 {lb['total']} 项，已办结 {lb['done']} 项{f'：{kinds}' if kinds else ''}。"
    )
    doc.heading("三、存在的问题")
    doc.paragraphs(work_summary.problems, empty="（尚未撰写）")
    doc.heading("四、下步打算")
    doc.paragraphs(work_summary.next_steps, empty="（尚未撰写）")
    doc.signature(COMMITTEE, work_summary.drafted_on)
    doc.imprint(
        Imprint(
            copy_to="县人民政府办公室",
            printed_by=f"{COMMITTEE}办公室",
            printed_on=work_summary.reported_on or work_summary.drafted_on,
        )
    )
    return doc.content()
