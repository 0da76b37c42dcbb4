from django.db.models import QuerySet

from innova.core import personal_data
from innova.core.pagecache import domains_version, kept_get, kept_set, person_copies

from .models import Consent, PolicyVersion, RoleClaim, User

CONSENT_KEPT_SECONDS = 3600


def policy_current() -> PolicyVersion | None:
    return PolicyVersion.objects.order_by("-published_at").first()


def user_needs_policy_consent(*, user: User) -> bool:
    """True when the user has not consented to the policy version now in force.

    Asked on every signed-in request (PolicyConsentMiddleware): a consent found is remembered in the cache until
    something of the accounts app changes (a new policy version, a consent given or withdrawn renew its version,
    core.pagecache), so most requests run no query for it, nor a round trip to the cache (this process keeps a copy)."""
    key = f"accounts:policy-consented:{user.pk}:{domains_version('accounts')}"
    if kept_get(key, person_copies):
        return False
    policy = policy_current()
    if policy is None:
        return False
    needs = not Consent.objects.filter(
        user=user, kind=Consent.Kind.POLICY, policy_version=policy, withdrawn_at__isnull=True
    ).exists()
    if not needs:
        kept_set(key, True, CONSENT_KEPT_SECONDS, person_copies)
    return needs


def role_claim_pending_list() -> QuerySet[RoleClaim]:
    return RoleClaim.objects.filter(status=RoleClaim.Status.PENDING).select_related("user").order_by("created_at")


def user_account_data(user: User) -> dict:
    """Everything the accounts app holds about one person (habeas-data export)."""
    return {
        "email": user.email,
        "public_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "entity": user.entity,
        "position": user.position,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "optional_profile": {
            "upz": user.upz.name if user.upz else None,
            "age_range": user.age_range,
            "gender": user.gender,
            "ethnicity": user.ethnicity,
            "disability": user.disability,
            "consent_given_at": user.sensitive_consent_at.isoformat() if user.sensitive_consent_at else None,
        },
        "consents": [
            {
                "kind": c.kind,
                "policy_version": c.policy_version.version,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in user.consents.select_related("policy_version")
        ],
        "role_claims": [
            {
                "role": claim.role,
                "entity": claim.entity,
                "position": claim.position,
                "status": claim.status,
                "created_at": claim.created_at.isoformat(),
            }
            for claim in user.role_claims.all()
        ],
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in user.emailaddress_set.all()
        ],
    }


def user_personal_data_export(*, user: User) -> dict:
    """The habeas-data download: every app's registered data about this user."""

    return {handler.section: handler.export(user) for handler in personal_data.handlers()}
