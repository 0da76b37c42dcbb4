"""What a page costs to render for a signed-in resident, in-process: `python -m bench.render [--rounds 40]`.

No server and no load: the Django test client asks for each page inside this process, so the numbers are the view,
its queries, the templates and the middleware, without the network or the ASGI/WSGI server (bench.ceiling measures
those). The resident is a demo citizen (``vecina@demo.usme.co``), signed in with a real session.

- **Data**: an SQLite file (``bench/out/render.sqlite3``, or ``--database-url``) migrated and loaded with
  ``manage.py seed_demo`` the first time, then topped up so the proposals list has a full page (20 cards).
- **Pages**: the problems list (``/problemas/``), the most supported problem, the proposals list (``/propuestas/``)
  and the most supported proposal (neither written by the resident; 12 comments and 6 replies added to each, two
  of them voted by the resident) — the pages the ceiling benchmark asks for.
- **ms**: the median of ``--rounds`` requests of the page, client to response, after a first request that fills
  what the page keeps in the cache. ``cache=warm`` is that state (a page read again before anything it shows
  changed: the common case on a busy site); ``cache=cold`` renews every domain version before each request
  (``pages_changed``), as after a support or a comment, so every fragment is rendered again.
- **ms_per_card**: the list page minus its frame, divided by its cards: (median ms of the list with 20 cards −
  median ms of the same list filtered to match nothing) / 20. The frame (header, filters, count, pagination, the
  session and user loads) is what both requests share; the difference is what the cards cost, their queries
  included.
- **template_ms**: of ``ms``, the time spent rendering the page's template (median), what it reads lazily included.
- **queries**: the SQL queries of one request (the session and the user loads included).

With ``REDIS_URL`` set the cache (and so the sessions, ``cached_db``) is Redis, under its own key prefix; without,
the local-memory cache. Prints one line per page and cache state:
``render page=problems_list as=resident cache=warm ms=4.1 template_ms=1.2 ms_per_card=0.05 queries=3``.
"""

import argparse
import os
import statistics
import time
import warnings
from pathlib import Path

from bench.stack import manage

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'bench' / 'out' / 'render.sqlite3'}"
RESIDENT = "vecina@demo.usme.co"
CARDS = 20
COMMENTS = 12
NO_MATCH = "?q=zzxqwv"  # a word no demo item contains: the list page with no card


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40, help="requests per page and state (median)")
    parser.add_argument("--database-url", default=os.environ.get("RENDER_DATABASE_URL", DEFAULT_DATABASE_URL))
    args = parser.parse_args()
    env = {
        "DATABASE_URL": args.database_url,
        "DEBUG": "0",
        "STATIC_MANIFEST": "0",  # no collectstatic needed: static URLs cost the same either way
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "WARNING",
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "CACHE_KEY_PREFIX": "bench-render",
    }
    problem_id, proposal_id = _seed(env, args.database_url)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innova.settings")
    import django

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collected static files here
    django.setup()
    _measure(rounds=args.rounds, problem_id=problem_id, proposal_id=proposal_id)


def _seed(env: dict, database_url: str) -> tuple[int, int]:
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    seed_env = {**os.environ, **env, "REDIS_URL": ""}
    if manage(seed_env, "shell", "-v", "0", "-c", _HAS_DEMO).strip() != "yes":
        print("seeding the demo data (once)…", flush=True)
        manage(seed_env, "migrate", "--noinput", "-v0")
        manage(seed_env, "seed_demo")
    problem_id, proposal_id = manage(seed_env, "shell", "-v", "0", "-c", _TOP_UP).split()[-2:]
    return int(problem_id), int(proposal_id)


_HAS_DEMO = (
    "from django.db import connection\n"
    "from innova.accounts.models import User\n"
    "tables = connection.introspection.table_names()\n"
    f"print('yes' if 'accounts_user' in tables and User.objects.filter(email='{RESIDENT}').exists() else 'no')"
)
# The demo has fewer published proposals than a page holds: copies of them (same text, a number added) fill it.
# The two detail pages measured are the most supported problem (with a place) and proposal the resident did not
# write; the demo has almost no comments on them, so other residents write 12 (half of them with a reply) and the
# resident votes on two. Prints the two ids.
_TOP_UP = f"""
from innova.accounts.models import User
from innova.comments.models import Comment
from innova.comments.services import comment_add, comment_vote_set
from innova.core import notify
from innova.core.ratelimit import rate_limits_suspended
from innova.problems.models import Problem
from innova.proposals.models import Proposal

published = list(Proposal.objects.filter(published_at__isnull=False, hidden_at__isnull=True).order_by('pk'))
for n in range(max(0, {CARDS} + 2 - len(published))):
    copy = published[n % len(published)]
    copy.pk = None
    copy.title = f'{{copy.title[:120]}} ({{n + 2}})'
    copy.save()
resident = User.objects.get(email='{RESIDENT}')
visible = dict(published_at__isnull=False, hidden_at__isnull=True)
problem = (
    Problem.objects.filter(**visible, latitude__isnull=False).exclude(author=resident)
    .order_by('-support_count', 'pk').first()
)
proposal = (
    Proposal.objects.filter(**visible).exclude(author=resident).exclude(coauthors=resident)
    .order_by('-support_count', 'pk').first()
)
others = list(User.objects.filter(email__startswith='vecino0').order_by('pk')[:12])
with notify.email_muted(), rate_limits_suspended():
    for target in (problem, proposal):
        written = Comment.objects.filter(target_id=target.pk, target_type__model=target._meta.model_name)
        if written.filter(author__in=others).count() >= {COMMENTS}:
            continue
        for n, person in enumerate(others[:{COMMENTS}]):
            comment = comment_add(author=person, target=target, body=f'Comentario {{n + 1}}: **también** lo vivimos.')
            if n % 2 == 0:
                comment_add(author=others[-1 - n % 3], target=target, body='De acuerdo.', parent=comment)
            if n < 2:
                comment_vote_set(user=resident, comment=comment, value=1)
print(problem.pk, proposal.pk)
"""


def _measure(*, rounds: int, problem_id: int, proposal_id: int) -> None:
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from innova.accounts.models import User
    from innova.core.pagecache import pages_changed

    pages = {
        "problems_list": ("/problemas/", "/problemas/" + NO_MATCH),
        "problem_detail": (f"/problemas/{problem_id}/", None),
        "proposals_list": ("/propuestas/", "/propuestas/" + NO_MATCH),
        "proposal_detail": (f"/propuestas/{proposal_id}/", None),
    }
    client = Client()
    client.force_login(User.objects.get(email=RESIDENT))
    domains = [config.label for config in _innova_apps()]
    cache_name = "redis" if settings.REDIS_URL else "local memory"
    print(f"{rounds} requests per line, median; cache: {cache_name}; session engine: {settings.SESSION_ENGINE}")

    rendering = _template_timer()

    def timed(path: str, *, cold: bool) -> tuple[float, float]:
        if cold:
            pages_changed(*domains)
        rendering["ms"] = 0.0
        started = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (path, response.status_code)
        return elapsed, rendering["ms"]

    def medians(path: str, *, cold: bool) -> tuple[float, float]:
        runs = [timed(path, cold=cold) for _ in range(rounds)]
        return statistics.median(run[0] for run in runs), statistics.median(run[1] for run in runs)

    for cold in (False, True):
        for name, (path, empty_path) in pages.items():
            timed(path, cold=cold)  # fills the cache (warm) and the connection, template and translation caches
            reset_queries()  # each request clears the log as it starts: count from an empty one
            with CaptureQueriesContext(connection) as queries:
                timed(path, cold=cold)
            query_count = len(queries)  # now: the captured slice is read from the log, which the next request clears
            ms, template_ms = medians(path, cold=cold)
            per_card = ""
            if empty_path is not None:
                timed(empty_path, cold=cold)
                frame, _ = medians(empty_path, cold=cold)
                per_card = f" ms_per_card={max(ms - frame, 0) / CARDS:.3f}"
            state = "cold" if cold else "warm"
            print(
                f"render page={name} as=resident cache={state} ms={ms:.2f} template_ms={template_ms:.2f}{per_card}"
                f" queries={query_count}",
                flush=True,
            )


def _template_timer() -> dict:
    """Time spent rendering the page's template (the outermost render of each request; what it reads lazily from
    the database included): Django's template backend timed in place."""
    from django.template.backends.django import Template

    state = {"ms": 0.0, "depth": 0}
    render = Template.render

    def timed_render(self, context=None, request=None):
        state["depth"] += 1
        started = time.perf_counter()
        try:
            return render(self, context, request)
        finally:
            state["depth"] -= 1
            if not state["depth"]:
                state["ms"] += (time.perf_counter() - started) * 1000

    Template.render = timed_render
    return state


def _innova_apps():
    from django.apps import apps

    return [config for config in apps.get_app_configs() if config.name.startswith("innova.")]


if __name__ == "__main__":
    main()
