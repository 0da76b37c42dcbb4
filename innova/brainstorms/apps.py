from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class BrainstormsConfig(app_config.InnovaAppConfig):
    name = "innova.brainstorms"
    verbose_name = _("Brainstorms")
    personal_data = ("brainstorms", ".selectors.brainstorms_personal_data", ".services.cards.brainstorms_erase_user")
    moderated = {"Card": {"comments": False, "on_hidden_changed": ".services.cards.card_hidden_changed"}}
    visible = {"Board": "brainstorms.view_board"}
    visible_inside = {"Card": "board"}
    registers = (
        ("innova.problems.trail.register", ".selectors.board_trail_entries"),
        ("innova.fronts.services.membership_end_listener_register", ".services.events.board_sockets_membership_ended"),
        ("innova.fronts.selectors.activity_source_register", ".selectors.front_board_activity"),
        ("innova.proposals.extensions.register_source_card_url", ".selectors.card_board_url"),
    )
