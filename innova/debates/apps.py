from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class DebatesConfig(app_config.InnovaAppConfig):
    name = "innova.debates"
    verbose_name = _("Debates")
    personal_data = ("debates", ".selectors.debate_personal_data", ".services.debates_erase_user")
    # Replies two levels deep on debates (the most a shared comment thread allows).
    moderated = {"Debate": {"comment_max_depth": 2}, "Argument": {"comments": False}}
    visible = {"Debate": "debates.view_debate"}
    visible_inside = {"Argument": "debate"}
    registers = (("innova.problems.trail.register", ".selectors.debate_trail_entries"),)
