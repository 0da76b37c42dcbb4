from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("perfil/", views.profile, name="profile"),
    path("perfil/editar/", views.profile_edit, name="profile_edit"),
    path("perfil/mis-datos/", views.data_export, name="data_export"),
    path("perfil/eliminar/", views.account_delete, name="delete"),
    path("perfil/rol/", views.role_claim, name="role_claim"),
    path("consentimiento/", views.consent, name="consent"),
    path("roles/", views.role_claim_queue, name="role_claim_queue"),
    path("roles/<int:pk>/<str:decision>/", views.role_claim_decide, name="role_claim_decide"),
]
