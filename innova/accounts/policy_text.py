"""Texts of the personal-data policy (Ley 1581 de 2012, Decreto 1377 de 2013), one constant per version.

Each version is published (stored as a ``PolicyVersion``) by a data migration (1.0 and 1.1 by the squashed ``0001``,
a later one by a migration of its own) and never edited afterwards; a new version asks everyone to consent again.
Versions can also be published from the admin.
"""

import datetime

POLICY_V1 = """\
## Política de tratamiento de datos personales

**Responsable:** Alcaldía Local de Usme, Laboratorio de Innovación Pública Usme – Innova.

### ¿Qué datos recogemos?
- Para crear su cuenta: correo electrónico y un nombre público (puede ser un apodo).
- Lo que usted publica: problemas, ideas, propuestas, comentarios, apoyos y votos.
- De manera **opcional**, y solo con una autorización aparte: UPZ donde vive, rango de edad, género,
  autorreconocimiento étnico y discapacidad. Algunos de estos son **datos sensibles**: no está obligado a darlos.

### ¿Para qué?
- Permitirle participar y avisarle qué pasó con sus aportes.
- Producir estadísticas anónimas sobre la participación en Usme.
- Nunca vendemos ni cedemos sus datos. Los datos abiertos que publicamos no contienen datos personales.

### Sus derechos (habeas data)
Usted puede **conocer, actualizar, rectificar y suprimir** sus datos, y revocar esta autorización, desde
su perfil: descargar todos sus datos, corregirlos o eliminar su cuenta. Si elimina su cuenta, lo que publicó
queda visible como "Cuenta eliminada", sin sus datos personales.

### Contacto
Puede escribirnos desde la página de contacto o acercarse a la Alcaldía Local de Usme.
"""

_PLACES_V1_1 = """\
### El lugar de sus reportes
Si marca en el mapa el lugar de un problema, el punto exacto y el barrio o la dirección que escriba solo los ven
las personas del equipo de la Alcaldía que deben ir al sitio. En la página pública, en el mapa, en la API y en los
datos abiertos el punto se publica redondeado a unos 100 metros (una cuadra, no una puerta), para que nadie pueda
ubicar su casa a partir de un reporte.

"""

_CERTIFICATES_V1_1 = """\
### Certificados de los cursos
Si usted termina un curso del laboratorio, su certificado es un registro público del laboratorio: guardamos el
nombre tal como quedó impreso, el curso, las horas, la fecha y el código de verificación **aunque después elimine
su cuenta**. Lo conservamos para que cualquier persona a la que usted muestre el certificado (un empleador, una
entidad, un colegio) pueda comprobar en la página de verificación que es auténtico; si lo borráramos, su
certificado impreso parecería falso. No guardamos con él ningún otro dato suyo. Si necesita corregirlo o anularlo,
escríbanos desde la página de contacto.

"""

POLICY_V1_1 = POLICY_V1.replace(
    'queda visible como "Cuenta eliminada", sin sus datos personales.\n',
    'queda visible como "Cuenta eliminada", sin sus datos personales. Los certificados de los cursos se conservan\n'
    "(vea la sección siguiente).\n\n" + _CERTIFICATES_V1_1 + _PLACES_V1_1.rstrip("\n") + "\n",
)

# Every version shipped with the code: (version, text, publication date). Tests put them back after a flush.
SHIPPED = [
    ("1.0", POLICY_V1, datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC)),
    ("1.1", POLICY_V1_1, datetime.datetime(2026, 12, 5, tzinfo=datetime.UTC)),
]
