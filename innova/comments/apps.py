from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Comments on every registered page, the reports people send to the moderators and the moderation queue.

    Above notifications (a comment tells the people concerned), below the domain apps whose pages take comments:
    they register their models in ``core.moderation`` and render ``{% comments_for %}`` from here."""

    name = "innova.comments"
    label = "comments"
    verbose_name = _("Comments")

    def ready(self):
        from innova.core import moderation, personal_data, services, visibility

        from . import selectors
        from .models import Comment
        from .services import comments_erase_user, person_comments_changed

        # A comment is seen where its page is; people report it, moderators hide it.
        moderation.register(Comment, comments=False)
        visibility.register(Comment, visibility.part_of("target"))
        personal_data.register("comments", export=selectors.comments_export, erase=comments_erase_user)
        personal_data.register("comment_votes", export=selectors.comment_votes_export)
        personal_data.register("flags", export=selectors.flags_export)
        # Accounts (below) says when a person's name or role changes; the cached comments that show it are retired.
        services.person_shown_register(person_comments_changed)
