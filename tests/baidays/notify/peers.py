"""Real peers for the channel tests: an HTTP server that records every webhook request (and can
be told to fail the first ones), and aiosmtpd's SMTP server that keeps every mail."""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller


class RecordingRobot:
    """A local robot endpoint. `fail_first` requests get HTTP 500; then {"errcode": 0}. Each
    answer waits `delay` seconds (a slow robot lets two workers overlap)."""

    def __init__(self, fail_first=0, delay=0.0):
        self.requests = []
        self.fail_first = fail_first
        self.delay = delay
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                parts = urlsplit(self.path)
                robot.requests.append(
                    {
                        "path": parts.path,
                        "query": {k: v[0] for k, v in parse_qs(parts.query).items()},
                        "raw_query": parts.query,
                        "content_type": self.headers["Content-Type"],
                        "json": json.loads(body),
                    }
                )
                time.sleep(robot.delay)
                failing = len(robot.requests) <= robot.fail_first
                answer = {"errcode": 0, "errmsg": "ok"}
                self.send_response(500 if failing else 200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps(answer if not failing else {"errcode": -1}).encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}/robot/send?access_token=t"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class MailBox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_server():
    box = MailBox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    return controller, box
