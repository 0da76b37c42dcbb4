"""Demo items that arrived by SMS, by WhatsApp and at an attention point (idempotent: provider ids repeat)."""

from innova.accounts.models import User
from innova.problems.models import Problem, Theme
from innova.territory.models import Upz

from . import services
from .models import Channel, PaperConsent

SMS_CONVERSATION = [
    ("DEMO-SMS-1", "Hola"),
    ("DEMO-SMS-2", "SI"),
    ("DEMO-SMS-3", "El camión de la basura no pasa hace dos semanas por la vereda"),
    ("DEMO-SMS-4", "Vereda Los Soches"),
    ("DEMO-SMS-5", "no"),
]
WHATSAPP_CONVERSATION = [
    ("DEMO-WA-1", {"text": "Buenas tardes"}),
    ("DEMO-WA-2", {"text": "Sí"}),
    ("DEMO-WA-3", {"text": "Un poste de luz está a punto de caerse sobre el andén"}),
    ("DEMO-WA-4", {"location": (4.5205, -74.1195)}),
    ("DEMO-WA-5", {"text": "no"}),
]


def load(stdout) -> None:
    before = Problem.objects.count()
    for provider_id, text in SMS_CONVERSATION:
        services.intake_receive(channel=Channel.SMS, provider_id=provider_id, phone="+573001112233", text=text)
    for provider_id, message in WHATSAPP_CONVERSATION:
        services.intake_receive(channel=Channel.WHATSAPP, provider_id=provider_id, phone="+573204445566", **message)
    if not PaperConsent.objects.filter(form_number="DEMO-001").exists():
        services.intake_assisted_report(
            facilitator=User.objects.get(email="facilitadora@demo.usme.co"),
            point="Punto de atención Alcaldía Local de Usme",
            resident_name="",
            form_number="DEMO-001",
            title="Falta señalización en el cruce de la escuela de Chuniza",
            description="Los carros pasan rápido y no hay cebra ni señales frente a la escuela.",
            theme=Theme.objects.get(slug="movilidad"),
            upz=Upz.objects.get(code="58"),
        )
    stdout.write(f"intake: {Problem.objects.count() - before} demo reports from SMS, WhatsApp and attention points")
