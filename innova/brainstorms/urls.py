from django.urls import path

from . import views

app_name = "brainstorms"

urlpatterns = [
    path("", views.index, name="index"),
    path("nueva/", views.create, name="create"),
    path("unirse/", views.join_code, name="join_code"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/proyector/", views.projector, name="projector"),
    path("<int:pk>/eventos.json", views.events, name="events"),
    path("<int:pk>/invitado/", views.guest, name="guest"),
    path("<int:pk>/ideas/", views.post_card, name="post_card"),
    path("<int:pk>/puntos/", views.vote, name="vote"),
    path("<int:pk>/grupos/", views.group_create, name="group_create"),
    path("<int:pk>/mover/", views.move, name="move"),
    path("<int:pk>/fase/", views.phase, name="phase"),
    path("<int:pk>/limites/", views.limits, name="limits"),
    path("<int:pk>/sugerencias/", views.suggestions, name="suggestions"),
    path("<int:pk>/ideas/<int:card>/problema/", views.promote, name="promote"),
    path("<int:pk>/ideas/<int:card>/propuesta/", views.card_proposal, name="card_proposal"),
    path("<int:pk>/exportar.csv", views.export_csv, name="export_csv"),
    path("<int:pk>/imprimir/", views.printable, name="print"),
    path("<int:pk>/acta.pdf", views.export_pdf, name="export_pdf"),
]
