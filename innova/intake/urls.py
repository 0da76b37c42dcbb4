from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("", views.dashboard, name="index"),
    path("sms/", views.sms_webhook, name="sms_webhook"),
    path("whatsapp/", views.whatsapp_webhook, name="whatsapp_webhook"),
    path("punto/", views.assisted_report, name="assisted"),
    path("punto/lote/", views.paper_stack, name="paper_stack"),
    path("formulario.pdf", views.paper_form_pdf, name="paper_form"),
]
