"""Digests: what waits is grouped per person by kind and object, sent once per period."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from innova.notifications import selectors, tasks
from innova.notifications.models import EmailDelivery, Frequency, Notification
from innova.notifications.services.delivery import email_delivery_send
from innova.notifications.services.digests import notification_digest_build
from innova.notifications.services.preferences import preference_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekly_news(make_user, make_problem, emit):
    """Ana follows two problems; there were three comments on the first and one on the second this week."""
    ana, luis = make_user("citizen", display_name="Ana"), make_user("citizen", display_name="Luis")
    first, second = make_problem(title="Basuras en el caño"), make_problem(title="Parque sin luz")
    for n in range(3):
        emit(kind="comment_added", recipients=[ana, luis], target=first, actor=make_user("citizen"), dedupe_key=f"c{n}")
    emit(kind="comment_added", recipients=[ana], target=second, dedupe_key="c9")
    preference_set(user=ana, kind="mentioned", email=Frequency.WEEKLY)
    emit(kind="mentioned", recipients=[ana], target=first, actor=luis)
    return ana, luis, first, second


def test_the_weekly_digest_groups_by_kind_then_object(weekly_news):
    ana, luis, first, second = weekly_news
    assert mail.outbox == []  # activity waits for the digest
    ids = tasks.notification_digest_send.delay("weekly").get()
    assert len(ids) == 2
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {ana.email, luis.email}
    message = by_person[ana.email]
    assert message.subject == "[Usme Innova] Su resumen semanal de Usme Innova (5 novedades)"
    body = message.body
    assert body.index("== Comentarios nuevos en lo que sigo ==") < body.index("== Alguien me mencionó ==")
    assert "- Basuras en el caño: 3 novedades\n  http://127.0.0.1:8000/problemas/" in body
    assert "- Alguien comentó en Parque sin luz, que usted sigue." in body
    assert "Basuras en el caño</a>: 3 novedades" in message.alternatives[0][0]
    # Two kinds in one e-mail: the header unsubscribes from every e-mail; the body has one link per kind.
    assert "/notificaciones/baja/" in message.extra_headers["List-Unsubscribe"]
    assert body.count("Dejar de recibir correos sobre") == 2
    assert "Basuras en el caño: 3 novedades" in by_person[luis.email].body


def test_digest_groups_selector():
    rows = [
        Notification(kind="comment_added", target_type_id=1, target_id="5", message="a", url="/p/5/"),
        Notification(kind="mentioned", target_type_id=1, target_id="5", message="m", url="/p/5/"),
        Notification(kind="comment_added", target_type_id=1, target_id="6", message="b", url="/p/6/"),
        Notification(kind="comment_added", target_type_id=1, target_id="5", message="c", url="/p/5/"),
    ]
    groups = selectors.digest_groups(rows)
    assert [g["kind"] for g in groups] == ["comment_added", "mentioned"]
    assert [(t["url"], t["count"], t["messages"]) for t in groups[0]["targets"]] == [
        ("/p/5/", 2, ["a", "c"]),
        ("/p/6/", 1, ["b"]),
    ]


def test_a_second_run_in_the_same_period_sends_nothing_twice(weekly_news):
    ana, *_ = weekly_news
    tasks.notification_digest_send.delay("weekly").get()
    assert len(mail.outbox) == 2
    assert tasks.notification_digest_send.delay("weekly").get() == []
    assert len(mail.outbox) == 2
    assert EmailDelivery.objects.filter(user=ana, frequency=Frequency.WEEKLY, status="sent").count() == 1


def test_news_after_this_weeks_digest_waits_for_next_week(weekly_news, emit):
    ana, _luis, first, _second = weekly_news
    now = timezone.now()
    notification_digest_build(frequency=Frequency.WEEKLY, now=now)
    for delivery in EmailDelivery.objects.all():
        email_delivery_send(delivery_id=delivery.pk)
    emit(kind="comment_added", recipients=[ana], target=first, dedupe_key="late")
    assert notification_digest_build(frequency=Frequency.WEEKLY, now=now) == []
    [next_week] = notification_digest_build(frequency=Frequency.WEEKLY, now=now + datetime.timedelta(days=7))
    assert EmailDelivery.objects.get(pk=next_week).notifications.count() == 1


def test_daily_and_weekly_are_separate(make_user, emit):
    person = make_user("citizen")
    preference_set(user=person, kind="mentioned", email=Frequency.DAILY)
    emit(kind="mentioned", recipients=[person])
    emit(kind="comment_added", recipients=[person])
    tasks.notification_digest_send.delay("daily").get()
    [daily] = mail.outbox
    assert "resumen diario" in daily.subject and "mencionó" in daily.body and "comentó" not in daily.body


def test_content_hidden_before_the_digest_is_left_out(weekly_news):
    ana, luis, first, _second = weekly_news
    first.hidden_at = timezone.now()
    first.save(update_fields=["hidden_at"])
    tasks.notification_digest_send.delay("weekly").get()
    [message] = mail.outbox  # Luis only had news about the hidden problem: no e-mail for him
    assert message.to == [ana.email]
    assert "Basuras" not in message.body and "Parque sin luz" in message.body


def test_turning_email_off_drops_what_was_waiting(weekly_news):
    ana, luis, *_ = weekly_news
    preference_set(user=ana, kind="comment_added", email=Frequency.OFF)
    preference_set(user=ana, kind="mentioned", email=Frequency.OFF)
    tasks.notification_digest_send.delay("weekly").get()
    assert [m.to for m in mail.outbox] == [[luis.email]]


def test_not_a_digest_frequency():
    with pytest.raises(ValueError):
        notification_digest_build(frequency=Frequency.IMMEDIATE)
