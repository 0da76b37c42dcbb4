from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class ProposalsConfig(app_config.InnovaAppConfig):
    name = "innova.proposals"
    verbose_name = _("Proposals")
    personal_data = ("proposals", ".selectors.proposal_personal_data", ".services.proposals_erase_user")
    moderated = {"Proposal": {"comment_max_depth": 1}}
    visible = {"Proposal": "proposals.view_proposal"}
    registers = (("innova.problems.trail.register", ".selectors.proposal_trail_entries"),)
