"""QR codes for check-in: each registration's code, drawn as inline SVG (pages) or PNG (e-mail attachment)."""

import io

import segno


def qr_svg(code: str, *, title: str = "") -> str:
    return segno.make(code, error="m").svg_inline(scale=6, border=2, title=title or code)


def qr_png(code: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(code, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()
