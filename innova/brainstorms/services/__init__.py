"""Every change of a board goes through these modules: permission and phase checks, one transaction, one numbered
event (``events``). Each module holds one responsibility:

- ``events``: the board's numbered events, their broadcast to the live sockets, the board row lock;
- ``participation``: who acts (``Someone``), who may see the board and who may take part;
- ``limits``: the flood limits per participant (ideas an hour, dot changes a minute);
- ``boards``: opening a board, its phases, guests joining its room;
- ``cards``: posting ideas, hiding them by moderation, erasing their authors;
- ``groups``: grouping ideas;
- ``dots``: dot votes;
- ``conversion``: a card of a closed board becomes a problem or a proposal.
"""
