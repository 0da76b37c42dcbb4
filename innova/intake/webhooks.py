"""Provider signatures, checked before anything is read or stored."""

import base64
import hashlib
import hmac


def twilio_signature(auth_token: str, url: str, params: dict[str, str]) -> str:
    """Twilio's X-Twilio-Signature: HMAC-SHA1 over the full URL followed by the sorted POST parameters."""
    payload = url + "".join(f"{key}{params[key]}" for key in sorted(params))
    digest = hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def twilio_signature_valid(auth_token: str, url: str, params: dict[str, str], signature: str) -> bool:
    if not auth_token or not signature:
        return False
    return hmac.compare_digest(twilio_signature(auth_token, url, params), signature)


def meta_signature(app_secret: str, body: bytes) -> str:
    """WhatsApp Cloud API's X-Hub-Signature-256: ``sha256=`` + HMAC-SHA256 of the raw body."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def meta_signature_valid(app_secret: str, body: bytes, signature: str) -> bool:
    if not app_secret or not signature:
        return False
    return hmac.compare_digest(meta_signature(app_secret, body), signature)
