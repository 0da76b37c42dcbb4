"""Every write of the notifications app, one module per responsibility.

- ``follows``: who follows what (``follow_set``, ``followers_of``).
- ``preferences``: each person's choice per kind, and the signed unsubscribe links that change it.
- ``emit``: ``notification_emit``, the one way to tell people something.
- ``bell``: the unread count, marking read and pushing the count to open tabs.
- ``delivery``: sending the e-mails, each at most once.
- ``digests``: gathering what waits into daily and weekly digests.
- ``erasure``: account deletion.

Flow of one event: a domain service calls ``notification_emit`` (usually in ``transaction.on_commit``) → one
``Notification`` per right recipient (never the actor, nothing about hidden content, once per ``dedupe_key``), each
stamped with the recipient's e-mail frequency for that kind → after commit, immediate e-mails go to Celery and the
bell of each recipient is updated over the channel layer. Digests are built by beat tasks from what is pending.

Callers import from the submodules. This package itself is what ``AppConfig.ready()`` registers with
``core.notify``, through which the layers below notifications call these three:
"""

from .emit import email_muted, notification_emit
from .follows import followers_of

__all__ = ["email_muted", "followers_of", "notification_emit"]
