import uuid

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innova.core import notify, personal_data
from innova.core.permissions import require_perm
from innova.core.roles import CLAIMABLE_ROLES, STAFF_ROLES, Role
from innova.core.services import audit_record, person_shown_changed

from .models import Consent, PolicyVersion, RoleClaim, User
from .policy_text import SHIPPED
from .selectors import policy_current


def consent_record(*, user: User, kind: str = Consent.Kind.POLICY, policy: PolicyVersion | None = None) -> Consent:
    policy = policy or policy_current()
    if policy is None:
        raise ValidationError(_("There is no personal-data policy published yet."))
    return Consent.objects.create(user=user, kind=kind, policy_version=policy)


@transaction.atomic
def profile_update(*, user: User, display_name: str, first_name: str = "", last_name: str = "") -> User:
    user.display_name = display_name
    user.first_name = first_name
    user.last_name = last_name
    user.save(update_fields=["display_name", "first_name", "last_name"])
    person_shown_changed(user=user)
    return user


@transaction.atomic
def profile_sensitive_update(*, user: User, consent: bool, **data) -> User:
    """Optional socio-demographic data is stored only with its own explicit consent.

    Without that consent (or when it is withdrawn) every optional field is erased.
    """
    if consent:
        user.upz = data.get("upz")
        user.age_range = data.get("age_range") or ""
        user.gender = data.get("gender") or ""
        user.ethnicity = data.get("ethnicity") or ""
        user.disability = data.get("disability")
        if user.sensitive_consent_at is None:
            user.sensitive_consent_at = timezone.now()
            consent_record(user=user, kind=Consent.Kind.SENSITIVE)
    else:
        _clear_sensitive_fields(user)
        user.consents.filter(kind=Consent.Kind.SENSITIVE, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    user.save()
    return user


def _clear_sensitive_fields(user: User) -> None:
    user.upz = None
    user.age_range = ""
    user.gender = ""
    user.ethnicity = ""
    user.disability = None
    user.sensitive_consent_at = None


@transaction.atomic
def role_claim_submit(*, user: User, role: str, entity: str, position: str) -> RoleClaim:
    require_perm(user, "accounts.claim_role")
    if role not in CLAIMABLE_ROLES:
        raise ValidationError(_("This role cannot be claimed."))
    if user.role_claims.filter(status=RoleClaim.Status.PENDING).exists():
        raise ValidationError(_("You already have a claim waiting for verification."))
    return RoleClaim.objects.create(user=user, role=role, entity=entity, position=position)


@transaction.atomic
def role_claim_verify(*, claim: RoleClaim, actor: User) -> RoleClaim:
    require_perm(actor, "accounts.verify_role_claim", claim)
    claim = RoleClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != RoleClaim.Status.PENDING:
        raise ValidationError(_("This claim was already decided."))
    claim.status = RoleClaim.Status.VERIFIED
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.save()
    user = claim.user
    # Staff roles outrank a claimed role; never demote a facilitator by verifying a claim.
    if user.role not in STAFF_ROLES:
        user.role = claim.role
    user.entity = claim.entity
    user.position = claim.position
    user.save(update_fields=["role", "entity", "position"])
    person_shown_changed(user=user)  # comments show the verified role next to the name
    audit_record(actor=actor, action="accounts.role_claim_verified", target=claim, data={"role": claim.role})
    _notify_role_decision(claim)
    return claim


@transaction.atomic
def role_claim_reject(*, claim: RoleClaim, actor: User, reason: str) -> RoleClaim:
    require_perm(actor, "accounts.verify_role_claim", claim)
    if not reason.strip():
        raise ValidationError(_("Write the reason for the rejection; the person will read it."))
    claim = RoleClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != RoleClaim.Status.PENDING:
        raise ValidationError(_("This claim was already decided."))
    claim.status = RoleClaim.Status.REJECTED
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.decision_reason = reason
    claim.save()
    audit_record(actor=actor, action="accounts.role_claim_rejected", target=claim, reason=reason)
    _notify_role_decision(claim)
    return claim


def _notify_role_decision(claim: RoleClaim) -> None:
    kind = "role_verified" if claim.status == RoleClaim.Status.VERIFIED else "role_rejected"
    transaction.on_commit(lambda: notify.emit(kind=kind, recipients=[claim.user], target=claim, actor=claim.decided_by))


@transaction.atomic
def user_role_assign(*, user: User, role: str, actor: User) -> User:
    """Administrators grant facilitator/administrator roles (or take them back to citizen)."""
    require_perm(actor, "accounts.assign_staff_role", user)
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    previous = user.role
    user.role = role
    user.is_staff = role == Role.ADMINISTRATOR  # the Django admin (accounts.backends); never a superuser
    user.is_superuser = False
    user.save(update_fields=["role", "is_staff", "is_superuser"])
    audit_record(actor=actor, action="accounts.role_assigned", target=user, data={"from": previous, "to": role})
    person_shown_changed(user=user)
    return user


def accounts_erase_user(user: User) -> None:
    """Erase the accounts app's personal data of a user (contributions elsewhere stay, anonymised)."""
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.role_claims.all().delete()
    _clear_sensitive_fields(user)
    user.email = f"cuenta-eliminada-{uuid.uuid4().hex}@invalid.invalid"
    user.display_name = ""
    user.first_name = ""
    user.last_name = ""
    user.entity = ""
    user.position = ""
    user.role = Role.CITIZEN
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    person_shown_changed(user=user)


@transaction.atomic
def user_delete_account(*, user: User, request=None) -> None:
    """Habeas data: delete my account. Personal data goes; public contributions stay as 'Deleted account'."""

    if not user.is_authenticated:
        raise PermissionDenied
    user.deleted_at = timezone.now()
    user.save(update_fields=["deleted_at"])
    # The accounts handler runs last: other apps may still need the user's e-mail or phone to find their rows.
    handlers = sorted(personal_data.handlers(), key=lambda h: h.section == "account")
    for handler in handlers:
        if handler.erase:
            handler.erase(user)
    user.consents.update(withdrawn_at=timezone.now())
    if request is not None:
        logout(request)


def staff_needs_mfa(user: User) -> bool:
    if not settings.INNOVA_STAFF_MFA_REQUIRED or not user.is_authenticated:
        return False
    if not user.has_perm("accounts.view_staff_area"):
        return False

    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def policy_publish_shipped() -> PolicyVersion:
    """Every policy version shipped with the code (each also published by a data migration); idempotent.
    Returns the current one."""

    for version, body, published_at in SHIPPED:
        PolicyVersion.objects.get_or_create(version=version, defaults={"body": body, "published_at": published_at})
    return policy_current()
