"""QR codes for check-in: each registration's code, drawn as inline SVG (pages) or PNG (e-mail attachment)."""

import io

import segno


def qr_svg(code: str, *, title: str = "", omitsize: bool = True) -> str:
    """Inline SVG; without a fixed size (viewBox only) it scales to its box. E-mail clients need the size."""
    return segno.make_qr(code, error="m").svg_inline(scale=6, border=2, title=title or code, omitsize=omitsize)


def qr_png(code: str) -> bytes:
    buffer = io.BytesIO()
    segno.make_qr(code, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()
