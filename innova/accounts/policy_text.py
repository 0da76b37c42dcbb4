"""Text of the personal-data policy, version 1 (Ley 1581 de 2012, Decreto 1377 de 2013).

Stored in the database by a data migration; later versions are published from the admin.
"""

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
