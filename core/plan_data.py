"""The county's plan (全县服务工业百日行动方案) as data: every target, date and task that
setup_campaign creates comes from here, and everything here comes from the plan's text.
Dates are (month, day) in the campaign's year."""

from decimal import Decimal

CAMPAIGN_NAME = "{year}年全县“服务工业、推进项目”百日行动"
START = (5, 1)  # 5月上旬
END = (8, 20)  # 8月中旬告一段落
INFRASTRUCTURE_TARGET_WAN = Decimal("1156.00")  # 21个基础设施建设项目完成投资1156万元
COMPETITION_TARGET_WAN = Decimal("17800.00")  # 20家企业完成投资1.78亿元
GOALS = {"start": 7, "accelerate": 12, "complete": 1}  # 开工7家、加快推进12家、竣工1家

LEADING_OFFICE = "县工业园区管委会"
DEPARTMENTS = [
    LEADING_OFFICE,
    "园区建设科",
    "园区电力办",
    "园区招商科",
    "园区企业服务科",
    "园区办公室",
    "园区开发公司",
    "县建设规划局",
    "县发改局",
    "县经贸局",
    "县国土资源局",
    "县供电公司",
    "县水务公司",
    "永安街道",
]

# (kind, name, plan's wording of the period, start, end)
PHASES = [
    ("mobilize", "发动阶段", "5月上旬至5月中旬", (5, 1), (5, 20)),
    ("advance", "推进阶段", "5月下旬至7月底", (5, 21), (7, 31)),
    ("summarize", "总结阶段", "8月初至8月中旬", (8, 1), (8, 20)),
]

# phase kind -> [(code, title, description, responsible department)]
PHASE_TASKS = {
    "mobilize": [
        (
            "mobilization-meeting",
            "召开动员大会",
            "明确园区建设的指导思想、目标任务、具体要求和存在的问题，动员一切力量服务园区、服务企业。",
            LEADING_OFFICE,
        ),
        (
            "thought-discussion",
            "开展解放思想大讨论",
            "以“增强信心鼓实劲，解放思想见行动”为主题，查找差距、剖析原因、落实整改；邀请县分管领导参加。",
            LEADING_OFFICE,
        ),
        (
            "research",
            "开展一次调研",
            "班子成员做好负责项目的调研，明确每个项目存在的问题，提出加快项目建设的意见、计划。",
            LEADING_OFFICE,
        ),
        (
            "action-plans",
            "制订行动计划",
            "制定《深化“加快园区建设，促进产业集聚”抓落实专项工作方案》和《园区管委会“服务工业、推进项目”百日行动实施方案》。",
            "园区办公室",
        ),
    ],
    "advance": [
        (
            "site-banners",
            "现场横幅宣传“百日行动”",
            "在园区现场利用横幅宣传“百日行动”，营造气氛，鼓舞干劲。",
            "园区建设科",
        ),
        (
            "competition-mobilization",
            "召开“争先杯”表彰暨动员会议",
            "召开县工业园区年度“争先杯”企业建设竞赛表彰暨年度“争先杯”企业建设动员会议。",
            "园区企业服务科",
        ),
        (
            "tv-pledges",
            "参赛企业法人代表电视承诺",
            "每家参赛企业法人代表在电视向社会各界承诺。",
            "园区企业服务科",
        ),
        (
            "progress-boards",
            "参赛企业现场树立进度计划表",
            "在参赛企业现场树立“争先杯”进度计划表。",
            "园区企业服务科",
        ),
        (
            "promotion-events",
            "举办招商引资和园区推介会",
            "到县市举办几次招商引资和园区推介会，加强园区推介力度，力争出让土地一批。",
            "园区招商科",
        ),
        (
            "service-mechanism",
            "研究全程服务机制",
            "发挥园区管委会办事大厅窗口服务功能，研究一套全程服务机制，改善投资软环境。",
            "园区企业服务科",
        ),
    ],
    "summarize": [
        (
            "feedback",
            "问题反馈及听取企业意见",
            "对帮助解决的问题情况进行一次反馈，听取企业和项目施工单位对园区管委会的意见。",
            "园区企业服务科",
        ),
        (
            "evaluation",
            "责任人评议",
            "在管委会内对“百日行动”具体项目责任人开展评议。",
            LEADING_OFFICE,
        ),
        (
            "look-back",
            "开展“回头看”",
            "检查总结百日行动的开展情况，查漏补缺。",
            LEADING_OFFICE,
        ),
        (
            "summary-report",
            "工作小结上报领导小组办公室",
            "形成工作小结，上报县“服务工业、推进项目”百日行动领导小组办公室。",
            "园区办公室",
        ),
    ],
}

# (topic, metric, title, unit, quantity, period start, period end, department)
TOPIC_TARGETS = [
    (
        "land",
        "land_approval_mu",
        "5月份上报土地审批手续",
        "亩",
        Decimal("150"),
        (5, 1),
        (5, 31),
        "县国土资源局",
    ),
    (
        "land",
        "land_plan_adjust_mu",
        "6、7月份完成上报土地利用规划调整相关手续",
        "亩",
        Decimal("400"),
        (6, 1),
        (7, 31),
        "县国土资源局",
    ),
    (
        "approval",
        "approvals_solved",
        "7月份解决入园企业建设审批手续办理及竣工企业验收问题",
        "家",
        Decimal("7"),
        (7, 1),
        (7, 31),
        LEADING_OFFICE,
    ),
]

# (name, zone, work, department); the plan sets no separate dates, so each is due at the end of
# the advancement phase.
POWER_ITEMS = [
    ("东一路电力线路改造", "现代工业集聚区", "改造", "园区电力办"),
    ("东三路电力线路改造", "现代工业集聚区", "改造", "园区电力办"),
    ("纬二路电力线路", "现代工业集聚区", "完成新建线路", "园区电力办"),
    ("近期电力规划", "现代工业集聚区", "完成编制", "园区电力办"),
    ("四号路以东至大路出口电力线路", "永安工业集聚区", "建成", "园区电力办"),
    ("下各110kV变电所至永安工业集聚区电力线路", "永安工业集聚区", "完成", "县供电公司"),
    ("下各110kV变电所至现代工业集聚区电力线路", "现代工业集聚区", "完成", "县供电公司"),
]
POWER_DUE = (7, 31)

# (kind, name, description, [(seq, title, lead department, due)])
PLANS = [
    (
        "layout",
        "工业集聚区布局规划",
        "由县建设规划局牵头，完成工业新城控制性详规评审。",
        [(1, "工业新城控制性详规评审", "县建设规划局", (7, 31))],
    ),
    (
        "function",
        "工业集聚区功能规划",
        "由县发改局牵头，完成功能规划和工业园区扩容可研，征求意见后修改定稿。",
        [
            (1, "完成功能规划和工业园区扩容可研初稿", "县发改局", (6, 30)),
            (2, "征求意见后修改，完成可研报告和功能规划", "县发改局", (7, 31)),
        ],
    ),
    (
        "development",
        "工业集聚区发展规划",
        "解决园区长远发展和空间拓展问题，完成杨府移民小区村庄整治一期初设报批。",
        [(1, "杨府移民小区村庄整治一期初设报批", LEADING_OFFICE, (7, 31))],
    ),
]
