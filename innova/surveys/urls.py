from django.urls import path

from .views import answering, builder, results

app_name = "surveys"

urlpatterns = [
    path("", answering.index, name="index"),
    # Builder (staff)
    path("gestionar/", builder.manage, name="manage"),
    path("gestionar/nueva/", builder.survey_new, name="survey_new"),
    path("gestionar/<int:pk>/", builder.builder, name="builder"),
    path("gestionar/<int:pk>/ajustes/", builder.survey_settings, name="survey_settings"),
    path("gestionar/<int:pk>/vista-previa/", builder.preview, name="preview"),
    path("gestionar/<int:pk>/secciones/nueva/", builder.section_new, name="section_new"),
    path("gestionar/secciones/<int:pk>/", builder.section_edit, name="section_edit"),
    path("gestionar/secciones/<int:pk>/mover/", builder.section_move, name="section_move"),
    path("gestionar/secciones/<int:pk>/borrar/", builder.section_delete, name="section_delete"),
    path("gestionar/secciones/<int:pk>/preguntas/nueva/", builder.question_new, name="question_new"),
    path("gestionar/preguntas/<int:pk>/", builder.question_edit, name="question_edit"),
    path("gestionar/preguntas/<int:pk>/mover/", builder.question_move, name="question_move"),
    path("gestionar/preguntas/<int:pk>/borrar/", builder.question_delete, name="question_delete"),
    # Answering
    path("<slug:slug>/", answering.detail, name="detail"),
    path("<slug:slug>/responder/", answering.answer, name="answer"),
    path("<slug:slug>/gracias/", answering.thanks, name="thanks"),
    # Results and exports
    path("<slug:slug>/resultados/", results.results, name="results"),
    path("<slug:slug>/resultados/imprimir/", results.results_print, name="results_print"),
    path("<slug:slug>/resultados.pdf", results.results_pdf, name="results_pdf"),
    path("<slug:slug>/resultados/pregunta/<int:question_pk>/", results.free_text, name="free_text"),
    path("<slug:slug>/respuestas.csv", results.export_csv, name="export_csv"),
    path("<slug:slug>/respuestas.xlsx", results.export_xlsx, name="export_xlsx"),
]
