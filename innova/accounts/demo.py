"""Demo people: a resident, an official, a contractor, a facilitator and an administrator.

All share the password ``usme-innova-demo`` (printed by ``make run``). Staff accounts in the demo are
exempt from MFA only because INNOVA_STAFF_MFA_REQUIRED is off in ``make run``.
"""

from allauth.account.models import EmailAddress

from innova.core.roles import Role

from .models import User
from .services import consent_record

DEMO_PASSWORD = "usme-innova-demo"  # noqa: S105 - public demo accounts, documented in README  # nosec B105

DEMO_USERS = [
    ("vecina@demo.usme.co", "Marleny (Vecina de La Flora)", Role.CITIZEN, "", ""),
    ("vecino@demo.usme.co", "Don Efraín", Role.CITIZEN, "", ""),
    ("joven@demo.usme.co", "Camila R.", Role.CITIZEN, "", ""),
    ("funcionario@demo.usme.co", "Andrés Gómez", Role.OFFICIAL, "Alcaldía Local de Usme", "Profesional de planeación"),
    (
        "contratista@demo.usme.co",
        "Luisa Fernanda Ríos",
        Role.CONTRACTOR,
        "Alcaldía Local de Usme",
        "Contratista de participación",
    ),
    ("facilitadora@demo.usme.co", "Paola (Laboratorio)", Role.FACILITATOR, "Laboratorio Usme Innova", "Facilitadora"),
    ("admin@demo.usme.co", "Administración Innova", Role.ADMINISTRATOR, "Laboratorio Usme Innova", "Administrador"),
]


def load(stdout) -> None:
    created = 0
    for email, name, role, entity, position in DEMO_USERS:
        user, was_created = User.objects.get_or_create(
            email=email,
            defaults={
                "display_name": name,
                "role": role,
                "entity": entity,
                "position": position,
                "is_staff": role == Role.ADMINISTRATOR,
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            consent_record(user=user)
            EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
            created += 1
    stdout.write(f"accounts: {created} demo users created (password: {DEMO_PASSWORD})")
