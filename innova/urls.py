from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from innova.core import views as core_views
from innova.courses import views as courses_views
from innova.opendata import views as opendata_views

admin.site.site_header = "Usme Innova · Administración"
admin.site.site_title = "Usme Innova"
admin.site.index_title = "Administración del laboratorio"

urlpatterns = [
    path("", include("innova.core.urls")),
    path("", include("innova.comments.urls")),
    path("idioma/", set_language, name="set_language"),
    path("cuenta/", include("innova.accounts.urls")),
    path("cuenta/", include("allauth.urls")),
    path("territorio/", include("innova.territory.urls")),
    path("notificaciones/", include("innova.notifications.urls")),
    path("problemas/", include("innova.problems.urls")),
    path("frentes/", include("innova.fronts.urls")),
    path("lluvias/", include("innova.brainstorms.urls")),
    path("propuestas/", include("innova.proposals.urls")),
    path("ideas/", include("innova.proposals.ideas_urls")),
    path("debates/", include("innova.debates.urls")),
    path("dificultades/", include("innova.difficulties.urls")),
    path("mapas-de-opinion/", include("innova.opinions.urls")),
    path("encuestas/", include("innova.surveys.urls")),
    path("agenda/", include("innova.agenda.urls")),
    path("cursos/", include("innova.courses.urls")),
    # Public verification of course certificates: short, printable address on every certificate.
    path("certificados/<str:code>/", courses_views.certificate_verify, name="certificate_verify"),
    path("datos/", include("innova.opendata.urls")),
    path("api/v1/", include("innova.opendata.api_urls")),
    path("buscar/", opendata_views.search, name="search"),
    path("canales/", include("innova.intake.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
else:
    urlpatterns += [path("media/<path:path>", core_views.media, name="media")]

if settings.INNOVA_BENCH_ROUTES:
    urlpatterns += [path("bench/hello", core_views.hello)]

handler400 = "innova.core.views.bad_request"
handler404 = "innova.core.views.page_not_found"
handler500 = "innova.core.views.server_error"
handler403 = "innova.core.views.permission_denied"
# allauth answers its rate limits (sign-up, password reset…) with this view.
handler429 = "innova.core.views.too_many_requests"
