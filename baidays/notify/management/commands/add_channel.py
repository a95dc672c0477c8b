from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from baidays.notify.models import ChannelKind
from baidays.notify.services import add_channel
from core.models import Department


class Command(BaseCommand):
    help = "为一个单位添加通知渠道：电子邮件、企业微信群机器人或钉钉自定义机器人"

    def add_arguments(self, parser):
        parser.add_argument("--department", required=True, help="单位名称")
        parser.add_argument("--kind", required=True, choices=ChannelKind.values)
        parser.add_argument("--target", required=True, help="邮箱地址或机器人 Webhook 地址")
        parser.add_argument("--secret", default="", help="钉钉机器人的加签密钥")

    def handle(self, *args, department, kind, target, secret, **options):
        unit = Department.objects.filter(name=department).first()
        if unit is None:
            raise CommandError(f"没有名为“{department}”的单位")
        try:
            channel = add_channel(department=unit, kind=kind, target=target, secret=secret)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(f"已添加：{channel}")
