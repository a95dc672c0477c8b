import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from baidays.notify.jobs import run_periodic_jobs


class Command(BaseCommand):
    help = (
        "内置后台任务：每分钟生成到时的提醒、投递发送队列，每天一次备份（设置 BACKUP_DIR 时）；"
        "make run 随网站一起启动和停止"
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="两次运行之间的秒数")
        parser.add_argument("--once", action="store_true", help="只运行一次")

    def handle(self, *args, interval, once, **options):
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write(f"后台任务已启动，每 {interval} 秒运行一次")
        while not stop.is_set():
            result = run_periodic_jobs()
            if result["occasions"] or result["supervisions_told"] or result["sent"]:
                self.stdout.write(
                    f"提醒 {result['occasions']} 场，督办通知 {result['supervisions_told']} 张，"
                    f"发送 {result['sent']} 条"
                )
            if result["backup"]:
                self.stdout.write(result["backup"])
            if once:
                break
            stop.wait(interval)
            # between runs, like between requests: a connection past CONN_MAX_AGE or broken
            # while waiting is replaced
            close_old_connections()
        self.stdout.write("后台任务已停止")
