from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class OpinionsConfig(app_config.InnovaAppConfig):
    name = "innova.opinions"
    verbose_name = _("Opinion maps")
    personal_data = ("opinions", ".selectors.opinion_personal_data", ".services.opinions_erase_user")
    # Participants report a statement they vote on; moderators hide it from the voting and the map.
    moderated = {"Statement": {"comments": False}}
    visible = {"Statement": ".rules.statement_is_visible"}
    registers = (("innova.debates.extensions.register_detail_context", ".selectors.debate_moderation_context"),)
