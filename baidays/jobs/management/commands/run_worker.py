import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from baidays.jobs.periodic import run_periodic_jobs

logger = logging.getLogger(__name__)
# waits after a lost database: 5 s, 10 s, 20 s… at most 5 minutes, until it answers again
BACKOFF_FIRST_SECONDS = 5
BACKOFF_MAX_SECONDS = 300


def wait_after(lost_in_a_row, interval):
    if lost_in_a_row == 0:
        return interval
    return min(BACKOFF_FIRST_SECONDS * 2 ** (lost_in_a_row - 1), BACKOFF_MAX_SECONDS)


class Command(BaseCommand):
    help = (
        "内置后台任务：每分钟生成到时的提醒、投递发送队列，每天一次督办和备份"
        "（设置 BACKUP_DIR 时）；某一步出错或数据库断开时记录在后台“后台任务状态”中并继续运行；"
        "make run 随网站一起启动，退出时自动重启"
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="两次运行之间的秒数")
        parser.add_argument("--once", action="store_true", help="只运行一次")
        parser.add_argument(
            "--runs", type=int, default=0, help="运行这么多次后停止（0：直到收到停止信号）"
        )

    def handle(self, *args, interval, once, runs, **options):
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write(f"后台任务已启动，每 {interval} 秒运行一次")
        runs = 1 if once else runs
        done = lost_in_a_row = 0
        while not stop.is_set():
            lost_in_a_row = lost_in_a_row + 1 if self._tick() else 0
            done += 1
            if runs and done >= runs:
                break
            stop.wait(wait_after(lost_in_a_row, interval))
            # between runs, like between requests: a connection past CONN_MAX_AGE or broken
            # while waiting is replaced
            close_old_connections()
        self.stdout.write("后台任务已停止")

    def _tick(self):
        """One run of the jobs; True when the database was lost during it."""
        try:
            result = run_periodic_jobs()
        except Exception as exc:  # the steps catch their own; this is the loop's last guard
            logger.exception("后台任务出错")
            self.stderr.write(f"后台任务出错（{type(exc).__name__}: {exc}），稍后重试")
            return True
        if result["occasions"] or result["supervisions_told"] or result["sent"]:
            self.stdout.write(
                f"提醒 {result['occasions']} 场，督办通知 {result['supervisions_told']} 张，"
                f"发送 {result['sent']} 条"
            )
        if result["backup"]:
            self.stdout.write(result["backup"])
        if result["failed"]:
            self.stderr.write(
                f"出错的步骤：{'、'.join(result['failed'])}（详见后台“后台任务状态”），其余照常运行"
                + ("；数据库连接已断开，稍后重连" if result["database_lost"] else "")
            )
        return result["database_lost"]
