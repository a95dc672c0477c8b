from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from baidays.demo.seed import DEMO_SLUG, DEMO_USERS, seed_demo
from core.models import Campaign


class Command(BaseCommand):
    help = "载入演示数据：百日行动、附件1–4、数周周报、问题、会议和各角色演示账号"

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="数据库中已有百日行动时不载入（make run 使用）；仍打印演示账号",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Campaign.objects.exists():
            self.stdout.write("数据库中已有百日行动，未载入演示数据。")
        elif Campaign.objects.filter(slug=DEMO_SLUG).exists():
            self.stdout.write("演示百日行动已存在，未重复载入。")
        else:
            campaign, _users = seed_demo()
            self.stdout.write(
                self.style.SUCCESS(
                    f"已载入演示数据：{campaign.name}，"
                    f"{campaign.start_date:%Y-%m-%d} 至 {campaign.end_date:%Y-%m-%d}，"
                    f"今天是第 {campaign.day_number(timezone.localdate())} 天"
                )
            )
        self.print_logins()

    def print_logins(self):
        present = set(
            get_user_model()
            .objects.filter(username__in=DEMO_USERS)
            .values_list("username", flat=True)
        )
        if not present:
            return
        self.stdout.write(f"演示账号（密码均为 {settings.DEMO_PASSWORD}，除非已被修改）：")
        for username, (name, _title, department, role, _su) in DEMO_USERS.items():
            if username in present:
                self.stdout.write(f"  {username:<8} {role.label:<4} {name}（{department}）")
        if get_user_model().objects.filter(username="enterprise").exists():
            self.stdout.write("  enterprise 企业填报员 （一家争先杯企业，只见本企业）")
