"""The territory of Usme (localidad 5 de Bogotá): its seven UPZs and the rural zone.

Historic: these hand-drawn boxes are read only by migration 0002. Migration 0004 replaces them with the official
boundaries (IDECA Bogotá) from ``boundaries/usme_upz.geojson``, read by ``territory.geometry``.
"""

# code, name, kind, (centroid lat, lon), (min lat, min lon, max lat, max lon)
UPZS = [
    ("52", "La Flora", "urban", (4.535, -74.080), (4.515, -74.095, 4.555, -74.065)),
    ("56", "Danubio", "urban", (4.545, -74.125), (4.530, -74.135, 4.560, -74.115)),
    ("57", "Gran Yomasa", "urban", (4.522, -74.120), (4.505, -74.135, 4.540, -74.105)),
    ("58", "Comuneros", "urban", (4.497, -74.130), (4.480, -74.145, 4.515, -74.115)),
    ("59", "Alfonso López", "urban", (4.507, -74.100), (4.495, -74.110, 4.520, -74.090)),
    ("60", "Parque Entrenubes", "urban", (4.557, -74.100), (4.540, -74.115, 4.575, -74.085)),
    ("61", "Ciudad Usme", "urban", (4.472, -74.130), (4.455, -74.150, 4.490, -74.110)),
    ("RURAL", "Zona rural de Usme", "rural", (4.340, -74.140), (4.200, -74.230, 4.470, -74.050)),
]

# Where a map of the whole locality is centred.
USME_CENTRE = (4.500, -74.115)
