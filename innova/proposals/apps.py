from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "innova.proposals"
    label = "proposals"
    verbose_name = _("Proposals")

    def ready(self):
        from innova.core import moderation, personal_data, visibility
        from innova.problems import trail

        from . import selectors, services
        from .models import Proposal

        moderation.register(Proposal, comment_max_depth=1)
        visibility.register(Proposal, "proposals.view_proposal")
        personal_data.register(
            "proposals", export=selectors.proposal_personal_data, erase=services.proposals_erase_user
        )
        trail.register(selectors.proposal_trail_entries)
