"""Pages of the surveys app, one module per responsibility (``urls.py`` names each view by its module).

- ``access``: who may see a survey (secret links) and who is answering (account, or this browser's cookie).
- ``answering``: the list, a survey's page, answering one section per screen, thanks.
- ``results``: results, printable and PDF report, free-text answers, CSV and XLSX exports.
- ``builder``: the staff's pages that create and edit surveys, sections and questions.
"""
