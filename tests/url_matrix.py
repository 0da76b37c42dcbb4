"""The authorisation matrix: for every URL pattern of the project, the status each kind of person gets on GET.

Kept in one file on purpose. `tests/test_url_matrix.py` introspects the URL configuration, so a new view without
a line here fails the suite: nobody can forget to decide who may open it.

Each entry: URL name → (kwargs builder taking the `world` fixture, or None; {role: expected status}).
"""

ROLES = ("anonymous", "citizen", "unverified_official", "official", "facilitator", "administrator")
LOGGED_IN = ROLES[1:]


def everyone(status: int = 200) -> dict:
    return dict.fromkeys(ROLES, status)


def logged_in(status: int = 200) -> dict:
    """Anonymous people are sent to log in (302); everyone else gets ``status``."""
    return {"anonymous": 302, **dict.fromkeys(LOGGED_IN, status)}


def only(*roles: str, status: int = 200) -> dict:
    """Anonymous → 302 to log in; the named roles → ``status``; every other role → 403."""
    return {"anonymous": 302, **{role: (status if role in roles else 403) for role in LOGGED_IN}}


STAFF = ("facilitator", "administrator")

EXPECTED: dict[str, tuple] = {
    # core
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
    # notifications
    "notifications:index": (None, logged_in()),
    "notifications:mark_read": (None, logged_in(405)),
    # comments, flags, moderation (core, for every registered content type)
    "core:comment_create": (lambda w: {"content_type_id": w.problem_ct, "object_id": w.problem.pk}, logged_in(405)),
    "core:flag_create": (lambda w: {"content_type_id": w.problem_ct, "object_id": w.problem.pk}, logged_in(405)),
    "core:moderation": (None, only(*STAFF)),
    "core:moderation_action": (
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
    # Only its author (and administrators, who as superusers pass every rule) may review a draft.
    "problems:review": (lambda w: {"pk": w.draft.pk}, only("administrator")),
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
    "brainstorms:suggestions": (lambda w: {"pk": w.board.pk}, only(*STAFF)),
    "brainstorms:promote": (lambda w: {"pk": w.board.pk, "card": w.card.pk}, logged_in(405)),
    "brainstorms:export_csv": (lambda w: {"pk": w.board.pk}, everyone()),
    "brainstorms:print": (lambda w: {"pk": w.board.pk}, everyone()),
    "brainstorms:export_pdf": (lambda w: {"pk": w.board.pk}, everyone()),
    # sections not landed yet answer with a "coming soon" page
    "proposals:index": (None, everyone()),
    "debates:index": (None, everyone()),
    "difficulties:index": (None, everyone()),
    "opinions:index": (None, everyone()),
    "surveys:index": (None, everyone()),
    "agenda:index": (None, everyone()),
    "courses:index": (None, everyone()),
    "opendata:index": (None, everyone()),
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
