"""Create (idempotently) bench accounts with a live session each; print their session keys (and resident ids).

`python -m bench.bench_accounts RESIDENTS OFFICIALS [FACILITATORS]`.

Load generators then act as these people by sending the session cookie, without going through the log-in form
(which is rate-limited by design) or the staff MFA step.
"""

import json
import os
import sys

import django


def main(residents: int, officials: int, facilitators: int = 0) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innova.settings")
    django.setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    from innova.accounts.models import User
    from innova.accounts.services import consent_record

    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")

    def account(email: str, role: str) -> tuple[str, int]:
        user, created = User.objects.get_or_create(
            email=email, defaults={"display_name": email.split("@")[0], "role": role}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            consent_record(user=user)
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        return session.session_key, user.pk

    resident_accounts = [account(f"vecino{n}@carga.invalid", "citizen") for n in range(residents)]
    official_accounts = [account(f"funcionario{n}@carga.invalid", "official") for n in range(officials)]
    facilitator_accounts = [account(f"facilitador{n}@carga.invalid", "facilitator") for n in range(facilitators)]
    print(
        json.dumps(
            {
                "cookie": settings.SESSION_COOKIE_NAME,
                "residents": [session for session, _ in resident_accounts],
                "resident_ids": [user_id for _, user_id in resident_accounts],
                "officials": [session for session, _ in official_accounts],
                "facilitators": [session for session, _ in facilitator_accounts],
            }
        )
    )


if __name__ == "__main__":
    main(*(int(count) for count in sys.argv[1:4]))
