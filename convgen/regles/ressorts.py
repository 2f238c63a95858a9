"""Which administrative court has a département in its jurisdiction (code de justice
administrative, art. R. 221-3), and a postal code's département: enough to tell that a
court named for a convention is not the one of the place where its parties are."""

from __future__ import annotations

# Seat of the court (as ``juridiction.SEATS`` writes it) -> the départements it covers.
_COURTS: dict[str, tuple[str, ...]] = {
    "Amiens": ("02", "60", "80"),
    "Bastia": ("2A", "2B"),
    "Besançon": ("25", "39", "70", "90"),
    "Bordeaux": ("24", "33", "47"),
    "Caen": ("14", "50", "61"),
    "Cergy-Pontoise": ("92", "95"),
    "Châlons-en-Champagne": ("08", "10", "51", "52"),
    "Clermont-Ferrand": ("03", "15", "43", "63"),
    "Dijon": ("21", "58", "71", "89"),
    "Grenoble": ("26", "38", "73", "74"),
    "Lille": ("59", "62"),
    "Limoges": ("19", "23", "36", "87"),
    "Lyon": ("01", "07", "42", "69"),
    "Marseille": ("04", "05", "13"),
    "Melun": ("77", "94"),
    "Montpellier": ("11", "34", "66"),
    "Montreuil": ("93",),
    "Nancy": ("54", "55", "88"),
    "Nantes": ("44", "49", "53", "72", "85"),
    "Nice": ("06",),
    "Nîmes": ("30", "48", "84"),
    "Orléans": ("18", "28", "37", "41", "45"),
    "Paris": ("75",),
    "Pau": ("32", "40", "64", "65"),
    "Poitiers": ("16", "17", "79", "86"),
    "Rennes": ("22", "29", "35", "56"),
    "Rouen": ("27", "76"),
    "Strasbourg": ("57", "67", "68"),
    "Toulon": ("83",),
    "Toulouse": ("09", "12", "31", "46", "81", "82"),
    "Versailles": ("78", "91"),
    "la Guadeloupe": ("971",),
    "la Martinique": ("972",),
    "la Guyane": ("973",),
    "La Réunion": ("974",),
    "Saint-Pierre-et-Miquelon": ("975",),
    "Mayotte": ("976",),
    "Wallis-et-Futuna": ("986",),
    "la Polynésie française": ("987",),
    "la Nouvelle-Calédonie": ("988",),
}
COURT_OF: dict[str, str] = {dep: court for court, deps in _COURTS.items() for dep in deps}

# Saint-Barthélemy and Saint-Martin share 977 and 978 with no département: their courts
# are their own, named as the territory.
COURT_OF |= {"977": "Saint-Barthélemy", "978": "Saint-Martin"}

_NAMES = {
    "01": "l'Ain", "02": "l'Aisne", "03": "l'Allier", "04": "les Alpes-de-Haute-Provence",
    "05": "les Hautes-Alpes", "06": "les Alpes-Maritimes", "07": "l'Ardèche",
    "08": "les Ardennes", "09": "l'Ariège", "10": "l'Aube", "11": "l'Aude",
    "12": "l'Aveyron", "13": "les Bouches-du-Rhône", "14": "le Calvados", "15": "le Cantal",
    "16": "la Charente", "17": "la Charente-Maritime", "18": "le Cher", "19": "la Corrèze",
    "2A": "la Corse-du-Sud", "2B": "la Haute-Corse", "21": "la Côte-d'Or",
    "22": "les Côtes-d'Armor", "23": "la Creuse", "24": "la Dordogne", "25": "le Doubs",
    "26": "la Drôme", "27": "l'Eure", "28": "l'Eure-et-Loir", "29": "le Finistère",
    "30": "le Gard", "31": "la Haute-Garonne", "32": "le Gers", "33": "la Gironde",
    "34": "l'Hérault", "35": "l'Ille-et-Vilaine", "36": "l'Indre", "37": "l'Indre-et-Loire",
    "38": "l'Isère", "39": "le Jura", "40": "les Landes", "41": "le Loir-et-Cher",
    "42": "la Loire", "43": "la Haute-Loire", "44": "la Loire-Atlantique", "45": "le Loiret",
    "46": "le Lot", "47": "le Lot-et-Garonne", "48": "la Lozère", "49": "le Maine-et-Loire",
    "50": "la Manche", "51": "la Marne", "52": "la Haute-Marne", "53": "la Mayenne",
    "54": "la Meurthe-et-Moselle", "55": "la Meuse", "56": "le Morbihan", "57": "la Moselle",
    "58": "la Nièvre", "59": "le Nord", "60": "l'Oise", "61": "l'Orne",
    "62": "le Pas-de-Calais", "63": "le Puy-de-Dôme", "64": "les Pyrénées-Atlantiques",
    "65": "les Hautes-Pyrénées", "66": "les Pyrénées-Orientales", "67": "le Bas-Rhin",
    "68": "le Haut-Rhin", "69": "le Rhône", "70": "la Haute-Saône",
    "71": "la Saône-et-Loire", "72": "la Sarthe", "73": "la Savoie", "74": "la Haute-Savoie",
    "75": "Paris", "76": "la Seine-Maritime", "77": "la Seine-et-Marne", "78": "les Yvelines",
    "79": "les Deux-Sèvres", "80": "la Somme", "81": "le Tarn", "82": "le Tarn-et-Garonne",
    "83": "le Var", "84": "le Vaucluse", "85": "la Vendée", "86": "la Vienne",
    "87": "la Haute-Vienne", "88": "les Vosges", "89": "l'Yonne",
    "90": "le Territoire de Belfort", "91": "l'Essonne", "92": "les Hauts-de-Seine",
    "93": "la Seine-Saint-Denis", "94": "le Val-de-Marne", "95": "le Val-d'Oise",
    "971": "la Guadeloupe", "972": "la Martinique", "973": "la Guyane", "974": "La Réunion",
    "975": "Saint-Pierre-et-Miquelon", "976": "Mayotte", "977": "Saint-Barthélemy",
    "978": "Saint-Martin", "986": "Wallis-et-Futuna", "987": "la Polynésie française",
    "988": "la Nouvelle-Calédonie",
}  # fmt: skip


def departement(postal_code: str) -> str | None:
    """The département of a French postal code (« 67300 » -> « 67 », « 20200 » -> « 2B »,
    « 97400 » -> « 974 »), or None when it is not one. Postal codes follow the
    départements but for a few communes served by a neighbour's post office: a guide for
    a warning, never for an error."""
    if len(postal_code) != 5 or not postal_code.isdigit() or postal_code.startswith("00"):
        return None
    if postal_code in _OWN_COURT:
        return _OWN_COURT[postal_code]
    if postal_code.startswith("20"):
        return "2A" if postal_code < "20200" else "2B"
    if postal_code[:2] in {"97", "98"}:
        code = postal_code[:3]
        return code if code in _NAMES and code not in _OWN_COURT.values() else None
    return postal_code[:2] if postal_code[:2] in _NAMES else None


# Saint-Barthélemy and Saint-Martin have Guadeloupe's postal prefix and courts of their own.
_OWN_COURT = {"97133": "977", "97150": "978"}


def departement_name(code: str) -> str:
    """« le Bas-Rhin », « l'Ain », « Paris »."""
    return _NAMES[code]
