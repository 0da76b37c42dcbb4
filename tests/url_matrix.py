"""The authorisation matrix: for every URL pattern of the project, the status each kind of person gets on GET.

Kept in one file on purpose. `tests/test_url_matrix.py` introspects the URL configuration, so a new view without
a line here fails the suite: nobody can forget to decide who may open it.

Each entry: URL name → (kwargs builder taking the `world` fixture, or None; {role: expected status}).
"""

from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("anonymous", "citizen", "unverified_official", "official", "facilitator", "administrator")
LOGGED_IN = ROLES[1:]


def _url_names(patterns=None, namespace: str = "") -> list[tuple[str, str]]:
    """(name with its namespaces, route) of every named URL pattern below ``patterns`` (the project's by default)."""
    found = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found.extend(_url_names(pattern.url_patterns, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.append((f"{namespace}{pattern.name}", str(pattern.pattern)))
    return found


ALL_URLS = _url_names()  # every named URL of the project, ours and third parties'


def everyone(status: int = 200) -> dict:
    return dict.fromkeys(ROLES, status)


def logged_in(status: int = 200) -> dict:
    """Anonymous people are sent to log in (302); everyone else gets ``status``."""
    return {"anonymous": 302, **dict.fromkeys(LOGGED_IN, status)}


def only(*roles: str, status: int = 200) -> dict:
    """Anonymous → 302 to log in; the named roles → ``status``; every other role → 403."""
    return {"anonymous": 302, **{role: (status if role in roles else 403) for role in LOGGED_IN}}


STAFF = ("facilitator", "administrator")


def _matrix_debate(w):
    """debates / opinions: one open debate with an opinion map, made on first use."""
    if not hasattr(w, "debate"):
        from innova.debates.testing import make_debate

        w.debate = make_debate()
    return w.debate


def _matrix_material(w):
    """courses: one material (a link) of the matrix course, made on first use."""
    if not hasattr(w, "material"):
        from innova.courses.models import Material

        w.material = Material.objects.create(course=w.course, title="Guía", url="https://example.org/guia")
    return w.material


def _matrix_material_file(w):
    """courses: one uploaded material (a file in the private storage) of the matrix course, made on first use."""
    if not hasattr(w, "material_file"):
        from django.core.files.base import ContentFile

        from innova.courses.models import Material

        w.material_file = Material.objects.create(
            course=w.course, title="Guía en PDF", file=ContentFile(b"%PDF-1.4", name="guia.pdf")
        )
    return {"slug": w.course.slug, "pk": w.material_file.pk}


def _matrix_comment(w):
    """core comment votes / debates: one comment on the matrix problem, made on first use."""
    if not hasattr(w, "comment"):
        from innova.accounts.testing import make_user
        from innova.comments.services import comment_add

        w.comment = comment_add(author=make_user("citizen"), target=w.problem, body="Comentario de la matriz")
    return w.comment


def _matrix_photo(w):
    """problems: one photo of the matrix problem (files in the private storage), made on first use."""
    if not hasattr(w, "photo"):
        from innova.core.testing import jpeg_with_gps
        from innova.problems.models import ProblemPhoto
        from innova.problems.photos import photo_process

        processed = photo_process(jpeg_with_gps(size=(40, 30)))
        w.photo = ProblemPhoto.objects.create(
            problem=w.problem, image=processed.image, thumbnail=processed.thumbnail, alt_text="Foto de la matriz"
        )
    return {"pk": w.problem.pk, "photo": w.photo.pk}


def _matrix_argument(w):
    if not hasattr(w, "argument"):
        from innova.accounts.testing import make_user
        from innova.debates.services import argument_add

        w.argument = argument_add(author=make_user("citizen"), debate=_matrix_debate(w), side="for", body="Sí")
    return w.argument


def _matrix_debate_request(w):
    if not hasattr(w, "debate_request"):
        from innova.accounts.testing import make_user
        from innova.debates.services import debate_request_create

        w.debate_request = debate_request_create(user=make_user("citizen"), title="¿Debatimos esto?")
    return w.debate_request


def _matrix_difficulty(w):
    """difficulties: one difficulty on a front coordinated by a facilitator outside the matrix roles, filled in
    the way real ones are (an owner, a mitigation, a review date): edit forms must render with every field set."""
    if not hasattr(w, "difficulty"):
        import datetime

        from innova.difficulties.testing import make_difficulty, make_front

        front = make_front()
        w.difficulty = make_difficulty(
            actor=front.created_by,
            front=front,
            owner=front.created_by,
            mitigation="Pedir cita con la CAR",
            review_date=datetime.date(2030, 1, 15),
        )
    return w.difficulty


def _matrix_instructor(w):
    """courses: an instructor of the matrix course who holds none of the matrix roles' staff powers."""
    if not hasattr(w, "instructor"):
        from innova.accounts.testing import make_user

        w.instructor = make_user("citizen")
        w.course.instructors.add(w.instructor)
    return w.instructor


def _matrix_staff(w):
    if not hasattr(w, "staff"):
        from innova.accounts.testing import make_user

        w.staff = make_user("facilitator")
    return w.staff


def _staff_else(status: int) -> dict:
    """Staff get 200; everyone else (anonymous included) ``status``."""
    return {role: (200 if role in STAFF else status) for role in ROLES}


def _survey():
    """The surveys app's object for parametrised URLs: made once per test, with one section and one question."""
    from innova.surveys.models import Question, Section, Survey

    survey, created = Survey.objects.get_or_create(slug="matriz", defaults={"title": "Encuesta", "published": True})
    if created:
        section = Section.objects.create(survey=survey, title="Única", order=1)
        Question.objects.create(survey=survey, section=section, kind="short_text", text="¿Qué opina?", order=1)
    return survey


EXPECTED: dict[str, tuple] = {
    # core
    "core:favicon": (None, everyone(302)),  # redirects to the static icon
    "core:home": (None, everyone()),
    "core:data_policy": (None, everyone()),
    "core:terms": (None, everyone()),
    "core:accessibility": (None, everyone()),
    "core:contact": (None, everyone()),
    "core:healthz": (None, everyone()),
    "core:manifest": (None, everyone()),
    "core:service_worker": (None, everyone()),
    "set_language": (None, everyone(302)),  # the language form POSTs; a GET just goes back
    "media": (lambda w: {"path": "no-such-file.jpg"}, everyone(404)),
    # accounts
    "accounts:profile": (None, logged_in()),
    "accounts:profile_edit": (None, logged_in()),
    "accounts:data_export": (None, logged_in()),
    "accounts:delete": (None, logged_in()),
    "accounts:role_claim": (None, logged_in()),
    "accounts:consent": (None, logged_in()),
    "accounts:role_claim_queue": (None, only("administrator")),
    "accounts:role_claim_decide": (lambda w: {"pk": w.claim.pk, "decision": "verify"}, logged_in(405)),
    # territory
    "territory:index": (None, everyone()),
    "territory:map_config": (None, everyone()),
    "territory:tiles_archive": (None, everyone(404)),  # no PMTiles archive configured in the tests
    # notifications
    "notifications:index": (None, logged_in()),
    "notifications:mark_read": (None, logged_in(405)),
    "notifications:mark_one_read": (lambda w: {"pk": 1}, logged_in(405)),
    "notifications:preferences": (None, logged_in()),
    "notifications:unsubscribe": (lambda w: {"token": "not-a-signed-token"}, everyone(400)),
    "notifications:follow": (
        lambda w: {"content_type_id": w.problem_ct, "object_id": w.problem.pk},
        logged_in(405),
    ),
    # comments, flags, moderation (core, for every registered content type)
    "comments:comment_create": (lambda w: {"content_type_id": w.problem_ct, "object_id": w.problem.pk}, logged_in(405)),
    "comments:flag_create": (lambda w: {"content_type_id": w.problem_ct, "object_id": w.problem.pk}, logged_in(405)),
    "comments:moderation": (None, only(*STAFF)),
    "comments:moderation_action": (
        lambda w: {"content_type_id": w.problem_ct, "object_id": w.problem.pk, "action": "ocultar"},
        logged_in(405),
    ),
    # problems
    "problems:index": (None, everyone()),
    "problems:map": (None, everyone()),
    "problems:map_points": (None, everyone()),
    "problems:report": (None, everyone()),  # anyone may start typing; publishing needs an account
    "problems:similar": (None, everyone()),
    "problems:pending": (None, only("official", *STAFF)),
    "problems:detail": (lambda w: {"pk": w.problem.pk}, everyone()),
    "problems:photo": (_matrix_photo, everyone()),
    "problems:photo_thumbnail": (_matrix_photo, everyone()),
    # Only its author may review a draft (administrators too are refused: they are not superusers); see EDITORS.
    "problems:review": (lambda w: {"pk": w.draft.pk}, only()),
    "problems:support": (lambda w: {"pk": w.problem.pk}, everyone(405)),
    "problems:follow": (lambda w: {"pk": w.problem.pk}, everyone(405)),
    "problems:change_status": (lambda w: {"pk": w.problem.pk}, logged_in(405)),
    "problems:answer": (lambda w: {"pk": w.problem.pk}, logged_in(405)),
    # channels: SMS / WhatsApp webhooks (signature required), attention points
    "intake:index": (None, only("official", *STAFF)),
    "intake:sms_webhook": (None, everyone(405)),
    "intake:whatsapp_webhook": (None, everyone(403)),  # GET is Meta's handshake: refused without the token
    "intake:assisted": (None, only(*STAFF)),
    "intake:paper_stack": (None, only(*STAFF)),
    "intake:paper_form": (None, everyone()),
    # surveys: builder for staff; answering, results and exports of one published, open survey
    "surveys:index": (None, everyone()),
    "surveys:manage": (None, only(*STAFF)),
    "surveys:survey_new": (None, only(*STAFF)),
    "surveys:builder": (lambda w: {"pk": _survey().pk}, only(*STAFF)),
    "surveys:survey_settings": (lambda w: {"pk": _survey().pk}, only(*STAFF)),
    "surveys:preview": (lambda w: {"pk": _survey().pk}, only(*STAFF)),
    "surveys:section_new": (lambda w: {"pk": _survey().pk}, only(*STAFF)),
    "surveys:section_edit": (lambda w: {"pk": _survey().sections.get().pk}, only(*STAFF)),
    "surveys:section_move": (lambda w: {"pk": _survey().sections.get().pk}, logged_in(405)),
    "surveys:section_delete": (lambda w: {"pk": _survey().sections.get().pk}, logged_in(405)),
    "surveys:question_new": (lambda w: {"pk": _survey().sections.get().pk}, only(*STAFF)),
    "surveys:question_edit": (lambda w: {"pk": _survey().questions.get().pk}, only(*STAFF)),
    "surveys:question_move": (lambda w: {"pk": _survey().questions.get().pk}, logged_in(405)),
    "surveys:question_delete": (lambda w: {"pk": _survey().questions.get().pk}, logged_in(405)),
    "surveys:detail": (lambda w: {"slug": _survey().slug}, everyone()),
    "surveys:answer": (lambda w: {"slug": _survey().slug}, everyone()),
    "surveys:thanks": (lambda w: {"slug": _survey().slug}, everyone()),
    # results of an open survey are for staff (public only after closing, when enabled)
    "surveys:results": (lambda w: {"slug": _survey().slug}, _staff_else(403)),
    "surveys:results_print": (lambda w: {"slug": _survey().slug}, _staff_else(403)),
    "surveys:results_pdf": (lambda w: {"slug": _survey().slug}, _staff_else(403)),
    "surveys:free_text": (
        lambda w: {"slug": _survey().slug, "question_pk": _survey().questions.get().pk},
        _staff_else(403),
    ),
    "surveys:export_csv": (lambda w: {"slug": _survey().slug}, _staff_else(403)),
    "surveys:export_xlsx": (lambda w: {"slug": _survey().slug}, _staff_else(403)),
    # fronts (work fronts): the world's front is coordinated by a facilitator none of the role fixtures is
    "fronts:index": (None, everyone()),
    "fronts:create": (None, only("official", *STAFF)),
    "fronts:detail": (lambda w: {"slug": w.front.slug}, everyone()),
    "fronts:join": (lambda w: {"slug": w.front.slug}, everyone(405)),
    "fronts:leave": (lambda w: {"slug": w.front.slug}, logged_in(405)),
    "fronts:decide": (lambda w: {"slug": w.front.slug, "pk": w.front_request.pk}, logged_in(405)),
    "fronts:session_create": (lambda w: {"slug": w.front.slug}, only("facilitator", "administrator")),
    "fronts:session": (lambda w: {"slug": w.front.slug, "pk": w.front_session.pk}, everyone()),
    "fronts:link_problem": (lambda w: {"slug": w.front.slug}, logged_in(405)),
    # brainstorms (live boards): the world's board is a public open call facilitated by the front's coordinator
    "brainstorms:index": (None, everyone()),
    "brainstorms:create": (None, only("official", *STAFF)),
    "brainstorms:join_code": (None, everyone()),
    "brainstorms:detail": (lambda w: {"pk": w.board.pk}, everyone()),
    "brainstorms:projector": (lambda w: {"pk": w.board.pk}, everyone()),
    "brainstorms:events": (lambda w: {"pk": w.board.pk}, everyone()),
    "brainstorms:guest": (lambda w: {"pk": w.board.pk}, everyone()),
    "brainstorms:post_card": (lambda w: {"pk": w.board.pk}, everyone(405)),
    "brainstorms:vote": (lambda w: {"pk": w.board.pk}, everyone(405)),
    "brainstorms:group_create": (lambda w: {"pk": w.board.pk}, logged_in(405)),
    "brainstorms:move": (lambda w: {"pk": w.board.pk}, logged_in(405)),
    "brainstorms:phase": (lambda w: {"pk": w.board.pk}, logged_in(405)),
    "brainstorms:limits": (lambda w: {"pk": w.board.pk}, logged_in(405)),
    "brainstorms:suggestions": (lambda w: {"pk": w.board.pk}, only(*STAFF)),
    "brainstorms:promote": (lambda w: {"pk": w.board.pk, "card": w.card.pk}, logged_in(405)),
    "brainstorms:export_csv": (lambda w: {"pk": w.board.pk}, everyone()),
    "brainstorms:print": (lambda w: {"pk": w.board.pk}, everyone()),
    "brainstorms:export_pdf": (lambda w: {"pk": w.board.pk}, everyone()),
    # sections not landed yet answer with a "coming soon" page
    "difficulties:index": (None, everyone()),
    "opendata:index": (None, everyone()),
    # agenda
    "agenda:index": (None, everyone()),
    "agenda:calendar": (None, everyone()),
    "agenda:feed": (None, everyone()),
    "agenda:create": (None, only(*STAFF)),
    "agenda:mine": (None, logged_in()),
    "agenda:registration": (lambda w: {"token": w.registration_token}, everyone()),
    "agenda:cancel": (lambda w: {"token": w.registration_token}, everyone()),
    "agenda:detail": (lambda w: {"pk": w.event.pk}, everyone()),
    "agenda:edit": (lambda w: {"pk": w.event.pk}, only(*STAFF)),
    "agenda:register": (lambda w: {"pk": w.event.pk}, everyone()),
    "agenda:event_ics": (lambda w: {"pk": w.event.pk}, everyone()),
    "agenda:checkin": (lambda w: {"pk": w.event.pk}, only(*STAFF)),
    "agenda:attendance_csv": (lambda w: {"pk": w.event.pk}, only(*STAFF)),
    "agenda:attendance_xlsx": (lambda w: {"pk": w.event.pk}, only(*STAFF)),
    # courses (and the public certificate verification at /certificados/<code>/)
    "courses:index": (None, everyone()),
    "courses:mine": (None, logged_in()),
    "courses:detail": (lambda w: {"slug": w.course.slug}, everyone()),
    "courses:enroll": (lambda w: {"slug": w.course.slug}, everyone(405)),
    "courses:manage": (lambda w: {"slug": w.course.slug}, only(*STAFF)),
    "courses:certificate_download": (lambda w: {"code": w.certificate.code}, only(*STAFF)),
    "courses:certificate_revoke": (lambda w: {"code": w.certificate.code}, logged_in(405)),
    # the in-site course editor: lab staff (and the course's instructors, who are not in this matrix)
    "courses:create": (None, only(*STAFF)),
    "courses:edit": (lambda w: {"slug": w.course.slug}, only(*STAFF)),
    "courses:publish": (lambda w: {"slug": w.course.slug}, logged_in(405)),
    "courses:sessions": (lambda w: {"slug": w.course.slug}, only(*STAFF)),
    "courses:session_delete": (lambda w: {"slug": w.course.slug, "pk": w.course.sessions.first().pk}, logged_in(405)),
    "courses:materials": (lambda w: {"slug": w.course.slug}, only(*STAFF)),
    "courses:material_file": (_matrix_material_file, everyone()),  # the course is published; drafts: 404
    "courses:material_delete": (lambda w: {"slug": w.course.slug, "pk": _matrix_material(w).pk}, logged_in(405)),
    "certificate_verify": (lambda w: {"code": w.certificate.code}, everyone()),
    # debates and opinion maps (innova.debates, innova.opinions); the debate is open, anonymous opinions not allowed
    "debates:index": (None, everyone()),
    "debates:create": (None, only("official", *STAFF)),
    "debates:detail": (lambda w: {"pk": _matrix_debate(w).pk}, everyone()),
    "debates:close": (lambda w: {"pk": _matrix_debate(w).pk}, logged_in(405)),
    "opinions:index": (None, everyone()),
    "opinions:map": (lambda w: {"pk": _matrix_debate(w).pk}, everyone()),
    "opinions:vote": (lambda w: {"pk": _matrix_debate(w).pk}, logged_in()),
    "opinions:my_votes": (lambda w: {"pk": _matrix_debate(w).pk}, logged_in()),
    "opinions:propose": (lambda w: {"pk": _matrix_debate(w).pk}, logged_in()),
    "opinions:moderate": (lambda w: {"pk": _matrix_debate(w).pk}, only(*STAFF)),
    "opinions:export": (lambda w: {"pk": _matrix_debate(w).pk}, only("official", *STAFF)),
    "opinions:import": (lambda w: {"pk": _matrix_debate(w).pk}, only(*STAFF)),
    "opinions:recompute": (lambda w: {"pk": _matrix_debate(w).pk}, everyone(405)),
    # proposals (and the open idea box, /ideas/, which lives in the proposals app)
    "proposals:index": (None, everyone()),
    "proposals:mine": (None, logged_in()),
    "proposals:create": (None, logged_in()),
    "proposals:similar": (None, everyone()),
    "proposals:pending": (None, only("official", *STAFF)),
    "proposals:invitation": (lambda w: {"token": w.invitation.token}, logged_in()),
    "proposals:detail": (lambda w: {"pk": w.proposal.pk}, everyone()),
    # Only its authors may edit a proposal (administrators too are refused); see EDITORS.
    "proposals:edit": (lambda w: {"pk": w.proposal.pk}, only()),
    "proposals:publish": (lambda w: {"pk": w.proposal_draft.pk}, logged_in(405)),
    "proposals:versions": (lambda w: {"pk": w.proposal.pk}, everyone()),
    "proposals:support": (lambda w: {"pk": w.proposal.pk}, everyone(405)),
    "proposals:change_status": (lambda w: {"pk": w.proposal.pk}, logged_in(405)),
    "proposals:invite": (lambda w: {"pk": w.proposal.pk}, logged_in(405)),
    "ideas:index": (None, everyone()),
    "ideas:queue": (None, only(*STAFF)),
    "ideas:triage": (lambda w: {"pk": w.idea.pk}, logged_in(405)),
    "ideas:track": (lambda w: {"token": w.idea.token}, everyone()),
    # opendata: transparency dashboard, open-data files, public API (/api/v1/), search (/buscar/)
    "opendata:datapackage": (None, everyone()),
    "opendata:download": (lambda w: {"name": "problems", "fmt": "csv"}, everyone()),
    "opendata:export_now": (None, logged_in(405)),
    "opendata:report": (None, only("official", *STAFF)),
    "search": (None, everyone()),
    "api:docs": (None, everyone()),
    "api:schema": (None, everyone()),
    "api:problem-list": (None, everyone()),
    "api:problem-detail": (lambda w: {"pk": w.problem.pk}, everyone()),
    "api:problem-support": (lambda w: {"pk": w.problem.pk}, everyone(405)),
    "api:problem-comments": (lambda w: {"pk": w.problem.pk}, everyone(405)),
    "api:proposal-list": (None, everyone()),
    "api:proposal-detail": (lambda w: {"pk": w.proposal.pk}, everyone()),
    "api:proposal-support": (lambda w: {"pk": w.proposal.pk}, everyone(405)),
    "api:debate-list": (None, everyone()),
    "api:debate-detail": (lambda w: {"pk": _matrix_debate(w).pk}, everyone()),
    "api:event-list": (None, everyone()),
    "api:event-detail": (lambda w: {"pk": w.event.pk}, everyone()),
    "api:course-list": (None, everyone()),
    "api:course-detail": (lambda w: {"pk": w.course.pk}, everyone()),
    # debates2: comment votes (core), debate arguments and debate requests (innova.debates)
    "comments:comment_vote": (lambda w: {"pk": _matrix_comment(w).pk}, logged_in(405)),
    "debates:argument_create": (lambda w: {"pk": _matrix_debate(w).pk}, logged_in(405)),
    "debates:argument_support": (lambda w: {"pk": _matrix_argument(w).pk}, logged_in(405)),
    "debates:request_create": (None, logged_in()),
    "debates:requests": (None, only(*STAFF)),
    "debates:request_answer": (
        lambda w: {"pk": _matrix_debate_request(w).pk, "action": "aceptar"},
        logged_in(405),
    ),
    # difficulties (register of difficulties, risk matrix); "create" needs ?frente= or ?propuesta= (404 without)
    "difficulties:create": (None, logged_in(404)),
    "difficulties:detail": (lambda w: {"pk": _matrix_difficulty(w).pk}, everyone()),
    "difficulties:edit": (lambda w: {"pk": _matrix_difficulty(w).pk}, only(*STAFF)),
    "difficulties:change_status": (lambda w: {"pk": _matrix_difficulty(w).pk}, logged_in(405)),
    "brainstorms:card_proposal": (lambda w: {"pk": w.board.pk, "card": w.card.pk}, logged_in(405)),
    "difficulties:front_matrix": (lambda w: {"slug": _matrix_difficulty(w).front.slug}, everyone()),
}

# Every edit page (a URL name ending in "edit", and the review of a draft problem), opened by the person the
# object belongs to: its author, organiser, coordinator or instructor, who is none of the roles above. Together with
# the filled-in objects of the world, this renders each edit form around a real object, so a page that only fails
# when an optional field is set (an owner, co-authors…) fails here and not in front of a coordinator.
EDITORS: dict = {
    "accounts:profile_edit": lambda w: w.problem.author,
    "agenda:edit": lambda w: w.event.organiser,
    "courses:edit": _matrix_instructor,
    "difficulties:edit": lambda w: _matrix_difficulty(w).front.created_by,
    "problems:review": lambda w: w.draft.author,
    "proposals:edit": lambda w: w.proposal.author,
    "surveys:section_edit": _matrix_staff,
    "surveys:question_edit": _matrix_staff,
}

# Third-party views (allauth, the Django admin) are not ours to tabulate line by line; for them the matrix asserts
# the rules that matter: never a server error, and private pages never served to anonymous people.
THIRD_PARTY_PREFIXES = ("account_", "mfa_", "admin:")
THIRD_PARTY_PUBLIC = {
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "account_email_verification_sent",
    "account_inactive",
    "account_confirm_login_code",
    "account_logout",
    "admin:login",
    "admin:logout",
    "admin:jsi18n",
    "admin:password_reset",
}
