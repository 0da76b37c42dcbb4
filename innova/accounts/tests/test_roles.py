import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from innova.accounts.models import RoleClaim
from innova.accounts.services import role_claim_reject, role_claim_submit, role_claim_verify
from innova.core.models import AuditEntry
from innova.core.roles import Role
from innova.notifications.models import Notification

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "unverified_official", "official", "contractor", "facilitator", "administrator"]

# Expected answer of the permission module for each (permission, role).
MATRIX = {
    "accounts.claim_role": {
        "anonymous": False,
        "citizen": True,
        "unverified_official": True,
        "official": True,
        "contractor": True,
        "facilitator": True,
        "administrator": True,
    },
    "accounts.verify_role_claim": {
        "anonymous": False,
        "citizen": False,
        "unverified_official": False,
        "official": False,
        "contractor": False,
        "facilitator": False,
        "administrator": True,
    },
    "accounts.view_staff_area": {
        "anonymous": False,
        "citizen": False,
        "unverified_official": False,
        "official": False,
        "contractor": False,
        "facilitator": True,
        "administrator": True,
    },
}


@pytest.fixture
def person(request):
    def get(role):
        if role == "anonymous":
            from django.contrib.auth.models import AnonymousUser

            return AnonymousUser()
        return request.getfixturevalue(role)

    return get


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("perm", sorted(MATRIX))
def test_permission_matrix(person, role, perm):
    assert person(role).has_perm(perm) is MATRIX[perm][role]


def test_unverified_official_claim_grants_nothing(unverified_official):
    assert unverified_official.role == Role.CITIZEN
    assert unverified_official.role_label == ""
    assert not unverified_official.has_perm("accounts.view_staff_area")
    assert unverified_official.role_claims.get().status == RoleClaim.Status.PENDING


def test_administrator_verifies_claim_role_takes_effect_audited_and_notified(
    unverified_official, administrator, django_capture_on_commit_callbacks
):
    claim = unverified_official.role_claims.get()
    with django_capture_on_commit_callbacks(execute=True):
        role_claim_verify(claim=claim, actor=administrator)
    unverified_official.refresh_from_db()
    assert unverified_official.role == Role.OFFICIAL
    assert unverified_official.role_label == "Funcionario/a · Alcaldía Local de Usme"
    entry = AuditEntry.objects.get(action="accounts.role_claim_verified")
    assert entry.actor == administrator
    assert Notification.objects.filter(recipient=unverified_official, kind="role_verified").count() == 1


def test_claim_cannot_be_decided_twice(unverified_official, administrator):
    claim = unverified_official.role_claims.get()
    role_claim_verify(claim=claim, actor=administrator)
    with pytest.raises(ValidationError):
        role_claim_reject(claim=claim, actor=administrator, reason="tarde")


def test_rejection_needs_a_reason_and_leaves_citizen(unverified_official, administrator):
    claim = unverified_official.role_claims.get()
    with pytest.raises(ValidationError):
        role_claim_reject(claim=claim, actor=administrator, reason="  ")
    role_claim_reject(claim=claim, actor=administrator, reason="No aparece en la planta de personal")
    unverified_official.refresh_from_db()
    assert unverified_official.role == Role.CITIZEN


def test_facilitator_cannot_verify_claims(unverified_official, facilitator):
    with pytest.raises(PermissionDenied):
        role_claim_verify(claim=unverified_official.role_claims.get(), actor=facilitator)


def test_only_one_pending_claim(citizen):
    role_claim_submit(user=citizen, role="contractor", entity="Alcaldía", position="Apoyo")
    with pytest.raises(ValidationError):
        role_claim_submit(user=citizen, role="official", entity="Alcaldía", position="Apoyo")


@pytest.mark.parametrize(
    "role,status", [("citizen", 403), ("official", 403), ("facilitator", 403), ("administrator", 200)]
)
def test_role_queue_page_is_403_not_500_for_non_admins(client, person, role, status):
    client.force_login(person(role))
    assert client.get(reverse("accounts:role_claim_queue")).status_code == status


def test_citizen_is_denied_admin_site(client, citizen):
    client.force_login(citizen)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_anonymous_is_sent_to_login_for_profile(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_verify_through_the_page(client, unverified_official, administrator):
    client.force_login(administrator)
    claim = unverified_official.role_claims.get()
    page = client.get(reverse("accounts:role_claim_queue")).content.decode()
    assert unverified_official.email in page
    client.post(reverse("accounts:role_claim_decide", args=[claim.pk, "verify"]))
    claim.refresh_from_db()
    assert claim.status == RoleClaim.Status.VERIFIED


def test_staff_without_totp_must_set_it_up(client, make_user):
    from allauth.mfa.models import Authenticator

    facilitator = make_user("facilitator")
    Authenticator.objects.filter(user=facilitator).delete()
    client.force_login(facilitator)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    # Citizens are never forced.
    citizen = make_user("citizen")
    client.force_login(citizen)
    assert client.get(reverse("core:home")).status_code == 200
