"""Names that say what the code does, held by tests (issue #21: names and docs that are true)."""

from innova.core import personal_data


def test_account_erasers_follow_one_pattern():
    """Each app's account-deletion eraser is ``<app or section>_erase_user``, in the app's services (core's own
    sections in core.personal_data_core): found by one grep."""
    names = {h.section: h.erase.__name__ for h in personal_data.handlers() if h.erase}
    assert len(names) >= 14
    wrong = {section: name for section, name in names.items() if not name.endswith("_erase_user")}
    assert not wrong, wrong
    for handler in personal_data.handlers():
        if handler.erase and not handler.erase.__module__.startswith("innova.core"):
            app = handler.erase.__module__.split(".")[1]
            assert handler.erase.__name__ == f"{app}_erase_user", (handler.section, handler.erase.__module__)


def test_e_mail_tasks_have_distinct_names_and_keep_their_registered_ones():
    """The Python names differ by more than one letter; the Celery names stay those a broker may have queued."""
    from innova.notifications import tasks

    assert tasks.email_deliveries_send_batch.name == "innova.notifications.tasks.notification_emails_send"
    assert tasks.email_delivery_send_one.name == "innova.notifications.tasks.notification_email_send"
