"""Lighthouse mobile performance of the light pages: `python -m bench.lighthouse`.

Installs Lighthouse from npm into bench/lighthouse/node_modules (once), serves the app with uvicorn on loopback
(embedded SQLite with the demo data, DEBUG off, compressed static files), and runs Lighthouse with Debian's
Chromium on the home, problem list and problem detail pages. Prints one score line per page.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.server import free_port

ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = ROOT / "bench" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def main() -> int:
    if shutil.which("npm") is None or not Path(CHROMIUM).exists():
        print("lighthouse: npm or chromium missing, skipped")
        return 0
    if not (NODE_DIR / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=NODE_DIR, check=True)
    workdir = Path(tempfile.mkdtemp(prefix="innova-lh-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "REDIS_URL": "",
        "DEBUG": "0",
        "SECRET_KEY": "lighthouse-bench-secret-key-0123456789abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_MANIFEST": "1",
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "WARNING",
    }
    for args in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["seed_demo"]):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "innova.asgi:application", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        scores = []
        for path in ("/", "/problemas/", "/problemas/1/"):
            report = workdir / "report.json"
            subprocess.run(
                [
                    str(NODE_DIR / "node_modules" / ".bin" / "lighthouse"),
                    base + path,
                    "--only-categories=performance",
                    "--output=json",
                    f"--output-path={report}",
                    "--quiet",
                    "--form-factor=mobile",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                    "--disable-component-update --disable-sync --no-first-run",
                ],
                cwd=ROOT,
                env={**os.environ, "CHROME_PATH": CHROMIUM},
                check=True,
                capture_output=True,
            )
            data = json.loads(report.read_text())
            score = round(data["categories"]["performance"]["score"] * 100)
            audits = data["audits"]
            scores.append(score)
            print(
                f"lighthouse mobile {path}: performance={score} "
                f"fcp={audits['first-contentful-paint']['displayValue']} "
                f"lcp={audits['largest-contentful-paint']['displayValue']} "
                f"tbt={audits['total-blocking-time']['displayValue']} "
                f"cls={audits['cumulative-layout-shift']['displayValue']}",
                flush=True,
            )
        return 0
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
