"""Demo course: public innovation for community leaders, with sessions in the agenda and one certificate."""

from django.conf import settings

from innova.accounts.models import User
from innova.agenda.models import Event

from . import services
from .models import Course, Material, Session

SLUG = "innovacion-publica-para-lideres"
SESSIONS = [
    ("Módulo 1: Entender el problema", "¿Qué es la innovación pública?"),
    ("Módulo 1: Entender el problema", "Cartografía social de los problemas del barrio"),
    ("Módulo 2: Resolver juntos", "Cocreación con la comunidad y la Alcaldía"),
    ("Módulo 2: Resolver juntos", "Cómo escribir una propuesta que la Alcaldía pueda ejecutar"),
    ("Módulo 2: Resolver juntos", "Presentación de prototipos"),
]


SECOND = {
    "slug": "datos-abiertos-de-usme",
    "title": "Datos abiertos de Usme para tomar decisiones",
    "summary": "Tres sesiones para leer, cruzar y graficar los datos abiertos de la localidad desde el celular.",
    "description": (
        "Aprenda a descargar los datos del laboratorio (problemas, propuestas, encuestas), a abrirlos en una hoja "
        "de cálculo y a contar con ellos la historia de su barrio ante la junta de acción comunal o la Alcaldía."
    ),
    "hours": 6,
    "capacity": 25,
    "attendance_threshold": 100,
    "requires_final_activity": True,
    "final_activity": "Una gráfica con datos de su UPZ presentada al grupo",
    "enrollment_open": True,
}
SECOND_SESSIONS = [
    ("Datos de mi barrio", "¿Qué datos publica el laboratorio y cómo descargarlos?"),
    ("Datos de mi barrio", "Filtrar por UPZ y contar en la hoja de cálculo"),
    ("Contar con datos", "Gráficas que se entienden y cómo presentarlas"),
]


def _load_second_course(facilitator) -> bool:
    """A second, open course built the way facilitators build them in the site (no enrolments yet)."""
    if Course.objects.filter(slug=SECOND["slug"]).exists():
        return False
    fields = {key: value for key, value in SECOND.items() if key != "slug"}
    course = services.course_create(actor=facilitator, instructors=[facilitator], **fields)
    Course.objects.filter(pk=course.pk).update(slug=SECOND["slug"])
    course.slug = SECOND["slug"]
    for order, (module, title) in enumerate(SECOND_SESSIONS):
        services.session_save(actor=facilitator, course=course, module=module, title=title, order=order)
    services.material_add(
        actor=facilitator, course=course, title="Datos abiertos del laboratorio", url=settings.SITE_URL + "/datos/"
    )
    services.course_publish(actor=facilitator, course=course, published=True)
    return True


def load(stdout) -> None:
    facilitator = User.objects.get(email="facilitadora@demo.usme.co")
    if _load_second_course(facilitator):
        stdout.write("courses: second demo course created")
    if Course.objects.filter(slug=SLUG).exists():
        stdout.write("courses: demo course already loaded")
        return
    course = Course.objects.create(
        slug=SLUG,
        title="Innovación pública para líderes comunitarios",
        summary="Cinco sesiones para pasar de la queja a la propuesta: herramientas del laboratorio para el barrio.",
        description=(
            "Curso práctico y gratuito para líderes de juntas de acción comunal, colectivos y vecinos. "
            "Cada sesión trabaja un problema real de Usme."
        ),
        hours=15,
        capacity=30,
        attendance_threshold=80,
        requires_final_activity=True,
        final_activity="Presentar un prototipo de solución para un problema del barrio",
    )
    services.course_search_update(course=course)
    course.instructors.add(facilitator)
    workshops = {event.title.split(": ", 1)[-1].lower(): event for event in Event.objects.filter(kind="workshop")}
    sessions = []
    for order, (module, title) in enumerate(SESSIONS):
        sessions.append(
            Session.objects.create(
                course=course, module=module, title=title, order=order, event=workshops.get(title.lower())
            )
        )
    Material.objects.create(
        course=course,
        title="Agenda del laboratorio: fechas y lugares de las sesiones",
        url=settings.SITE_URL + "/agenda/",
    )
    graduate = User.objects.get(email="vecina@demo.usme.co")
    enrollment = services.course_enroll(user=graduate, course=course)
    for session in sessions:
        services.attendance_set(actor=facilitator, session=session, enrollment=enrollment, present=True)
    services.final_activity_set(actor=facilitator, enrollment=enrollment, done=True)
    learner = User.objects.get(email="joven@demo.usme.co")
    enrollment = services.course_enroll(user=learner, course=course)
    services.attendance_set(actor=facilitator, session=sessions[0], enrollment=enrollment, present=True)
    stdout.write("courses: 1 demo course created, 1 certificate issued")
