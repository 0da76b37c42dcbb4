"""Who people are on the platform. In the bottom layer: core's predicates ask it, accounts stores it on ``User``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    OFFICIAL = "official", _("Official")
    CONTRACTOR = "contractor", _("Contractor")
    FACILITATOR = "facilitator", _("Facilitator")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles a user may claim; an administrator verifies them before they take effect.
CLAIMABLE_ROLES = (Role.OFFICIAL, Role.CONTRACTOR)
# Roles only an administrator can grant.
STAFF_ROLES = (Role.FACILITATOR, Role.ADMINISTRATOR)
