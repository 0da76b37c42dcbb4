import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from innova.core.roles import Role


class InnovaUserManager(UserManager):
    """Users log in with their e-mail; there is no username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        """`manage.py createsuperuser` makes an administrator: the Django admin, but no way around the rules."""
        extra_fields.update(is_staff=True, is_superuser=False, role=Role.ADMINISTRATOR)
        return self._create_user(email, password, **extra_fields)


class AgeRange(models.TextChoices):
    UNDER_18 = "u18", _("Under 18")
    FROM_18 = "18-28", _("18 to 28")
    FROM_29 = "29-44", _("29 to 44")
    FROM_45 = "45-59", _("45 to 59")
    FROM_60 = "60+", _("60 or more")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    OTHER = "other", _("Other")
    UNSAID = "unsaid", _("Prefer not to say")


class Ethnicity(models.TextChoices):
    NONE = "none", _("None")
    INDIGENOUS = "indigenous", _("Indigenous")
    AFRO = "afro", _("Black, Afro-Colombian, Raizal or Palenquero")
    ROM = "rom", _("Rom (gitano)")
    CAMPESINO = "campesino", _("Campesino/a")
    UNSAID = "unsaid", _("Prefer not to say")


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail"), unique=True)
    display_name = models.CharField(
        _("public name"), max_length=80, help_text=_("How other people see you on the platform.")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CITIZEN, db_index=True)
    # Verified official/contractor affiliation, shown next to their contributions.
    entity = models.CharField(_("entity"), max_length=160, blank=True)
    position = models.CharField(_("position"), max_length=160, blank=True)
    # Optional socio-demographic data, kept only with its own explicit consent (sensitive data, Ley 1581).
    upz = models.ForeignKey(
        "territory.Upz", verbose_name=_("UPZ where you live"), null=True, blank=True, on_delete=models.SET_NULL
    )
    age_range = models.CharField(_("age range"), max_length=10, choices=AgeRange.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(_("ethnic self-identification"), max_length=20, choices=Ethnicity.choices, blank=True)
    disability = models.BooleanField(_("I live with a disability"), null=True, blank=True)
    sensitive_consent_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = InnovaUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.public_name

    def has_perm(self, perm, obj=None) -> bool:
        """A rule permission (an app's rules.py) is decided by its rule for everyone, superusers included, so the
        state checks (published, open, not one's own) bind administrators too. Other permissions, those of the
        Django admin, go through the authentication backends (accounts.backends.AdminSiteBackend)."""
        if rules.perm_exists(perm):
            return rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    @property
    def public_name(self) -> str:
        if self.deleted_at:
            return str(_("Deleted account"))
        return self.display_name or self.email.split("@")[0]

    @property
    def role_label(self) -> str:
        """The verified role shown next to contributions; citizens show none."""
        if self.role == Role.CITIZEN or self.deleted_at:
            return ""
        label = str(Role(self.role).label)
        return f"{label} · {self.entity}" if self.entity else label


class RoleClaim(models.Model):
    """A user's claim to be an official or a contractor; grants nothing until verified."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_claims")
    role = models.CharField(
        _("role"), max_length=20, choices=[(r.value, r.label) for r in (Role.OFFICIAL, Role.CONTRACTOR)]
    )
    entity = models.CharField(_("entity"), max_length=160, help_text=_("E.g. Alcaldía Local de Usme"))
    position = models.CharField(_("position"), max_length=160, help_text=_("E.g. Profesional de planeación"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("role claim")
        verbose_name_plural = _("role claims")

    def __str__(self) -> str:
        return f"{self.user} → {self.get_role_display()} ({self.entity})"


class PolicyVersion(models.Model):
    """A published version of the personal-data policy; a new one asks everyone to consent again."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    body = models.TextField(_("text (Markdown)"))
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        ordering = ["-published_at"]
        get_latest_by = "published_at"
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")

    def __str__(self) -> str:
        return self.version


class Consent(models.Model):
    class Kind(models.TextChoices):
        POLICY = "policy", _("Personal-data policy")
        SENSITIVE = "sensitive", _("Optional sensitive profile data")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.POLICY)
    policy_version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="consents")
    given_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} v{self.policy_version_id}"
