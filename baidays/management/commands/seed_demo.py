from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.core.management.base import BaseCommand

from baidays.demo import DEMO_USERS, seed_demo
from baidays.models import Campaign


class Command(BaseCommand):
    help = "载入演示数据：百日行动、附件1–4、数周周报、问题、会议和各角色演示账号"

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="数据库中已有百日行动时不做任何事（make run 使用）",
        )

    def handle(self, *args, if_empty=False, **options):
        if Campaign.objects.exists():
            if if_empty:
                self.stdout.write("数据库中已有百日行动，未载入演示数据。")
                return
            if Campaign.objects.filter(slug="demo").exists():
                self.stdout.write("演示百日行动已存在，未重复载入。")
                return
        campaign, _users = seed_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"已载入演示数据：{campaign.name}，"
                f"{campaign.start_date:%Y-%m-%d} 至 {campaign.end_date:%Y-%m-%d}，"
                f"今天是第 {campaign.day_number(campaign.start_date.today())} 天"
            )
        )
        self.stdout.write(f"演示账号（密码均为 {settings.DEMO_PASSWORD}）：")
        for username, (name, _title, department, role, _su) in DEMO_USERS.items():
            self.stdout.write(f"  {username:<8} {role.label:<4} {name}（{department}）")
