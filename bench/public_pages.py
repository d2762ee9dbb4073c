"""Benchmark: the anonymous meeting page at national scale (issue 19).

Builds the demo on a SQLite database of its own (migrate, load_demo, collectstatic), starts the
production front as docker-compose.yml runs it, nginx's proxy cache (deploy/nginx.conf) before
gunicorn (4 workers, DEBUG off, Redis for the published stamps and the app's page cache), and
beside it, in the same run, nginx serving the same page's bytes as a static file. Then measures
with wrk (4 connections, as the issue did) the 26 September 2014 meeting page:

- through the front (nginx's cache),
- from gunicorn alone (the app's own cache: no template, no query),
- from gunicorn rendering it (a session cookie that names no session: the page is rendered as
  for the public, as every request was before the caches),
- and the static file from nginx (the baseline).

Prints each figure and the ratios; the last line is `ratio: R` (front / static).

    .venv/bin/python bench/public_pages.py        # REDIS_URL, else redis://127.0.0.1:6379/0
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess  # nosec B404  # our own servers and wrk, never input
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = "/warwickshire/meetings/2014-09-26/"
WORKERS = 4  # as issue 19 measured
CONNECTIONS = 4
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
STATIC_CONF = """
worker_processes auto;
pid {run}/static.pid;
error_log stderr warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 10000;
    access_log off;
    client_body_temp_path {run}/s-body;
    proxy_temp_path {run}/s-proxy;
    fastcgi_temp_path {run}/s-fastcgi;
    uwsgi_temp_path {run}/s-uwsgi;
    scgi_temp_path {run}/s-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{ default_type text/html; try_files /page.html =404; }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            sys.exit(f"a server stopped: {process.args}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                sys.exit(f"a server did not start: {process.args}")
            time.sleep(0.2)


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310  # our own servers
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310  # nosec B310
        return dict(response.headers), response.read()


def wrk(url: str, *headers: str) -> float:
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency"]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run(  # noqa: S603  # nosec B603  # wrk on our own servers
        [*args, url], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if found is None or errors is not None:
        sys.exit(f"wrk failed on {url}:\n{out}")
    return float(found[1])


def nginx(conf: Path, run: Path) -> subprocess.Popen:
    # As root (a container), the workers would drop to www-data, who cannot read the run folder.
    user = f" user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    command = [NGINX, "-p", str(run), "-c", str(conf), "-e", "stderr", "-g", "daemon off;" + user]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603  # nosec B603


def environment(tmp: Path) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp),
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "VAR_DIR": str(tmp),
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "static"),
        "AXES_ENABLED": "0",
        "AGENDA_PACKS_ON_PUBLISH": "0",
        "LOG_LEVEL": "WARNING",
        # This run's own keys in Redis: an earlier run's stamps name another database's pages.
        "HTTP_CACHE_KEY_PREFIX": f"bench-{uuid.uuid4().hex}",
    }


def build_demo(env: dict[str, str]) -> None:
    manage = [sys.executable, "manage.py"]
    for step in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run(  # noqa: S603  # nosec B603  # our own manage.py
            [*manage, *step], cwd=ROOT, env=env, check=True, capture_output=True
        )


def render_front(run: Path, upstream: str, port: int) -> Path:
    values = {
        "NGINX_RUN_DIR": str(run),
        "NGINX_CACHE_DIR": str(run / "cache"),
        "NGINX_UPSTREAM": upstream,
        "NGINX_PORT": f"127.0.0.1:{port}",
        "NGINX_ACCESS_LOG": "off",
    }
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    conf = run / "front.conf"
    conf.write_text(re.sub(r"\$\{(NGINX_[A-Z_]+)\}", lambda m: values[m[1]], text))
    return conf


def main() -> None:
    if shutil.which("wrk") is None or not Path(NGINX).exists():
        sys.exit("needs Debian's nginx and wrk: bash scripts/apt-ensure.sh nginx wrk")
    tmp = Path(tempfile.mkdtemp(prefix="bench-public-"))
    run = tmp / "nginx"
    run.mkdir()
    processes: list[subprocess.Popen] = []
    try:
        env = environment(tmp)
        began = time.perf_counter()
        build_demo(env)  # without Redis: tasks run in-process, nothing is left on a broker
        print(f"demo built in {time.perf_counter() - began:.0f} s (SQLite)")
        env["REDIS_URL"] = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
        app_port, front_port, static_port = free_port(), free_port(), free_port()
        gunicorn = [sys.executable, "-m", "gunicorn", "config.wsgi:application"]
        gunicorn += ["--bind", f"127.0.0.1:{app_port}", "--workers", str(WORKERS)]
        processes.append(subprocess.Popen(gunicorn, cwd=ROOT, env=env))  # noqa: S603  # nosec B603
        wait_for(app_port, processes[-1])
        app = f"http://127.0.0.1:{app_port}{PAGE}"
        headers, body = fetch(app)
        (run / "page.html").write_bytes(body)
        static_conf = run / "static.conf"
        static_conf.write_text(STATIC_CONF.format(run=run, port=static_port, root=run))
        processes.append(nginx(static_conf, run))
        wait_for(static_port, processes[-1])
        processes.append(nginx(render_front(run, f"127.0.0.1:{app_port}", front_port), run))
        wait_for(front_port, processes[-1])
        front = f"http://127.0.0.1:{front_port}{PAGE}"
        static = f"http://127.0.0.1:{static_port}{PAGE}"
        fetch(front)
        front_headers, front_body = fetch(front)
        app_headers, app_body = fetch(app)
        _, static_body = fetch(static)
        if front_headers.get("X-Cache-Status") != "HIT" or app_headers.get("X-App-Cache") != "HIT":
            sys.exit(f"not served from the caches: {front_headers} {app_headers}")
        if not front_body == app_body == static_body == body:
            sys.exit("the front, the app and the static file differ")
        print(f"page: {PAGE}, {len(body):,} bytes; ETag {headers['ETag']}")
        print(f"Cache-Control: {headers['Cache-Control']}")
        print(f"wrk: {CONNECTIONS} connections, {SECONDS} s each; gunicorn {WORKERS} workers")
        figures = {
            "nginx static file (baseline)": wrk(static),
            "front (nginx proxy cache)": wrk(front),
            "gunicorn alone (app cache)": wrk(app),
            "gunicorn rendering (no cache)": wrk(app, "Cookie: sessionid=none"),
        }
        for name, rate in figures.items():
            print(f"{name:32} {rate:>10,.0f} req/s")
        base = figures["nginx static file (baseline)"]
        app_ratio = figures["gunicorn alone (app cache)"] / base
        render_ratio = figures["gunicorn rendering (no cache)"] / base
        print(f"gunicorn alone / static: {app_ratio:.3f} (target >= 0.05)")
        print(f"gunicorn rendering / static: {render_ratio:.4f}")
        front_ratio = figures["front (nginx proxy cache)"] / base
        print(f"front / static: {front_ratio:.2f} (target >= 0.5)")
        print(f"ratio: {front_ratio:.2f}")
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
