"""The certificate as a PDF (WeasyPrint): one A4 landscape page with a QR code of its verification URL."""

from django.conf import settings
from django.utils import translation

from innova.agenda.qr import qr_svg
from innova.core.pdf import pdf_render

from .models import Certificate


def certificate_pdf(certificate: Certificate) -> bytes:
    verify_url = settings.SITE_URL + certificate.get_absolute_url()
    with translation.override(settings.LANGUAGE_CODE):
        return pdf_render(
            "courses/certificate_pdf.html",
            {"certificate": certificate, "verify_url": verify_url, "qr": qr_svg(verify_url, title=verify_url)},
        )
