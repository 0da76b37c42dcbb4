from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "innova.opinions"
    label = "opinions"
    verbose_name = _("Opinion maps")

    def ready(self):
        from innova.core import moderation, personal_data, visibility
        from innova.debates import extensions as debate_extensions

        from . import selectors, services
        from .models import Statement
        from .rules import statement_is_visible

        personal_data.register("opinions", export=selectors.opinion_personal_data, erase=services.opinions_erase_user)
        # Participants report a statement they vote on; moderators hide it from the voting and the map.
        moderation.register(Statement, comments=False)
        visibility.register(Statement, statement_is_visible)
        debate_extensions.register_detail_context(selectors.debate_moderation_context)
