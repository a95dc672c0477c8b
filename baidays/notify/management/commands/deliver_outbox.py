from django.core.management.base import BaseCommand

from baidays.notify.outbox import deliver_pending


class Command(BaseCommand):
    help = "发送发送队列中已到时间的消息（邮件、企业微信、钉钉），失败的按退避时间重试"

    def handle(self, *args, **options):
        sent, not_sent = deliver_pending()
        self.stdout.write(f"已发送 {sent} 条，未发送（稍后重试或推迟）{not_sent} 条")
