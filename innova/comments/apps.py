from django.utils.translation import gettext_lazy as _

from innova.core import app_config


class CommentsConfig(app_config.InnovaAppConfig):
    """Comments on every registered page, the reports people send to the moderators and the moderation queue.

    Above notifications (a comment tells the people concerned), below the domain apps whose pages take comments:
    they register their models in ``core.moderation`` and render ``{% comments_for %}`` from here."""

    name = "innova.comments"
    verbose_name = _("Comments")
    personal_data = ("comments", ".selectors.comments_export", ".services.comments_erase_user")
    # A comment is seen where its page is; people report it, moderators hide it.
    moderated = {"Comment": {"comments": False}}
    visible_inside = {"Comment": "target"}
    # Accounts (below) says when a person's name or role changes; the cached comments that show it are retired.
    registers = (("innova.core.services.person_shown_register", ".services.person_comments_changed"),)

    def ready(self):
        # Imported here: models and registries need Django's app registry, not ready when apps.py loads.
        from innova.core import personal_data

        from . import selectors

        super().ready()
        personal_data.register("comment_votes", export=selectors.comment_votes_export)
        personal_data.register("flags", export=selectors.flags_export)
