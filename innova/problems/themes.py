"""The themes a problem report is filed under, in their display order; loaded by the initial migration and by
``services.themes_load`` (``core.baseline``)."""

THEMES = [
    ("movilidad", "Movilidad"),
    ("seguridad", "Seguridad"),
    ("ambiente", "Ambiente"),
    ("espacio-publico", "Espacio público"),
    ("salud", "Salud"),
    ("educacion", "Educación"),
    ("empleo", "Empleo"),
    ("cultura-y-deporte", "Cultura y deporte"),
    ("servicios-publicos", "Servicios públicos"),
    ("convivencia", "Convivencia"),
    ("otro", "Otro"),
]
