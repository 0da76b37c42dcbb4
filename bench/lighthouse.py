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
from pathlib import Path

from bench.stack import ROOT, django_env, manage, running_stack

NODE_DIR = ROOT / "bench" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def main() -> int:
    if shutil.which("npm") is None or not Path(CHROMIUM).exists():
        print("lighthouse: npm or chromium missing, skipped")
        return 0
    if not (NODE_DIR / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=NODE_DIR, check=True)
    workdir = Path(tempfile.mkdtemp(prefix="innova-lh-"))
    env = django_env(
        database_url=f"sqlite:///{workdir / 'db.sqlite3'}",
        STATIC_MANIFEST="1",
        MEDIA_ROOT=str(workdir / "media"),
    )
    try:
        for args in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["seed_demo"]):
            manage(env, *args)
        with running_stack(env, workers=1) as base:
            return _score_pages(base, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _score_pages(base: str, workdir: Path) -> int:
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


if __name__ == "__main__":
    sys.exit(main())
