"""A demo brainstorm in the mobility front, already grouped and in the voting phase, and an open call taking ideas."""

from innova.accounts.models import User
from innova.fronts.models import Front

from .models import Board, Phase
from .services.boards import board_create, board_phase_set
from .services.cards import card_post
from .services.dots import card_vote
from .services.groups import card_move, group_create
from .services.participation import Someone

PROMPT = "¿Cómo hacemos más segura la vía a Usme Pueblo?"
OPEN_CALL = "¿Qué le pondría al nuevo parque de La Flora?"
# idea, author e-mail, group
IDEAS = [
    ("Luminarias en los paraderos entre Portal Usme y Usme Pueblo", "vecina@demo.usme.co", "Iluminación"),
    ("Más luz en el puente peatonal de Yomasa", "joven@demo.usme.co", "Iluminación"),
    ("Reductores de velocidad frente a los colegios", "vecino@demo.usme.co", "Velocidad"),
    ("Cámaras de fotodetección en la bajada de Usme", "funcionario@demo.usme.co", "Velocidad"),
    ("Tapar los huecos antes de la temporada de lluvias", "vecina@demo.usme.co", "Vía"),
    ("Andenes continuos para que los niños no caminen por la calzada", "contratista@demo.usme.co", "Vía"),
    ("Paraderos con techo y bancas", "joven@demo.usme.co", None),
]


def load(stdout) -> None:
    if Board.objects.filter(prompt=PROMPT).exists():
        stdout.write("brainstorms: demo boards already present")
        return
    facilitator = User.objects.get(email="facilitadora@demo.usme.co")
    front = Front.objects.filter(name="Movilidad segura en Usme").first()
    board = board_create(actor=facilitator, prompt=PROMPT, front=front, allow_guests=True)
    people = {user.email: user for user in User.objects.filter(email__in={email for _t, email, _g in IDEAS})}
    cards = []
    for text, email, _group in IDEAS:
        someone = Someone(user=people[email])
        cards.append(card_post(board=board, someone=someone, text=text, anonymous=email == "vecino@demo.usme.co"))
    board_phase_set(actor=facilitator, board=board, phase=Phase.GROUP)
    groups = {}
    for card, (_text, _email, group) in zip(cards, IDEAS, strict=True):
        if group is None:
            continue
        if group not in groups:
            groups[group] = group_create(actor=facilitator, board=board, name=group)
        card_move(actor=facilitator, board=board, card_id=card.pk, group_id=groups[group].pk)
    board_phase_set(actor=facilitator, board=board, phase=Phase.VOTE)
    for index, user in enumerate(people.values()):
        for card in (cards[index % len(cards)], cards[0], cards[2]):
            card_vote(board=board, someone=Someone(user=user), card_id=card.pk)
    board_create(actor=facilitator, prompt=OPEN_CALL, allow_guests=True)
    stdout.write("brainstorms: 2 demo boards created")
