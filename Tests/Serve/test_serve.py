#!/usr/bin/env python3
"""`briefing serve` over real HTTP and WebSocket: pages, directory URLs, refused traversal,
rebuild and reload on edits, the error message of a broken edit, recovery, Ctrl-C.

usage: test_serve.py BRIEFING_BINARY   (standard library only)
"""
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

BINARY = None
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raw_get(port, path, timeout=5):
    """Sends the path exactly as given (no client-side normalization); returns (status, headers, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, headers, body


class WebSocket:
    """A minimal RFC 6455 client: handshake, then read unmasked text frames from the server."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /__briefing/ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(1)
        assert response.startswith(b"HTTP/1.1 101"), response
        self.buffer = b""

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def receive(self, timeout=15):
        self.sock.settimeout(timeout)
        while True:
            b0, b1 = self._read(2)
            length = b1 & 0x7F
            if length == 126:
                length = int.from_bytes(self._read(2), "big")
            elif length == 127:
                length = int.from_bytes(self._read(8), "big")
            payload = self._read(length)
            if b0 & 0x0F == 1:
                return json.loads(payload.decode())

    def close(self):
        self.sock.close()


class ServeTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.site = tempfile.mkdtemp(prefix="briefing-serve-")
        shutil.copytree(os.path.join(ROOT, "Tests/Fixtures/minimal/Content"), os.path.join(cls.site, "Content"))
        cls.outside = tempfile.mkdtemp(prefix="briefing-outside-")
        with open(os.path.join(cls.outside, "secret.txt"), "w") as f:
            f.write("SECRET-OUTSIDE\n")
        cls.process = subprocess.Popen([BINARY, "serve", cls.site, "--port", str(free_port())],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = cls.process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, f"no address in: {line!r} {cls.process.stderr.read() if cls.process.poll() is not None else ''}"
        cls.port = int(match.group(1))

    @classmethod
    def tearDownClass(cls):
        if cls.process.poll() is None:
            cls.process.kill()
        shutil.rmtree(cls.site, ignore_errors=True)
        shutil.rmtree(cls.outside, ignore_errors=True)

    def test_1_pages_and_directory_urls(self):
        status, headers, body = raw_get(self.port, "/")
        self.assertEqual(status, 200)
        self.assertIn("text/html", headers["content-type"])
        self.assertIn(b"/__briefing/reload.js", body)
        self.assertEqual(raw_get(self.port, "/entities/")[0], 200)
        status, headers, _ = raw_get(self.port, "/entities")
        self.assertEqual(status, 301)
        self.assertEqual(headers["location"], "/entities/")
        self.assertEqual(raw_get(self.port, "/static/style.css")[0], 200)
        status, _, body = raw_get(self.port, "/no/such/page/")
        self.assertEqual(status, 404)
        self.assertIn(b"Page not found", body)
        with open(os.path.join(self.site, "Output/index.html"), "rb") as f:
            self.assertNotIn(b"reload.js", f.read(), "the reload script is never written to Output/")

    def test_2_traversal_is_refused(self):
        os.symlink(self.outside, os.path.join(self.site, "Output", "escape"))
        attempts = ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd",
                    "/..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/static/..%2f..%2f..%2fetc/passwd",
                    "/..\\..\\..\\etc\\passwd", "/%5c..%5c..%5cetc%5cpasswd", "//etc/passwd", "/etc/passwd%00.html",
                    "/static/../../../../etc/passwd", f"/{self.outside}/secret.txt", "/escape/secret.txt",
                    "/%2e%2e/" + os.path.basename(self.outside) + "/secret.txt"]
        for path in attempts:
            status, _, body = raw_get(self.port, path)
            self.assertIn(status, (400, 403, 404), path)
            self.assertNotIn(b"root:", body, path)
            self.assertNotIn(b"SECRET-OUTSIDE", body, path)

    def test_3_edit_reloads_and_broken_edit_keeps_the_last_good_site(self):
        ws = WebSocket(self.port)
        briefing = os.path.join(self.site, "Content/briefings/gas-deal.md")
        with open(briefing, encoding="utf-8") as f:
            original = f.read()
        with open(briefing, "w", encoding="utf-8") as f:
            f.write(original + "\nA freshly edited sentence.\n")
        self.assertEqual(ws.receive()["type"], "reload")
        self.assertIn(b"A freshly edited sentence.", raw_get(self.port, "/briefings/gas-deal/")[2])

        with open(briefing, "w", encoding="utf-8") as f:
            f.write(original.replace("date: 2025-03-31", "date: [broken") + "\nA second sentence.\n")
        message = ws.receive()
        self.assertEqual(message["type"], "error")
        self.assertTrue(any(d["path"] == "Content/briefings/gas-deal.md" and int(d["line"]) > 0 for d in message["diagnostics"]),
                        message)
        page = raw_get(self.port, "/briefings/gas-deal/")[2]
        self.assertIn(b"A freshly edited sentence.", page, "the last good page is still served")
        self.assertNotIn(b"A second sentence.", page)
        # A browser that connects now learns about the failure at once.
        late = WebSocket(self.port)
        self.assertEqual(late.receive()["type"], "error")
        late.close()
        script = raw_get(self.port, "/__briefing/reload.js")[2]
        self.assertIn(b"briefing-error-overlay", script)

        with open(briefing, "w", encoding="utf-8") as f:
            f.write(original + "\nFixed again.\n")
        self.assertEqual(ws.receive()["type"], "reload")
        self.assertIn(b"Fixed again.", raw_get(self.port, "/briefings/gas-deal/")[2])
        ws.close()

    def test_4_new_folders_are_watched(self):
        ws = WebSocket(self.port)
        folder = os.path.join(self.site, "Content/briefings/2025")
        os.mkdir(folder)
        time.sleep(0.3)
        ws.receive()  # the new folder itself
        with open(os.path.join(folder, "late.md"), "w", encoding="utf-8") as f:
            f.write("---\ntitle: Late\ndate: 2025-03-01\n---\nWritten in a new folder about [[israel]].\n")
        deadline = time.time() + 15
        while time.time() < deadline:
            if ws.receive()["type"] == "reload" and raw_get(self.port, "/briefings/2025-late/")[0] == 200:
                break
        self.assertEqual(raw_get(self.port, "/briefings/2025-late/")[0], 200)
        ws.close()

    def test_5_ctrl_c_stops_cleanly(self):
        self.process.send_signal(signal.SIGINT)
        self.assertEqual(self.process.wait(timeout=10), 0)


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
