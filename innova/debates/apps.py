from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DebatesConfig(AppConfig):
    name = "innova.debates"
    label = "debates"
    verbose_name = _("Debates")

    def ready(self):
        from innova.core import moderation, personal_data, visibility
        from innova.problems import trail

        from . import selectors, services
        from .models import Argument, Debate

        # Replies two levels deep on debates (the most a shared comment thread allows).
        moderation.register(Debate, comment_max_depth=2)
        visibility.register(Debate, "debates.view_debate")
        moderation.register(Argument, comments=False)
        visibility.register(Argument, visibility.part_of("debate"))
        personal_data.register("debates", export=selectors.debate_personal_data, erase=services.debates_erase_user)
        trail.register(selectors.debate_trail_entries)
