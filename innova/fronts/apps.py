from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class FrontsConfig(app_config.InnovaAppConfig):
    name = "innova.fronts"
    verbose_name = _("Work fronts")
    personal_data = ("fronts", ".selectors.front_personal_data", ".services.fronts_erase_user")

    def ready(self):
        super().ready()
        # Imported here: models and registries need Django's app registry, not ready when apps.py loads.
        from innova.agenda.sources import register_membership_check, register_source
        from innova.core import visibility

        from . import selectors
        from .models import Front

        visibility.register(Front, lambda user, front: True)  # a front's page is public
        # Front sessions appear in the lab's one agenda, and "front members only" events ask this app.
        register_source("fronts", selectors.front_session_agenda_items)
        register_membership_check(lambda user, front_id: selectors.front_is_member(user=user, front_id=front_id))
