"""The WSGI entry point production serves HTTP with (granian): the client's address behind the proxy."""

import pytest

from innova.wsgi import client_address_from_proxy


def _remote_addr(remote: str, forwarded: str | None, *, trusted: list[str]) -> str:
    """REMOTE_ADDR as the app sees it, for a connection from ``remote`` with ``X-Forwarded-For: forwarded``."""
    seen = {}

    def app(environ, start_response):
        seen["address"] = environ["REMOTE_ADDR"]
        return []

    environ = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {})
    client_address_from_proxy(app, trusted=trusted)(environ, lambda *args: None)
    return seen["address"]


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "seen"),
    [
        ("127.0.0.1", "203.0.113.7", ["127.0.0.1"], "203.0.113.7"),  # the proxy on the same host
        ("10.0.0.2", "203.0.113.7", ["10.0.0.0/24"], "203.0.113.7"),  # a proxy network
        ("10.0.0.2", "203.0.113.7, 10.0.0.3", ["10.0.0.0/24"], "203.0.113.7"),  # two proxies: the nearest client
        ("127.0.0.1", "198.51.100.1, 203.0.113.7", ["127.0.0.1"], "203.0.113.7"),  # a forged first hop is ignored
        ("198.51.100.9", "203.0.113.7", ["127.0.0.1"], "198.51.100.9"),  # not from a proxy: the header is a lie
        ("198.51.100.9", "203.0.113.7", ["*"], "203.0.113.7"),
        ("127.0.0.1", None, ["127.0.0.1"], "127.0.0.1"),
        ("127.0.0.1", " , ", ["127.0.0.1"], "127.0.0.1"),
    ],
)
def test_the_client_address_comes_from_x_forwarded_for_only_through_a_trusted_proxy(remote, forwarded, trusted, seen):
    assert _remote_addr(remote, forwarded, trusted=trusted) == seen
