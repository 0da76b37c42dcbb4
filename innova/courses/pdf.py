"""The certificate as a PDF (WeasyPrint): one A4 landscape page with a QR code of its verification URL."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from innova.agenda.qr import qr_svg

from .models import Certificate


def certificate_pdf(certificate: Certificate) -> bytes:
    from weasyprint import HTML

    verify_url = settings.SITE_URL + certificate.get_absolute_url()
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "courses/certificate_pdf.html",
            {"certificate": certificate, "verify_url": verify_url, "qr": qr_svg(verify_url, title=verify_url)},
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
