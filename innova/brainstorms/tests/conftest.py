import pytest

from innova.brainstorms.services.boards import board_create
from innova.brainstorms.services.cards import card_post
from innova.brainstorms.services.participation import Someone

SECRET_PROMPT = "¿Qué llevamos a la junta?"
SECRET_IDEA = "Reunión privada del frente con la junta de acción comunal"


@pytest.fixture
def make_board(db, make_user):
    """make_board(actor=…, **options): a board through the real service."""

    def make(*, actor=None, prompt="¿Cómo mejoramos la movilidad en Usme?", **options):
        return board_create(actor=actor or make_user("facilitator"), prompt=prompt, **options)

    return make


@pytest.fixture
def someone():
    return lambda user=None, guest=None: Someone(user=user, guest=guest)


@pytest.fixture
def members_only_board(db, make_user, theme, someone):
    """A front of the lab with a members-only board holding one card of its one member (still open):
    ``{"board", "card", "front", "coordinator", "member"}``."""
    from innova.fronts import services as fronts

    coordinator = make_user("facilitator", display_name="Coordinadora Alba")
    front = fronts.front_create(creator=coordinator, name="Frente de movilidad", theme=theme, description="x")
    board = board_create(actor=coordinator, prompt=SECRET_PROMPT, front=front, members_only=True, allow_guests=True)
    member = make_user("citizen", display_name="Miembro Marta")
    fronts.front_join(user=member, front=front)
    card = card_post(board=board, someone=someone(member), text=SECRET_IDEA)
    return {"board": board, "card": card, "front": front, "coordinator": coordinator, "member": member}


@pytest.fixture
def asgi_server(transactional_db):
    """The whole ASGI app (HTTP, static files and WebSockets) served by uvicorn in a thread on a free port.

    pytest-django's ``live_server`` speaks only WSGI; live boards need WebSockets.
    """
    import socket
    import threading
    import time

    import uvicorn
    from channels.routing import ProtocolTypeRouter
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    from innova import asgi

    app = ProtocolTypeRouter(
        {
            "http": ASGIStaticFilesHandler(asgi.django_asgi_app),
            "websocket": asgi.application.application_mapping["websocket"],
        }
    )
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
