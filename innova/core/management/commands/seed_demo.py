"""Load the demo data of Usme. Idempotent: running it twice creates nothing new.

Each app that has demo data provides ``innova/<app>/demo.py`` with a ``load(stdout)`` function;
they run in INSTALLED_APPS order, so an app can rely on the ones before it.
"""

import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from innova.core import notify
from innova.core.ratelimit import rate_limits_suspended


class Command(BaseCommand):
    help = "Load the demo data of Usme (idempotent)."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            if not config.name.startswith("innova."):
                continue
            module_name = f"{config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            # Demo people have made-up addresses: notifications show in the app, no e-mail is sent. Demo residents
            # write dozens of comments in one go: the per-person rate limits are for people, not for the seed.
            with notify.email_muted(), rate_limits_suspended(), transaction.atomic():
                importlib.import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
