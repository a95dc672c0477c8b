import time

from django.core.management.base import BaseCommand, CommandError

from baidays.demo.load import generate_load


def positive(value):
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "为性能测试生成负载数据：在当前百日行动中增加 P 个项目（其中五分之一为附件3 重点工业性"
        "项目）和 E 个“争先杯”参赛项目及其 W 周周报、问题、重点企业和规划节点；"
        "--campaigns C 另建 C−1 个同样规模的往年百日行动；--schedules 为每个项目生成覆盖全部周次的"
        "进度计划，并让进行中的百日行动里少数项目连续两周未报周报。只用于测试库，勿在生产库运行。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=positive, required=True, help="每个百日行动的项目数")
        parser.add_argument(
            "--enterprises", type=positive, required=True, help="每个百日行动的争先杯参赛项目数"
        )
        parser.add_argument(
            "--weeks", type=positive, required=True, help="周报周数（进行中的百日行动只到本周）"
        )
        parser.add_argument("--campaigns", type=positive, default=1, help="百日行动个数（含当前）")
        parser.add_argument("--seed", type=int, default=20260501, help="随机数种子")
        parser.add_argument(
            "--schedules", action="store_true", help="为每个项目生成进度计划（每周计划投资）"
        )

    def handle(self, *args, projects, enterprises, weeks, campaigns, seed, schedules, **options):
        if campaigns < 1:
            raise CommandError("--campaigns 至少为 1（当前百日行动）")
        started = time.perf_counter()
        result = generate_load(
            projects=projects,
            enterprises=enterprises,
            weeks=weeks,
            campaigns=campaigns,
            seed=seed,
            schedules=schedules,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"已生成 {len(result.campaigns)} 个百日行动的负载数据："
                f"项目 {result.projects} 个，争先杯参赛项目 {result.entries} 个，"
                f"周报 {result.reports} 份，问题 {result.problems} 个，"
                f"重点企业 {result.key_enterprises} 家，规划节点 {result.milestones} 个"
                + (
                    f"，进度计划 {result.plan_weeks} 周次，连续两周未报项目 {result.silent} 个"
                    if schedules
                    else ""
                )
                + f"（用时 {time.perf_counter() - started:.1f} 秒）"
            )
        )
