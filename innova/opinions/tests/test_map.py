"""The map is recomputed in a debounced task after votes, and the page shows each viewer their group."""

from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse

from innova.opinions import mapping, selectors, services
from innova.opinions.models import MapResult, Participant
from innova.opinions.tasks import opinion_map_recompute_task

pytestmark = pytest.mark.django_db


def test_votes_schedule_one_debounced_recomputation(
    debate, citizen, make_statements, django_capture_on_commit_callbacks
):
    statements = make_statements(debate, 3)
    participant = services.participant_get_or_create(debate=debate, user=citizen)
    with mock.patch.object(opinion_map_recompute_task, "apply_async") as apply_async:
        with django_capture_on_commit_callbacks(execute=True):
            for statement in statements:
                services.vote_cast(user=citizen, participant=participant, statement=statement, value=1)
    # Three votes in a burst: one task, delayed by the debounce; nothing ran inside the request.
    assert apply_async.call_count == 1
    assert apply_async.call_args.kwargs == {"args": [debate.pk], "countdown": services.RECOMPUTE_DEBOUNCE}
    assert not MapResult.objects.exists()
    # Once the task starts, the next vote schedules the next computation.
    with mock.patch.object(opinion_map_recompute_task, "apply_async") as apply_async:
        opinion_map_recompute_task(debate.pk)
        with django_capture_on_commit_callbacks(execute=True):
            services.vote_cast(user=citizen, participant=participant, statement=statements[0], value=-1)
    assert apply_async.call_count == 1


def test_recompute_task_produces_groups_consensus_and_divisive(debate, two_blocs, django_capture_on_commit_callbacks):
    statements = two_blocs(debate)
    participant = Participant.objects.filter(debate=debate).first()
    cache.clear()
    # Eager mode (no broker): the task runs when the vote's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        services.vote_cast(user=AnonymousUser(), participant=participant, statement=statements[1], value=1)
    result = MapResult.objects.get(debate=debate)
    data = result.data
    assert [g["label"] for g in data["groups"]] == ["A", "B"]
    assert sorted(g["size"] for g in data["groups"]) == [20, 20]
    assert result.vote_count_at == 400
    assert data["consensus"]["agree"][0][0] == statements[0].pk
    assert data["divisive"] and data["divisive"][0][0] != statements[0].pk
    assert all(g["repness"] for g in data["groups"])
    assert result.state["groups"]  # handed to the next computation


def test_groups_keep_their_identity_and_colour_across_recomputations(debate, two_blocs):
    two_blocs(debate)
    first = services.opinion_map_recompute(debate=debate).data
    members = {g["id"]: {p[0] for p in first["participants"] if p[3] == g["id"]} for g in first["groups"]}
    # New people arrive in the bloc of group B; the groups keep their ids, letters and colours.
    statements = list(debate.statements.order_by("pk"))
    bloc_b = next(iter(members[1]))
    template = dict(Participant.objects.get(pk=bloc_b).votes.values_list("statement_id", "value"))
    for k in range(5):
        newcomer = Participant.objects.create(debate=debate, anonymous_key=f"new-{k}")
        for statement in statements:
            services.vote_cast(
                user=AnonymousUser(),
                participant=newcomer,
                statement=statement,
                value=template[statement.pk],
                recompute=False,
            )
    second = services.opinion_map_recompute(debate=debate).data
    again = {g["id"]: {p[0] for p in second["participants"] if p[3] == g["id"]} for g in second["groups"]}
    assert members[0] <= again[0] and members[1] <= again[1]
    assert [(g["label"], g["colour"]) for g in first["groups"]] == [(g["label"], g["colour"]) for g in second["groups"]]


def test_map_page_shows_the_viewer_in_their_group(client, debate, two_blocs, citizen):
    statements = two_blocs(debate)
    participant = services.participant_get_or_create(debate=debate, user=citizen)
    for index, statement in enumerate(statements):
        value = 1 if index == 0 or index % 2 == 1 else -1  # votes like bloc 1
        services.vote_cast(user=citizen, participant=participant, statement=statement, value=value, recompute=False)
    services.opinion_map_recompute(debate=debate)
    data = MapResult.objects.get().data
    mine = next(p for p in data["participants"] if p[0] == participant.pk)
    label = next(g["label"] for g in data["groups"] if g["id"] == mine[3])

    client.force_login(citizen)
    html = client.get(reverse("opinions:map", args=[debate.pk])).content.decode()
    assert 'id="viewer-group"' in html and f"grupo {label}" in html
    assert 'class="viewer-dot"' in html and ">Usted<" in html
    assert "<table" in html and "El grupo" in html  # text alternative and plain-language summary
    # Someone who has not voted sees the map without a dot of their own.
    client.logout()
    html = client.get(reverse("opinions:map", args=[debate.pk])).content.decode()
    assert 'class="viewer-dot"' not in html and "<svg" in html


def test_a_vote_after_the_computation_is_placed_approximately(debate, two_blocs, citizen):
    statements = two_blocs(debate)
    services.opinion_map_recompute(debate=debate)
    participant = services.participant_get_or_create(debate=debate, user=citizen)
    for index, statement in enumerate(statements):
        value = 1 if index % 2 == 0 else -1  # like bloc 0
        services.vote_cast(user=citizen, participant=participant, statement=statement, value=value, recompute=False)
    view = selectors.opinion_map(debate=debate, participant=participant)
    bloc0 = Participant.objects.get(debate=debate, anonymous_key="bloc0-0")
    group_of_bloc0 = next(p[3] for p in view["result"].data["participants"] if p[0] == bloc0.pk)
    assert view["viewer"]["approximate"] and view["viewer"]["group"] == group_of_bloc0


def test_a_rejected_statement_leaves_the_map_but_its_votes_keep_their_weight(debate, two_blocs, facilitator):
    statements = two_blocs(debate)
    services.statement_moderate(actor=facilitator, statement=statements[-1], approve=False)
    data = services.opinion_map_recompute(debate=debate).data
    # As in Pol.is, the rejected statement is a zero column: out of the map, still in the projection scale.
    assert statements[-1].pk not in data["pca"]["statement_ids"]
    assert data["pca"]["columns"] == 10 and data["pca"]["zeroed_columns"] == 1
    assert str(statements[-1].pk) not in data["group_votes"]
    # Someone placed later with the same votes lands where the computation put the participant.
    someone = Participant.objects.get(debate=debate, anonymous_key="bloc0-0")
    votes = dict(someone.votes.values_list("statement_id", "value"))
    stored = next(p for p in data["participants"] if p[0] == someone.pk)
    assert mapping.project(data, votes) == pytest.approx((stored[1], stored[2]), abs=1e-3)


def test_empty_debate_has_no_map_yet(client, debate):
    services.opinion_map_recompute(debate=debate)
    html = client.get(reverse("opinions:map", args=[debate.pk])).content.decode()
    assert "<svg" not in html and response_ok(client, debate)


def response_ok(client, debate) -> bool:
    return client.get(reverse("opinions:map", args=[debate.pk])).status_code == 200


def test_map_and_list_pages_use_few_queries(client, debate, two_blocs, citizen, django_assert_max_num_queries):
    two_blocs(debate)
    services.opinion_map_recompute(debate=debate)
    client.force_login(citizen)
    client.get(reverse("opinions:index"))  # warm the session and the content types
    with django_assert_max_num_queries(11):  # + the bell's unread count
        assert client.get(reverse("opinions:map", args=[debate.pk])).status_code == 200
    with django_assert_max_num_queries(8):  # 6 per request: session, user, consent, permissions
        assert client.get(reverse("opinions:index")).status_code == 200
    with django_assert_max_num_queries(8):  # 6 per request: session, user, consent, permissions
        assert client.get(reverse("debates:index")).status_code == 200
