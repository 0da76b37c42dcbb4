"""Every PDF the site makes (WeasyPrint), made one way: one font set, stylesheets read from the app's own static
files, and no fetching: a PDF never makes the server open an address (user text in a PDF cannot reach the
network or the disk); only ``data:`` URLs are read."""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

# One font set for every PDF (Debian's fonts-dejavu, installed with Pango): accents and ñ in every weight.
FONTS_CSS = (
    'body { font-family: "DejaVu Sans", sans-serif; } code, .code { font-family: "DejaVu Sans Mono", monospace; }'
)
BASE_URL = "https://pdf.invalid/"  # relative URLs resolve here; the fetcher refuses them


def _fetcher():
    """Reads ``data:`` URLs only: an address in a template or in user text is never opened."""
    # Heavy (WeasyPrint, Pango): loaded only when a PDF is made.
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


def pdf_render(template_name: str, context: dict, *, request=None, stylesheets: tuple[str, ...] = ()) -> bytes:
    """Render a template to PDF; ``stylesheets`` are static paths (e.g. ``surveys/print.css``) the browser version
    of the page links, applied here from disk."""
    # Heavy (WeasyPrint, Pango): loaded only when a PDF is made.
    from weasyprint import CSS, HTML

    html = render_to_string(template_name, {**context, "pdf": True}, request=request)
    sheets = [CSS(string=FONTS_CSS)] + [CSS(filename=finders.find(path)) for path in stylesheets]
    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf(stylesheets=sheets)


def pdf_response(pdf: bytes, *, filename: str, download: bool = False) -> HttpResponse:
    """The PDF shown in the browser (or downloaded, ``download=True``) under ``filename``."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
