from django.urls import path

from . import views

app_name = "agenda"

urlpatterns = [
    path("", views.index, name="index"),
    path("calendario/", views.calendar_view, name="calendar"),
    path("agenda.ics", views.feed, name="feed"),
    path("nuevo/", views.create, name="create"),
    path("mis-inscripciones/", views.mine, name="mine"),
    path("inscripcion/<str:token>/", views.registration, name="registration"),
    path("inscripcion/<str:token>/cancelar/", views.cancel, name="cancel"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/editar/", views.edit, name="edit"),
    path("<int:pk>/inscribirse/", views.register, name="register"),
    path("<int:pk>/evento.ics", views.event_ics, name="event_ics"),
    path("<int:pk>/asistencia/", views.checkin, name="checkin"),
    path("<int:pk>/asistencia.csv", views.attendance_csv, name="attendance_csv"),
    path("<int:pk>/asistencia.xlsx", views.attendance_xlsx, name="attendance_xlsx"),
]
