import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.permissions import require_perm
from innova.core.service_results import service_into_form, service_with_message
from innova.core.views import form_action

from . import selectors, services
from .forms import ConsentForm, DeleteAccountForm, ProfileForm, RoleClaimForm, RoleClaimRejectForm, SensitiveProfileForm
from .models import RoleClaim


@login_required
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {"claims": request.user.role_claims.all(), "policy": selectors.policy_current()},
    )


@login_required
def profile_edit(request):
    user = request.user
    form = ProfileForm(request.POST or None, instance=user, prefix="basic")
    sensitive = SensitiveProfileForm(
        request.POST or None,
        instance=user,
        prefix="optional",
        initial={"consent": user.sensitive_consent_at is not None},
    )
    if request.method == "POST" and form.is_valid() and sensitive.is_valid():
        services.profile_update(user=user, **form.cleaned_data)
        data = {f: sensitive.cleaned_data.get(f) for f in SensitiveProfileForm.Meta.fields}
        services.profile_sensitive_update(user=user, consent=sensitive.cleaned_data["consent"], **data)
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile_edit.html", {"form": form, "sensitive_form": sensitive})


@login_required
def data_export(request):
    data = selectors.user_personal_data_export(user=request.user)
    data["exported_at"] = timezone.now().isoformat()
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mis-datos-usme-innova.json"'
    return response


@login_required
def account_delete(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_delete_account(user=request.user, request=request)
        messages.success(request, _("Your account was deleted and your personal data erased."))
        return redirect("core:home")
    return render(request, "accounts/delete.html", {"form": form})


@login_required
def consent(request):
    policy = selectors.policy_current()
    form = ConsentForm(request.POST or None)
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        services.consent_record(user=request.user, policy=policy)
        messages.success(request, _("Thank you. Your consent was recorded."))
        return redirect(next_url or "core:home")
    return render(request, "accounts/consent.html", {"form": form, "policy": policy, "next": next_url})


@login_required
def role_claim(request):
    form = RoleClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        claim = service_into_form(form, lambda: services.role_claim_submit(user=request.user, **form.cleaned_data))
        if claim is not None:
            messages.success(
                request,
                _("Your claim was sent. An administrator will verify it; until then you take part as a citizen."),
            )
            return redirect("accounts:profile")
    return render(request, "accounts/role_claim.html", {"form": form})


@login_required
def role_claim_queue(request):
    require_perm(request.user, "accounts.verify_role_claim")
    return render(
        request,
        "accounts/role_claim_queue.html",
        {"claims": selectors.role_claim_pending_list(), "reject_form": RoleClaimRejectForm()},
    )


@login_required
@require_POST
def role_claim_decide(request, pk: int, decision: str):
    require_perm(request.user, "accounts.verify_role_claim")
    claim = get_object_or_404(RoleClaim, pk=pk)
    if decision == "verify":
        service_with_message(
            request,
            lambda: services.role_claim_verify(claim=claim, actor=request.user),
            _("The role of %(name)s was verified.") % {"name": claim.user.public_name},
        )
    else:
        form_action(
            request,
            RoleClaimRejectForm(request.POST),
            lambda data: services.role_claim_reject(claim=claim, actor=request.user, reason=data["reason"]),
            success=_("The claim was rejected."),
            invalid=_("Write the reason for the rejection; the person will read it."),
        )
    return redirect("accounts:role_claim_queue")
