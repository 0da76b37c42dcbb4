"""Which account a log-in attempt is for, as django-axes counts failures per (account, address) pair."""


def axes_username(request, credentials: dict | None) -> str | None:
    """allauth authenticates with ``email=`` and posts the address as ``login``; the admin uses ``username``.

    django-axes looks for one form field only, so without this it never knew the account and counted by address
    alone. Lower-cased, so "Ana@X.co" and "ana@x.co" are one account.
    """
    credentials = credentials or {}
    name = credentials.get("email") or credentials.get("login") or credentials.get("username")
    if not name and request is not None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        name = data.get("login") or data.get("username")
    name = (name or "").strip().lower()
    return name or None
