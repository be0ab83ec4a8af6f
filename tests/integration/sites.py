"""A small web server on this machine for the fetcher's tests: articles, redirects, traps."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.integration.crafted import nested_html

ARTICLE = """<!doctype html><html lang="en"><head><title>Crew held at sea</title>
<meta name="author" content="Test Reporter"><meta property="og:site_name" content="Harbour Times">
<meta name="date" content="2024-03-05"></head><body><nav>Home | World</nav><article><h1>Crew held at sea</h1>
<p>Twenty deckhands from Myanmar say their trawler never called at port for eleven months.</p>
<p>They worked from 4 a.m. until 11 p.m. and their wages were paid to the recruitment agency.</p>
<p>The captain kept their passports in a locked drawer, the men told the union.</p></article>
<script>document.title = 'scripted';</script></body></html>"""

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


class Site(BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        Site.hits.append(self.path)
        handler = {
            "/article": lambda: self._send(200, "text/html; charset=utf-8", ARTICLE.encode()),
            "/image": lambda: self._send(200, "image/png", PNG),
            "/huge": lambda: self._send(200, "text/plain", b"x" * (16 * 1024 * 1024)),
            "/loop": lambda: self._redirect("/loop2"),
            "/loop2": lambda: self._redirect("/loop"),
            "/moved": lambda: self._redirect("/article"),
            "/missing": lambda: self._send(404, "text/html", b"<h1>Not found</h1>"),
            "/drip": self._drip_body,
            "/drip-headers": self._drip_headers,
            "/nested": lambda: self._send(200, "text/html", nested_html(100_000)),
        }.get(self.path.split("?")[0])
        if handler is None and self.path.startswith("/to/"):
            return self._redirect(self.path[len("/to/"):])
        if handler is None:
            return self._send(404, "text/plain", b"no")
        return handler()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the fetcher hung up on a too-large answer, as it should

    def _drip_body(self) -> None:
        """A page that arrives one byte at a time, each well within the fetcher's read timeout."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "1000000")
        self.end_headers()
        self._drip(b"<p>" + b"x" * 1000)

    def _drip_headers(self) -> None:
        """A server that never finishes its headers."""
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self._drip(b"X-Slow: " + b"y" * 1000)

    def _drip(self, data: bytes) -> None:
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the fetcher gave up, as it should

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


Site.hits = []


def serve() -> tuple[ThreadingHTTPServer, int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]
