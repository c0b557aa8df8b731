#!/usr/bin/env python3
"""A slow stand-in for PagerDuty and Slack, for benches/handoff.sh.

Every answer waits DELAY_MS (default 200) before it is sent, like a distant
API. Threaded, so concurrent requests wait concurrently. Answers:
  GET  /incidents          one page of one incident (`more: false`)
  POST /chat.postMessage   {"ok": true, ...}
  anything else            404
Prints the port it listens on (127.0.0.1, a free port) on the first line of
stdout, then serves until killed. Logs each request to stderr with its time.
"""

import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

DELAY = float(os.environ.get("DELAY_MS", "200")) / 1000.0
T0 = time.monotonic()

INCIDENT = {
    "id": "PBENCH1",
    "type": "incident",
    "incident_number": 1,
    "title": "Benchmark incident",
    "status": "triggered",
    "urgency": "high",
    "html_url": "https://bench.pagerduty.com/incidents/PBENCH1",
    "created_at": "2026-03-01T18:00:00Z",
    "assignments": [],
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, status, body):
        if self.headers.get("Content-Length"):
            self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(DELAY)
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if urlsplit(self.path).path == "/incidents":
            page = {"incidents": [INCIDENT], "limit": 100, "offset": 0, "more": False}
            self.answer(200, page)
        else:
            self.answer(404, {"error": {"message": "Not Found"}})

    def do_POST(self):
        if urlsplit(self.path).path == "/chat.postMessage":
            self.answer(200, {"ok": True, "channel": "C0BENCH01", "ts": "1.0"})
        else:
            self.answer(404, {"ok": False, "error": "unknown_method"})

    def log_message(self, fmt, *args):
        sys.stderr.write("%8.3f %s\n" % (time.monotonic() - T0, fmt % args))


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
