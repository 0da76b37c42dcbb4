from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontsConfig(AppConfig):
    name = "innova.fronts"
    label = "fronts"
    verbose_name = _("Work fronts")

    def ready(self):
        from innova.core import personal_data, visibility

        from . import selectors, services
        from .models import Front

        personal_data.register("fronts", export=selectors.front_personal_data, erase=services.fronts_erase_user)
        visibility.register(Front, lambda user, front: True)  # a front's page is public

        # Front sessions appear in the lab's one agenda, and "front members only" events ask this app.
        from innova.agenda.sources import register_membership_check, register_source

        register_source("fronts", selectors.front_session_agenda_items)
        register_membership_check(lambda user, front_id: selectors.front_is_member(user=user, front_id=front_id))
