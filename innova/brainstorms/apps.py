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

        from . import selectors
        from .models import Board, Card
        from .services.cards import brainstorms_erase_user, card_hidden_changed
        from .services.events import board_sockets_membership_ended

        personal_data.register("brainstorms", export=selectors.brainstorms_personal_data, erase=brainstorms_erase_user)
        trail.register(selectors.board_trail_entries)
        membership_end_listener_register(board_sockets_membership_ended)
        activity_source_register(selectors.front_board_activity)
        visibility.register(Board, "brainstorms.view_board")
        moderation.register(Card, comments=False, on_hidden_changed=card_hidden_changed)
        visibility.register(Card, visibility.part_of("board"))
        proposal_extensions.register_source_card_url(selectors.card_board_url)
