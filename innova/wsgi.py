"""WSGI entry point: production serves HTTP with granian on it, WebSockets with uvicorn on innova.asgi
(docs/DECISIONS.md, 55)."""

import ipaddress
import os

from django.core.wsgi import get_wsgi_application

from innova.env import env_list

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innova.settings")


def client_address_from_proxy(app, *, trusted: list[str]):
    """``app`` seeing the client's address in ``REMOTE_ADDR`` behind a proxy, as uvicorn's ``--proxy-headers``
    does for ASGI: when the connection comes from a ``trusted`` address or network (``*``: any), the nearest address
    of ``X-Forwarded-For`` that is not trusted replaces it. Per-address rate limits and lockouts depend on it."""
    networks = [ipaddress.ip_network(item, strict=False) for item in trusted if item != "*"]
    trust_all = "*" in trusted

    def is_trusted(address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return trust_all or any(ip in network for network in networks)

    def wrapped(environ, start_response):
        hops = [hop.strip() for hop in environ.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if hops and is_trusted(environ.get("REMOTE_ADDR", "")):
            environ["REMOTE_ADDR"] = next((hop for hop in reversed(hops) if not is_trusted(hop)), hops[0])
        return app(environ, start_response)

    return wrapped


# FORWARDED_ALLOW_IPS: the proxies' addresses, as uvicorn reads them (the ASGI server for /ws/ takes the same).
application = client_address_from_proxy(get_wsgi_application(), trusted=env_list("FORWARDED_ALLOW_IPS", "127.0.0.1"))
