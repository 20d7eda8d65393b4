#!/usr/bin/env python3
"""`briefing serve` against hostile clients and unlucky sites (issue 18): the port search, symbolic
links in Content/, request heads of any size, idle connections and the descriptor limit, large
files (streamed, Range), oversized WebSocket frames, Host and Origin, files swapped for links,
HEAD on a keep-alive connection, replaced and late folders, IPv6 and bad hosts, the query of a
folder redirect, the address it binds.

usage: test_serve_security.py BRIEFING_BINARY   (standard library only; talks to 127.0.0.1 and ::1 only)
"""
import base64
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

BINARY = None
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADDRESS = re.compile(r"http://(127\.0\.0\.1|\[::1\]):(\d+)/")


def make_site():
    site = tempfile.mkdtemp(prefix="briefing-serve-sec-")
    shutil.copytree(os.path.join(ROOT, "Tests/Fixtures/minimal/Content"), os.path.join(site, "Content"))
    return site


class Server:
    """`briefing serve SITE ARGS…`, its address read from its first line (within `timeout`)."""

    def __init__(self, site, *args, timeout=20, limit_files=None):
        def limit():
            if limit_files:
                resource.setrlimit(resource.RLIMIT_NOFILE, (limit_files, limit_files))
        self.stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen([BINARY, "serve", site, *args], stdout=subprocess.PIPE, stderr=self.stderr,
                                        text=True, preexec_fn=limit)
        self.line = ""
        reader = threading.Thread(target=lambda: setattr(self, "line", self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout)
        match = ADDRESS.search(self.line)
        self.host, self.port = (match.group(1), int(match.group(2))) if match else (None, None)

    def log(self):
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")

    def cpu_seconds(self):
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self):
        with open(f"/proc/{self.process.pid}/status") as f:
            return next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmRSS:"))

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        self.process.stdout.close()
        self.stderr.close()


def read_response(sock, head_only=False):
    """One response from a (keep-alive) connection: (status, headers, body); the body by Content-Length."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed after {data!r}")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = 0 if head_only else int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return int(lines[0].split()[1]), headers, rest[:length], rest[length:]


def request(port, path="/", host=None, headers="", method="GET", family=socket.AF_INET, timeout=10):
    address = ("::1" if family == socket.AF_INET6 else "127.0.0.1", port)
    with socket.create_connection(address, timeout=timeout) as s:
        host_line = "" if host == "" else f"Host: {host or f'127.0.0.1:{port}'}\r\n"
        s.sendall(f"{method} {path} HTTP/1.1\r\n{host_line}{headers}Connection: close\r\n\r\n".encode("latin-1"))
        status, response_headers, body, _ = read_response(s, head_only=method == "HEAD")
        return status, response_headers, body


def websocket_handshake(port, origin=None):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    origin_line = f"Origin: {origin}\r\n" if origin else ""
    s.sendall((f"GET /__briefing/ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{origin_line}Upgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    response = b""
    while b"\r\n\r\n" not in response:
        chunk = s.recv(1)
        if not chunk:
            break
        response += chunk
    return s, response


def wait_for(condition, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


class SharedServerTests(unittest.TestCase):
    """Checks that need one ordinary server."""

    @classmethod
    def setUpClass(cls):
        cls.site = make_site()
        cls.server = Server(cls.site, "--port", "0")
        assert cls.server.port, f"no address: {cls.server.line!r} {cls.server.log()}"
        cls.port = cls.server.port
        cls.output = os.path.join(cls.site, "Output")
        cls.outside = tempfile.mkdtemp(prefix="briefing-outside-")
        with open(os.path.join(cls.outside, "secret.txt"), "w") as f:
            f.write("SECRET-OUTSIDE\n")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.site, ignore_errors=True)
        shutil.rmtree(cls.outside, ignore_errors=True)

    # 7: request heads are bounded and read in linear time, without stalling others.
    def test_oversized_request_line_and_headers_are_refused_quickly(self):
        before = self.server.cpu_seconds()
        started = time.time()
        status, _, _ = request(self.port, "/" + "a" * (128 * 1024))
        self.assertEqual(status, 414)
        status, _, _ = request(self.port, "/", headers="X-Big: " + "b" * (256 * 1024) + "\r\n")
        self.assertEqual(status, 431)
        status, _, _ = request(self.port, "/", headers="".join(f"X-{i}: {'c' * 100}\r\n" for i in range(400)))
        self.assertEqual(status, 431)
        self.assertLess(time.time() - started, 5)
        self.assertLess(self.server.cpu_seconds() - before, 1.0, "CPU seconds for three oversized heads")
        # Under 8 KB is still fine.
        self.assertEqual(request(self.port, "/", headers="X-Fine: " + "d" * 6000 + "\r\n")[0], 200)

    def test_slow_huge_heads_do_not_stall_other_requests(self):
        def trickle():
            with socket.create_connection(("127.0.0.1", self.port), timeout=10) as s:
                try:
                    s.sendall(b"GET /" + b"x" * (128 * 1024))
                    s.recv(1024)
                except OSError:
                    pass
        threads = [threading.Thread(target=trickle) for _ in range(2)]
        for thread in threads:
            thread.start()
        started = time.time()
        for _ in range(5):
            self.assertEqual(request(self.port, "/")[0], 200)
        self.assertLess(time.time() - started, 3)
        for thread in threads:
            thread.join(15)

    # 8: idle connections time out.
    def test_idle_connection_is_closed(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=20) as s:
            s.sendall(b"GET / HTTP/1.1\r\n")  # a head never finished
            started = time.time()
            try:
                data = s.recv(1024)
            except ConnectionResetError:
                data = b""
            self.assertEqual(data, b"", "the server closes the connection")
            self.assertLess(time.time() - started, 15)

    # 9: files are streamed from the open descriptor, with Range.
    def test_large_file_is_streamed_with_bounded_memory(self):
        path = os.path.join(self.output, "big.bin")
        size = 100 * 1024 * 1024
        with open(path, "wb") as f:
            f.truncate(size)  # sparse: no disk used, reads give zeros
        sockets = []
        try:
            before = self.server.rss_mb()
            for _ in range(8):
                s = socket.create_connection(("127.0.0.1", self.port), timeout=10)
                s.sendall(f"GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n\r\n".encode())
                s.recv(65536)
                sockets.append(s)
            time.sleep(1.5)
            peak = self.server.rss_mb()
            self.assertLess(peak - before, 60, f"RSS grew from {before:.0f} MB to {peak:.0f} MB for 8 GETs of 100 MB")
            # One of them read to the end: every byte arrives.
            total = 0
            s = sockets[0]
            s.settimeout(30)
            data = s.recv(65536)
            while data:
                total += len(data)
                if total >= size:
                    break
                data = s.recv(1 << 20)
            self.assertGreaterEqual(total, size - 65536 * 2)
        finally:
            for s in sockets:
                s.close()
            os.remove(path)

    def test_range_requests(self):
        path = os.path.join(self.output, "digits.txt")
        with open(path, "wb") as f:
            f.write(b"0123456789" * 10)
        try:
            status, headers, body = request(self.port, "/digits.txt")
            self.assertEqual((status, headers.get("accept-ranges")), (200, "bytes"))
            status, headers, body = request(self.port, "/digits.txt", headers="Range: bytes=10-19\r\n")
            self.assertEqual((status, headers["content-range"], body), (206, "bytes 10-19/100", b"0123456789"))
            status, headers, body = request(self.port, "/digits.txt", headers="Range: bytes=-3\r\n")
            self.assertEqual((status, headers["content-range"], body), (206, "bytes 97-99/100", b"789"))
            status, headers, body = request(self.port, "/digits.txt", headers="Range: bytes=95-\r\n")
            self.assertEqual((status, body), (206, b"56789"))
            status, headers, body = request(self.port, "/digits.txt", headers="Range: bytes=100-\r\n")
            self.assertEqual((status, headers["content-range"], body), (416, "bytes */100", b""))
            # A page's ranges are ranges of what is served (with the reload script).
            page = request(self.port, "/")[2]
            status, headers, body = request(self.port, "/", headers=f"Range: bytes={len(page) - 80}-\r\n")
            self.assertEqual((status, body), (206, page[-80:]))
        finally:
            os.remove(path)

    def test_oversized_websocket_frame_closes_the_socket(self):
        s, response = websocket_handshake(self.port)
        try:
            self.assertTrue(response.startswith(b"HTTP/1.1 101"), response)
            before = self.server.rss_mb()
            # A masked binary frame announcing 1 GiB, followed by 4 MB of it.
            s.sendall(bytes([0x82, 0x80 | 127]) + (1 << 30).to_bytes(8, "big") + b"mask")
            try:
                s.sendall(b"\0" * (4 << 20))
            except OSError:
                pass
            s.settimeout(5)
            received = b""
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    received += chunk
            except (ConnectionResetError, socket.timeout):
                pass
            self.assertIn(bytes([0x88]), received[:64], "a close frame")
            self.assertIn((1009).to_bytes(2, "big"), received, "close code 1009, message too big")
            self.assertLess(self.server.rss_mb() - before, 30)
        finally:
            s.close()

    # 11: Host and Origin.
    def test_host_must_name_this_server(self):
        for host in [f"evil.example:{self.port}", "evil.example", f"127.0.0.1.evil.example:{self.port}", f"localhost:{self.port + 1}", ""]:
            status, _, body = request(self.port, "/", host=host)
            self.assertIn(status, (400, 403, 421), host)
            self.assertNotIn(b"<html", body, host)
        for host in [f"127.0.0.1:{self.port}", f"localhost:{self.port}", f"LOCALHOST:{self.port}", "127.0.0.1"]:
            self.assertEqual(request(self.port, "/", host=host)[0], 200, host)

    def test_websocket_from_another_origin_is_refused(self):
        s, response = websocket_handshake(self.port, origin="http://evil.example")
        s.close()
        self.assertTrue(response.startswith(b"HTTP/1.1 403"), response)
        s, response = websocket_handshake(self.port, origin=f"http://127.0.0.1:{self.port}")
        s.close()
        self.assertTrue(response.startswith(b"HTTP/1.1 101"), response)
        s, response = websocket_handshake(self.port, origin=f"http://localhost:{self.port}")
        s.close()
        self.assertTrue(response.startswith(b"HTTP/1.1 101"), response)

    # 12: a file swapped for a symbolic link is never followed.
    def test_file_swapped_for_a_link_never_leaks(self):
        target = os.path.join(self.output, "swap.txt")
        regular, link = target + ".regular", target + ".link"
        with open(target, "w") as f:
            f.write("PUBLIC\n")
        stop = threading.Event()

        def swap():
            while not stop.is_set():
                with open(regular, "w") as f:
                    f.write("PUBLIC\n")
                os.replace(regular, target)
                if os.path.lexists(link):
                    os.remove(link)
                os.symlink(os.path.join(self.outside, "secret.txt"), link)
                os.replace(link, target)
        swapper = threading.Thread(target=swap)
        swapper.start()
        statuses = set()
        try:
            deadline = time.time() + 3
            while time.time() < deadline:
                status, _, body = request(self.port, "/swap.txt")
                statuses.add(status)
                self.assertNotIn(b"SECRET", body)
        finally:
            stop.set()
            swapper.join(10)
            for path in (target, regular, link):
                if os.path.lexists(path):
                    os.remove(path)
        self.assertIn(200, statuses)
        self.assertIn(403, statuses)

    def test_links_in_the_output_folder_are_never_followed(self):
        os.symlink(os.path.join(self.outside, "secret.txt"), os.path.join(self.output, "linked.txt"))
        os.symlink("entities", os.path.join(self.output, "inner"))
        os.mkfifo(os.path.join(self.output, "pipe.txt"))
        try:
            for path in ["/linked.txt", "/inner/", "/pipe.txt"]:
                status, _, body = request(self.port, path, timeout=5)
                self.assertEqual(status, 403, path)
                self.assertNotIn(b"SECRET", body)
        finally:
            for name in ["linked.txt", "inner", "pipe.txt"]:
                os.remove(os.path.join(self.output, name))

    def test_hidden_files_in_the_output_folder_are_not_served(self):
        os.makedirs(os.path.join(self.output, ".git"))
        with open(os.path.join(self.output, ".git/config"), "w") as f:
            f.write("[remote] url = PRIVATE\n")
        try:
            for path in ["/.git/config", "/%2egit/config", "/.git/"]:
                status, _, body = request(self.port, path)
                self.assertEqual(status, 403, path)
                self.assertNotIn(b"PRIVATE", body)
        finally:
            shutil.rmtree(os.path.join(self.output, ".git"))

    # 13: HEAD has the GET's headers and no body, so keep-alive works after it.
    def test_head_then_get_on_one_connection(self):
        get_status, get_headers, get_body = request(self.port, "/")
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as s:
            host = f"Host: 127.0.0.1:{self.port}\r\n"
            s.sendall(f"HEAD / HTTP/1.1\r\n{host}\r\nGET /static/style.css HTTP/1.1\r\n{host}\r\n".encode())
            status, headers, body, rest = read_response(s, head_only=True)
            self.assertEqual(status, 200)
            self.assertEqual(headers["content-length"], str(len(get_body)))
            self.assertEqual(headers["content-type"], get_headers["content-type"])
            # What follows the HEAD response's head is the next response, not a body.
            s.settimeout(5)
            while len(rest) < 12:
                rest += s.recv(65536)
            self.assertTrue(rest.startswith(b"HTTP/1.1 200"), rest[:80])

    # 17: the folder redirect keeps the query.
    def test_redirect_keeps_the_query(self):
        status, headers, _ = request(self.port, "/search?q=x&y=%20z")
        self.assertEqual((status, headers["location"]), (301, "/search/?q=x&y=%20z"))
        self.assertEqual(request(self.port, "/search")[1]["location"], "/search/")

    # It binds where asked only: the default is 127.0.0.1.
    def test_default_binds_loopback_only(self):
        listening = []
        with open("/proc/net/tcp") as f:
            lines = f.readlines()[1:]
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, port = local.split(":")
            if int(port, 16) == self.port and state == "0A":
                listening.append(address)
        self.assertEqual(listening, ["0100007F"])

    def test_other_methods_are_refused(self):
        self.assertEqual(request(self.port, "/", method="DELETE")[0], 405)


class OwnServerTests(unittest.TestCase):
    """Checks that need a server of their own (options, limits, site layout)."""

    def setUp(self):
        self.site = make_site()
        self.servers = []
        self.held = []

    def tearDown(self):
        for server in self.servers:
            server.stop()
        for s in self.held:
            s.close()
        shutil.rmtree(self.site, ignore_errors=True)

    def serve(self, *args, **kwargs):
        server = Server(self.site, *args, **kwargs)
        self.servers.append(server)
        return server

    # 4: the port search stops at 65535, with a clear error; --port 0 is any free port.
    def test_port_search_near_the_top(self):
        taken = []
        try:
            for port in range(65530, 65536):
                s = socket.socket()
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    s.bind(("127.0.0.1", port))
                    s.listen()
                    taken.append(s)
                except OSError:
                    s.close()
            result = subprocess.run([BINARY, "serve", self.site, "--port", "65530"], capture_output=True, text=True, timeout=30)
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertIn("no free port from 65530 to 65535", result.stderr)
            self.assertNotIn("Range requires", result.stderr)
        finally:
            for s in taken:
                s.close()
        server = self.serve("--port", "65535")
        if server.port is None and "no free port" in server.log():
            self.skipTest("port 65535 is used by another program")
        self.assertEqual(server.port, 65535, server.log())
        self.assertEqual(request(server.port)[0], 200)
        any_port = self.serve("--port", "0")
        self.assertIsNotNone(any_port.port, any_port.log())
        self.assertEqual(request(any_port.port)[0], 200)

    # 6: symbolic links to folders in Content/ are not walked; serve starts and shows build's diagnostic.
    def test_symlinked_folders_in_assets(self):
        assets = os.path.join(self.site, "Content/assets")
        os.symlink("/", os.path.join(assets, "root"))
        os.makedirs(os.path.join(assets, "a"))
        os.symlink("..", os.path.join(assets, "a/up"))
        os.symlink("..", os.path.join(assets, "a/up2"))
        started = time.time()
        server = self.serve("--port", "0", timeout=20)
        self.assertIsNotNone(server.port, f"serve did not listen: {server.log()[-2000:]}")
        self.assertLess(time.time() - started, 20)
        self.assertIn(request(server.port)[0], (200, 404))
        self.assertTrue(wait_for(lambda: "symbolic link points outside Content/" in server.log(), 5), server.log())
        self.assertIn("Content/assets/root", server.log())
        time.sleep(1)
        cpu = server.cpu_seconds()
        time.sleep(2)
        self.assertLess(server.cpu_seconds() - cpu, 0.5, "idle after start")

    # 8: at the descriptor limit it keeps accepting and answers normal requests.
    def test_descriptor_limit_keeps_serving(self):
        server = self.serve("--port", "0", limit_files=256)
        self.assertIsNotNone(server.port, server.log())
        for _ in range(320):
            try:
                self.held.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
            except OSError:
                break
        time.sleep(1)
        started = time.time()
        self.assertEqual(request(server.port, timeout=10)[0], 200)
        self.assertLess(time.time() - started, 5)
        open_files = len(os.listdir(f"/proc/{server.process.pid}/fd"))
        self.assertLessEqual(open_files, 256)
        for s in self.held:
            s.close()
        self.held = []
        time.sleep(0.5)
        for _ in range(5):
            self.assertEqual(request(server.port)[0], 200)

    def test_running_out_of_descriptors_keeps_accepting(self):
        server = self.serve("--port", "0")
        self.assertIsNotNone(server.port, server.log())
        # Lowered under the running server, below what its connection limit (set at start) allows.
        resource.prlimit(server.process.pid, resource.RLIMIT_NOFILE, (64, 64))
        for _ in range(120):
            try:
                self.held.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
            except OSError:
                break
        started = time.time()
        self.assertEqual(request(server.port, timeout=15)[0], 200)
        self.assertLess(time.time() - started, 10)
        self.assertEqual(server.log().count("out of file descriptors"), 1, server.log())
        for s in self.held:
            s.close()
        self.held = []
        for _ in range(5):
            self.assertEqual(request(server.port)[0], 200)

    # 16: a replaced Content/ and a Templates/ created later are watched.
    def test_replaced_content_and_late_templates_are_watched(self):
        server = self.serve("--port", "0")
        self.assertIsNotNone(server.port, server.log())
        content, new = os.path.join(self.site, "Content"), os.path.join(self.site, "Content.new")
        shutil.copytree(content, new)
        briefing = os.path.join(new, "briefings/gas-deal.md")
        with open(briefing, encoding="utf-8") as f:
            text = f.read()
        with open(briefing, "w", encoding="utf-8") as f:
            f.write(text + "\nWritten in the replacement folder.\n")
        os.rename(content, os.path.join(self.site, "Content.old"))
        os.rename(new, content)
        page = lambda: request(server.port, "/briefings/gas-deal/")[2]
        self.assertTrue(wait_for(lambda: b"Written in the replacement folder." in page(), 15), server.log())
        # An edit inside the new folder is seen too.
        with open(os.path.join(content, "briefings/gas-deal.md"), "a", encoding="utf-8") as f:
            f.write("\nEdited after the swap.\n")
        self.assertTrue(wait_for(lambda: b"Edited after the swap." in page(), 15), server.log())
        # Templates/ created while serving: its templates are used.
        templates = os.path.join(self.site, "Templates.new")
        shutil.copytree(os.path.join(ROOT, "Templates"), templates)
        base = os.path.join(templates, "base.mustache")
        with open(base, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("</body>", text)
        with open(base, "w", encoding="utf-8") as f:
            f.write(text.replace("</body>", "<p>late-template-marker</p></body>", 1))
        os.rename(templates, os.path.join(self.site, "Templates"))
        self.assertTrue(wait_for(lambda: b"late-template-marker" in page(), 15), server.log())

    # 17: IPv6 loopback, and a clear message for an address that is not one.
    def test_ipv6_loopback(self):
        server = self.serve("--host", "::1", "--port", "0")
        self.assertEqual(server.host, "[::1]", server.line + server.log())
        status, _, _ = request(server.port, "/", host=f"[::1]:{server.port}", family=socket.AF_INET6)
        self.assertEqual(status, 200)

    def test_invalid_host_is_a_clear_error(self):
        for host in ["nonsense", "999.1.1.1", "::1::2"]:
            result = subprocess.run([BINARY, "serve", self.site, "--host", host], capture_output=True, text=True, timeout=30)
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertIn(f"--host {host}: give an IP address", result.stderr)
            self.assertNotIn("inet_pton", result.stderr)


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
