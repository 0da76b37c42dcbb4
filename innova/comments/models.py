"""Comments on any registered page, the votes on them and the reports (flags) people send to the moderators.

The tables keep the names they had when these models lived in ``core`` (``core_comment``…): the move to this app
changed no schema (``docs/DECISIONS.md``, 50)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innova.core.models import Hideable


class Comment(Hideable):
    """A comment on any object (problem, proposal, debate…), with replies up to a depth set per target type."""

    target_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    depth = models.PositiveSmallIntegerField(default=0)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments")
    body = models.TextField(_("comment"), max_length=4000)
    # Up votes minus down votes, moved with F() by ``comment_vote_set`` only when a CommentVote row changes.
    score = models.IntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "core_comment"  # moved from core with its data, table name kept
        ordering = ["created_at"]
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"])]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:60]

    def get_absolute_url(self) -> str:
        return f"{self.target.get_absolute_url()}#comentario-{self.pk}"

    @property
    def target(self):
        """The object commented on (None once it is gone)."""
        return self.target_type.model_class()._default_manager.filter(pk=self.target_id).first()


class CommentVote(models.Model):
    """One vote per person and comment: +1 (useful) or -1 (not useful); ``Comment.score`` is their sum."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_votes")
    value = models.SmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "core_commentvote"
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_vote_per_person_and_comment"),
            models.CheckConstraint(condition=models.Q(value__in=[-1, 1]), name="comment_vote_is_up_or_down"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.value:+d} #{self.comment_id}"


class Flag(models.Model):
    """Someone reports content to the moderators; one open flag per person and object."""

    target_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags")
    reason = models.TextField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "core_flag"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["target_type", "target_id", "user"], name="one_flag_per_person_and_object")
        ]

    def __str__(self) -> str:
        return f"{self.target_type.model}#{self.target_id}: {self.reason[:40]}"
