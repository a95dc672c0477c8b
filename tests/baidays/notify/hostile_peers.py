"""Hostile peers on 127.0.0.1 for the attack tests: a robot that answers whatever it is told
(a NUL byte, a redirect, a refusal), one that trickles its answer a byte at a time, an SMTP
server that accepts and never speaks, and one that drops the connection after the DATA."""

import contextlib
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ScriptedRobot:
    """Answers the n-th request with answers[n] (the last one repeats): (status, body bytes,
    headers dict); records each request's JSON."""

    def __init__(self, answers, delay=0.0):
        self.answers, self.delay, self.requests = answers, delay, []
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                robot.requests.append({"path": self.path, "json": json.loads(body)})
                time.sleep(robot.delay)
                status, answer, headers = robot.answers[
                    min(len(robot.requests), len(robot.answers)) - 1
                ]
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}/cgi-bin/webhook/send?key=secretkey"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


OK = (200, b'{"errcode": 0, "errmsg": "ok"}', {"Content-Type": "application/json"})


class RawServer:
    """A TCP server on 127.0.0.1 running `script(conn)` for each connection in a thread."""

    def __init__(self, script):
        self.script, self.connections = script, 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def port(self):
        return self.listener.getsockname()[1]

    def _serve(self):
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                continue
            self.connections += 1
            threading.Thread(target=self._run, args=(conn,), daemon=True).start()

    def _run(self, conn):
        with conn, contextlib.suppress(OSError):
            self.script(conn, self.stopping)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.listener.close()


def silent(conn, stopping, hold=8.0):
    """Accepts and says nothing (for `hold` seconds, then hangs up)."""
    stopping.wait(hold)


def trickling_http(conn, stopping, step=0.25):
    """Reads the request, then answers a complete 200 one byte every `step` seconds."""
    conn.settimeout(5)
    conn.recv(65536)
    answer = b'HTTP/1.1 200 OK\r\nContent-Length: 14\r\n\r\n{"errcode": 0}'
    for byte in answer:
        if stopping.wait(step):
            return
        conn.sendall(bytes([byte]))


class DroppingSMTP:
    """Speaks SMTP until the end of the DATA, then hangs up without the 250: the mail may well
    have been taken. Counts the DATA that were complete."""

    def __init__(self):
        self.mails = 0

    def __call__(self, conn, stopping):
        conn.settimeout(5)
        conn.sendall(b"220 test ESMTP\r\n")
        reader = conn.makefile("rb")
        while True:
            line = reader.readline()
            if not line:
                return
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                conn.sendall(b"250 test\r\n")
            elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                conn.sendall(b"250 OK\r\n")
            elif verb == b"DATA":
                conn.sendall(b"354 go ahead\r\n")
                while reader.readline() not in (b".\r\n", b""):
                    pass
                self.mails += 1
                return  # hang up before the 250
            elif verb == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"502 no\r\n")
