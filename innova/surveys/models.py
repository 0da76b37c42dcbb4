import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Access(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    LOGGED_IN = "logged_in", _("People with an account")
    FRONT = "front", _("Members of a work front")
    LINK = "link", _("People with the secret link")


class Kind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale")
    MATRIX = "matrix", _("Matrix (rows × scale)")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    UPZ = "upz", _("UPZ")
    RANKING = "ranking", _("Ranking")


# Kinds whose answers are codes (an option, a scale point, a UPZ): they can be counted, charted, cross-tabulated
# and used in conditions.
CHOICE_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE, Kind.UPZ}
TEXT_KINDS = {Kind.SHORT_TEXT, Kind.LONG_TEXT}
OPTION_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.RANKING}
# What staff set on a survey (the builder's form, the services); the counters move only in the database, with F().
SURVEY_SETTINGS = (
    "title",
    "slug",
    "description",
    "access",
    "front_id",
    "identified",
    "allow_multiple",
    "opens_at",
    "closes_at",
    "published",
    "results_public",
)


def _token() -> str:
    return secrets.token_urlsafe(16)


class Survey(models.Model):
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("introduction"), blank=True, max_length=4000)
    access = models.CharField(_("who may answer"), max_length=20, choices=Access.choices, default=Access.EVERYONE)
    # The work front whose members may answer (access "front"); an integer so this app does not depend on fronts.
    front_id = models.PositiveIntegerField(_("work front number"), null=True, blank=True)
    link_token = models.CharField(max_length=40, default=_token, editable=False)
    identified = models.BooleanField(
        _("identified answers"),
        default=False,
        help_text=_("Answers keep who answered (log-in required). Otherwise answers are anonymous."),
    )
    allow_multiple = models.BooleanField(_("allow several answers per person"), default=False)
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    results_public = models.BooleanField(_("results public after closing"), default=False)
    # Bumped (F()) on every submitted response: the results cache key includes it.
    results_version = models.PositiveIntegerField(default=0)
    response_count = models.PositiveIntegerField(default=0)
    # The highest Answer id of a submitted response: results aggregate only the answers after what they counted.
    last_answer_id = models.BigIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="surveys_created"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", kwargs={"slug": self.slug})

    @property
    def is_open(self) -> bool:
        now = timezone.now()
        return (
            self.published
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or self.closes_at > now)
        )

    @property
    def is_closed(self) -> bool:
        return self.closes_at is not None and self.closes_at <= timezone.now()


class Condition(models.Model):
    """Shared fields: show this only if an earlier question's answer is one of ``condition_values``."""

    condition_question = models.ForeignKey(
        "surveys.Question",
        verbose_name=_("show only if this question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Codes (option numbers, scale points, UPZ ids) that make this visible.
    condition_values = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True

    @property
    def has_condition(self) -> bool:
        return self.condition_question_id is not None and bool(self.condition_values)


class Section(Condition):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(Condition):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveIntegerField(default=0)
    # Options (single, multiple, ranking) or matrix rows; one label each.
    options = models.JSONField(default=list, blank=True)
    rows = models.JSONField(default=list, blank=True)
    # Multiple choice: how many options; number: the allowed range; scale: its ends (1–5 or 0–10).
    minimum = models.IntegerField(_("minimum"), null=True, blank=True)
    maximum = models.IntegerField(_("maximum"), null=True, blank=True)

    class Meta:
        ordering = ["section__order", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def scale_points(self) -> list[int]:
        low = 0 if self.minimum == 0 else 1
        high = 10 if self.maximum == 10 else 5
        return list(range(low, high + 1))


class Response(models.Model):
    """One person's answers. While ``submitted_at`` is empty the answers so far live in ``draft`` (resume later);
    on submission they become ``Answer`` rows, the only thing results read."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # Only for identified surveys; anonymous ones never keep the user.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    # Keyed hash of the person (or of the browser's signed cookie): finds the draft again and enforces one answer.
    respondent_key = models.CharField(max_length=64, db_index=True)
    # Equal to respondent_key when the survey allows one answer per person (unique), null otherwise.
    once_key = models.CharField(max_length=64, null=True, blank=True)
    draft = models.JSONField(default=dict, blank=True)
    sections_done = models.JSONField(default=list, blank=True)
    # Aggregated-only profile: the UPZ (from a UPZ question, else the consented profile) and consented profile data.
    upz = models.ForeignKey("territory.Upz", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    age_range = models.CharField(max_length=10, blank=True)
    gender = models.CharField(max_length=20, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "once_key"], name="surveys_one_answer_per_person")]
        indexes = [models.Index(fields=["survey", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.survey_id}#{self.pk}"


class Answer(models.Model):
    """One atomic value of a submitted response, so results are GROUP BY queries.

    single / scale / UPZ: ``choice`` (option number, scale point, UPZ id); multiple: one row per chosen option;
    matrix: one row per matrix row (``row``) with the scale point in ``choice``; ranking: one row per item (``row``)
    with its position in ``choice``; number: ``number``; text and date (ISO): ``text``.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+", db_index=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers", db_index=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers", db_index=False)
    row = models.SmallIntegerField(default=0)
    choice = models.IntegerField(null=True, blank=True)
    number = models.FloatField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [
            # Covers the results query: WHERE survey GROUP BY question, row, choice.
            models.Index(fields=["survey", "question", "row", "choice"], name="surveys_answer_tally"),
            # Covers filtered results (the responses of one UPZ or profile group) and the cross-tab join.
            models.Index(fields=["response", "question", "row", "choice"], name="surveys_answer_response"),
            models.Index(fields=["question", "response"], name="surveys_answer_question"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}:{self.row}:{self.choice}"
