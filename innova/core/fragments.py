"""Parts of pages kept in the cache for every reader: the mechanism behind ``{% fragment %}``
(core/templatetags/fragments.py) and the comments of a page (comments/templatetags/innova_content.py).

Signed-in people cannot get a whole kept page (core.pagecache): their header, support and follow buttons are their
own. What is the same for all of them — a list's cards, a problem's description, answers and history — is kept as
a fragment instead, so most of their render is a cache read.

- **The key** carries what the fragment varies on: its name, the language, a token of the versions of the domains
  it shows (``core.pagecache.domains_version``) and anything else it depends on (the path with its query, an id…).
  ``pages_changed`` renews a version on every change of what a page shows, so a support, a status change or a
  hiding is on the next request: correct by construction, as for the kept pages.
- **Nothing personal inside**, unless the reader is in the key: what depends on the person reading stays outside
  the fragment. The CSRF token of a form inside is kept as a placeholder; each render gets the reader's own.
"""

import hashlib
import pickle  # nosec B403 - what the cache holds is what Django's own cache backends pickle and unpickle
from collections.abc import Callable

from django.conf import settings
from django.db.models import Model
from django.utils.safestring import SafeString, mark_safe

from innova.core.pagecache import csrf_token_filled, csrf_tokens_hidden, kept_get, kept_or_made, kept_set


def _key(kind: str, parts: list[str]) -> str:
    return f"{kind}:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def instance_kept(parts: list[str], read: Callable[[], Model | None]) -> Model | None:
    """The model instance ``read()`` returns (what it selected with it included), read once for every reader and kept
    under a key made of ``parts`` — which must carry the versions of what the instance holds. Each call returns its
    own copy, never an object another request may change. ``None`` (nothing to show) is not kept."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return read()
    key = _key("instance", parts)
    kept = kept_get(key)
    if kept is not None:
        return pickle.loads(kept)  # noqa: S301  # nosec B301 - our own pickle, from our own cache
    instance = read()
    if instance is not None:
        kept_set(key, pickle.dumps(instance, pickle.HIGHEST_PROTOCOL), settings.PAGE_CACHE_SECONDS)
    return instance


def instance_token(instance: Model) -> str:
    """A digest of all ``instance`` holds as loaded: its fields and annotations, the rows selected with it
    (``select_related``) and those prefetched. A fragment that shows only what was loaded with an instance (a card)
    can be kept under it: it changes exactly when something shown changes, whatever else changed in the app."""
    digest = hashlib.blake2b(digest_size=16)
    _instance_digest(instance, digest, depth=0)
    return digest.hexdigest()


def _instance_digest(instance: Model, digest, *, depth: int) -> None:
    digest.update(f"{instance._meta.label}:".encode())
    values = instance.__dict__
    digest.update(repr([(name, values[name]) for name in sorted(values) if not name.startswith("_")]).encode())
    if depth >= 2:  # a card's author or theme, and theirs: deeper rows are not shown
        return
    related = list(instance._state.fields_cache.items())
    related += list(getattr(instance, "_prefetched_objects_cache", {}).items())
    for name, value in sorted(related, key=lambda item: item[0]):
        digest.update(f"|{name}=".encode())
        for row in value if hasattr(value, "__iter__") else [value]:
            if row is None:
                digest.update(b"none")
            else:
                _instance_digest(row, digest, depth=depth + 1)


def fragment_kept(parts: list[str], render: Callable[[], str], *, seconds: int, csrf_token) -> SafeString:
    """The HTML ``render()`` returns, kept ``seconds`` under a key made of ``parts``; ``csrf_token`` goes into the
    forms it holds. ``render`` must return HTML our own autoescaping templates rendered."""
    if seconds <= 0:
        return mark_safe(render())  # noqa: S308 - see the docstring  # nosec B308 B703
    key = _key("fragment", parts)
    html = kept_or_made(key, lambda: csrf_tokens_hidden(render()), seconds)
    return mark_safe(csrf_token_filled(html, str(csrf_token or "")))  # noqa: S308 - see the docstring  # nosec B308 B703
