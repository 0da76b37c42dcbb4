from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    # Builder (staff)
    path("gestionar/", views.manage, name="manage"),
    path("gestionar/nueva/", views.survey_new, name="survey_new"),
    path("gestionar/<int:pk>/", views.builder, name="builder"),
    path("gestionar/<int:pk>/ajustes/", views.survey_settings, name="survey_settings"),
    path("gestionar/<int:pk>/vista-previa/", views.preview, name="preview"),
    path("gestionar/<int:pk>/secciones/nueva/", views.section_new, name="section_new"),
    path("gestionar/secciones/<int:pk>/", views.section_edit, name="section_edit"),
    path("gestionar/secciones/<int:pk>/mover/", views.section_move, name="section_move"),
    path("gestionar/secciones/<int:pk>/borrar/", views.section_delete, name="section_delete"),
    path("gestionar/secciones/<int:pk>/preguntas/nueva/", views.question_new, name="question_new"),
    path("gestionar/preguntas/<int:pk>/", views.question_edit, name="question_edit"),
    path("gestionar/preguntas/<int:pk>/mover/", views.question_move, name="question_move"),
    path("gestionar/preguntas/<int:pk>/borrar/", views.question_delete, name="question_delete"),
    # Answering
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/responder/", views.answer, name="answer"),
    path("<slug:slug>/gracias/", views.thanks, name="thanks"),
    # Results and exports
    path("<slug:slug>/resultados/", views.results, name="results"),
    path("<slug:slug>/resultados/imprimir/", views.results_print, name="results_print"),
    path("<slug:slug>/resultados.pdf", views.results_pdf, name="results_pdf"),
    path("<slug:slug>/resultados/pregunta/<int:question_pk>/", views.free_text, name="free_text"),
    path("<slug:slug>/respuestas.csv", views.export_csv, name="export_csv"),
    path("<slug:slug>/respuestas.xlsx", views.export_xlsx, name="export_xlsx"),
]
