from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrainstormsConfig(AppConfig):
    name = "innova.brainstorms"
    label = "brainstorms"
    verbose_name = _("Brainstorms")

    def ready(self):
        from innova.core import moderation, personal_data, visibility
        from innova.fronts.selectors import activity_source_register
        from innova.fronts.services import membership_end_listener_register
        from innova.problems import trail
        from innova.proposals import extensions as proposal_extensions

        from . import selectors, services
        from .models import Board, Card

        personal_data.register(
            "brainstorms", export=selectors.brainstorms_personal_data, erase=services.brainstorms_erase_user
        )
        trail.register(selectors.board_trail_entries)
        membership_end_listener_register(services.board_sockets_membership_ended)
        activity_source_register(selectors.front_board_activity)
        visibility.register(Board, "brainstorms.view_board")
        moderation.register(Card, comments=False, on_hidden_changed=services.card_hidden_changed)
        visibility.register(Card, visibility.part_of("board"))
        proposal_extensions.register_source_card_url(selectors.card_board_url)
