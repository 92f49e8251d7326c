"""Every word of the public transparency page in English, Spanish and French, in one reviewed place.

The web templates have no Jinja i18n extension yet; when the pages move to Babel catalogues these entries move
with them (the keys become msgids). ``tests/transparency/test_messages.py`` checks that every key exists in the
three languages and that the placeholders agree.
"""

from __future__ import annotations

from typing import Final

from sanctuary.transparency.counts import PENDING

LANGUAGES: Final = ("en", "es", "fr")
LANGUAGE_NAMES: Final = {"en": "English", "es": "Español", "fr": "Français"}

TEXT: Final[dict[str, dict[str, str]]] = {
    "title": {
        "en": "Transparency: requests from immigration authorities",
        "es": "Transparencia: solicitudes de las autoridades de inmigración",
        "fr": "Transparence : demandes des autorités de l'immigration",
    },
    "evidence_link": {
        "en": "What the research says about whether these policies work, recomputed from open data",
        "es": "Lo que dice la investigación sobre si estas políticas funcionan, recalculado con datos abiertos",
        "fr": "Ce que dit la recherche sur l'effet de ces politiques, recalculé à partir de données ouvertes",
    },
    "skip": {"en": "Skip to content", "es": "Saltar al contenido", "fr": "Aller au contenu"},
    "languages": {"en": "Language", "es": "Idioma", "fr": "Langue"},
    "intro": {
        "en": "Every request this agency received from immigration authorities is logged at its request desk. "
              "These tables count them by kind of paper, by what was asked, by what the agency did, and by month.",
        "es": "Cada solicitud que esta agencia recibió de las autoridades de inmigración queda registrada en su "
              "mesa de solicitudes. Estas tablas las cuentan por tipo de documento, por lo que se pidió, por lo "
              "que hizo la agencia y por mes.",
        "fr": "Chaque demande reçue par cet organisme des autorités de l'immigration est enregistrée à son guichet "
              "des demandes. Ces tableaux les comptent par type de document, par ce qui était demandé, par ce que "
              "l'organisme a fait et par mois.",
    },
    "no_names": {
        "en": "No names, no case numbers and nothing else that identifies a person is published here.",
        "es": "Aquí no se publican nombres, números de caso ni nada más que identifique a una persona.",
        "fr": "Aucun nom, aucun numéro de dossier ni rien d'autre qui identifie une personne n'est publié ici.",
    },
    "period": {
        "en": "Requests received from {first} to {last}: {total}.",
        "es": "Solicitudes recibidas de {first} a {last}: {total}.",
        "fr": "Demandes reçues de {first} à {last} : {total}.",
    },
    "nothing_yet": {
        "en": "No request has been logged yet.",
        "es": "Todavía no se ha registrado ninguna solicitud.",
        "fr": "Aucune demande n'a encore été enregistrée.",
    },
    "small_counts_title": {
        "en": "How small numbers are protected",
        "es": "Cómo se protegen los números pequeños",
        "fr": "Comment les petits nombres sont protégés",
    },
    "small_counts": {
        "en": "A number smaller than {k} could point to a person, so it is not shown. Other numbers are hidden "
              "with it where totals would otherwise let someone work it out. A hidden number is marked “{mark}”.",
        "es": "Un número menor que {k} podría señalar a una persona, así que no se muestra. También se ocultan "
              "otros números cuando los totales permitirían deducirlo. Un número oculto se marca con “{mark}”.",
        "fr": "Un nombre inférieur à {k} pourrait désigner une personne : il n'est donc pas affiché. D'autres "
              "nombres sont masqués avec lui lorsque les totaux permettraient de le retrouver. Un nombre masqué "
              "est marqué « {mark} ».",
    },
    "hidden_mark": {"en": "hidden", "es": "oculto", "fr": "masqué"},
    "hidden_long": {
        "en": "hidden to protect small numbers",
        "es": "oculto para proteger números pequeños",
        "fr": "masqué pour protéger les petits nombres",
    },
    "total": {"en": "Total", "es": "Total", "fr": "Total"},
    "by_paper": {"en": "By kind of paper", "es": "Por tipo de documento", "fr": "Par type de document"},
    "by_action": {"en": "By what was asked", "es": "Por lo que se pidió", "fr": "Par ce qui était demandé"},
    "by_month": {"en": "By month", "es": "Por mes", "fr": "Par mois"},
    "by_outcome": {
        "en": "By what the agency did", "es": "Por lo que hizo la agencia", "fr": "Par ce que l'organisme a fait",
    },
    "paper": {"en": "Kind of paper", "es": "Tipo de documento", "fr": "Type de document"},
    "action": {"en": "What was asked", "es": "Lo que se pidió", "fr": "Ce qui était demandé"},
    "month": {"en": "Month", "es": "Mes", "fr": "Mois"},
    "outcome": {"en": "What the agency did", "es": "Lo que hizo la agencia", "fr": "Ce que l'organisme a fait"},
    "requests": {"en": "Requests", "es": "Solicitudes", "fr": "Demandes"},
    "chart_desc": {
        "en": "Bars show the number of requests in each row, split by what the agency did; each kind of outcome "
              "has its own colour and pattern. The table below the chart gives the same numbers.",
        "es": "Las barras muestran el número de solicitudes de cada fila, divididas según lo que hizo la "
              "agencia; cada resultado tiene su propio color y trama. La tabla bajo el gráfico da los mismos "
              "números.",
        "fr": "Les barres montrent le nombre de demandes de chaque ligne, réparties selon ce que l'organisme a "
              "fait ; chaque issue a sa couleur et sa trame. Le tableau sous le graphique donne les mêmes nombres.",
    },
    "legend": {"en": "Legend", "es": "Leyenda", "fr": "Légende"},
    "zero_rows": {
        "en": "Rows where nothing was received are left out of the chart; the table lists them.",
        "es": "El gráfico omite las filas sin ninguna solicitud; la tabla las enumera.",
        "fr": "Le graphique omet les lignes sans aucune demande ; le tableau les énumère.",
    },
    "before_after_title": {
        "en": "What changed when the policy started?",
        "es": "¿Qué cambió cuando empezó la política?",
        "fr": "Qu'est-ce qui a changé quand la politique est entrée en vigueur ?",
    },
    "before_after_intro": {
        "en": "The agency's policy ({instrument}, {citation}) took effect on {day}. The chart shows requests "
              "received and what the agency did, month by month, in the twelve months before and after.",
        "es": "La política de la agencia ({instrument}, {citation}) entró en vigor el {day}. El gráfico muestra "
              "las solicitudes recibidas y lo que hizo la agencia, mes a mes, en los doce meses anteriores y "
              "posteriores.",
        "fr": "La politique de l'organisme ({instrument}, {citation}) est entrée en vigueur le {day}. Le "
              "graphique montre les demandes reçues et ce que l'organisme a fait, mois par mois, dans les douze "
              "mois avant et après.",
    },
    "before_after_layer": {
        "en": "The policy comes from a higher level ({layer}), whose law binds this agency.",
        "es": "La política viene de un nivel superior ({layer}), cuya ley obliga a esta agencia.",
        "fr": "La politique vient d'un niveau supérieur ({layer}), dont le droit lie cet organisme.",
    },
    "policy_month": {
        "en": "Month the policy took effect", "es": "Mes de entrada en vigor",
        "fr": "Mois de l'entrée en vigueur",
    },
    "policy_line": {"en": "Policy takes effect", "es": "Entra en vigor la política",
                    "fr": "Entrée en vigueur de la politique"},
    "no_months_around": {
        "en": "The desk holds no request from the months around that date, so there is nothing to compare yet.",
        "es": "La mesa no tiene solicitudes de los meses en torno a esa fecha, así que aún no hay nada que "
              "comparar.",
        "fr": "Le guichet n'a aucune demande des mois autour de cette date : il n'y a encore rien à comparer.",
    },
    "no_policy": {
        "en": "The rule library holds no dated policy limiting cooperation for this agency's jurisdiction, so "
              "no before-and-after chart is drawn.",
        "es": "La biblioteca de normas no contiene ninguna política fechada que limite la cooperación en la "
              "jurisdicción de esta agencia, así que no se dibuja el gráfico de antes y después.",
        "fr": "La bibliothèque de règles ne contient aucune politique datée limitant la coopération pour le "
              "ressort de cet organisme : le graphique avant-après n'est donc pas tracé.",
    },
    "before": {"en": "Before", "es": "Antes", "fr": "Avant"},
    "after": {"en": "After", "es": "Después", "fr": "Après"},
    "downloads": {"en": "Download the data", "es": "Descargar los datos", "fr": "Télécharger les données"},
    "download_csv": {"en": "Tables as CSV", "es": "Tablas en CSV", "fr": "Tableaux en CSV"},
    "download_json": {"en": "Tables as JSON", "es": "Tablas en JSON", "fr": "Tableaux en JSON"},
    "downloads_note": {
        "en": "The files hold exactly the numbers on this page; a hidden number is empty in the CSV and null "
              "in the JSON.",
        "es": "Los archivos contienen exactamente los números de esta página; un número oculto está vacío en el "
              "CSV y es null en el JSON.",
        "fr": "Les fichiers contiennent exactement les nombres de cette page ; un nombre masqué est vide dans le "
              "CSV et null dans le JSON.",
    },
    "updated": {"en": "Counted on {when} ({zone}).", "es": "Contado el {when} ({zone}).",
                "fr": "Compté le {when} ({zone})."},
    "footer": {
        "en": "Sanctuary · Apache-2.0 · Counts from the agency's request desk.",
        "es": "Sanctuary · Apache-2.0 · Cifras de la mesa de solicitudes de la agencia.",
        "fr": "Sanctuary · Apache-2.0 · Chiffres du guichet des demandes de l'organisme.",
    },
}

PAPER: Final[dict[str, dict[str, str]]] = {
    "none": {"en": "No paper (a verbal request)", "es": "Sin documento (solicitud verbal)",
             "fr": "Aucun document (demande orale)"},
    "detainer": {"en": "Immigration detainer", "es": "Orden de retención de inmigración (detainer)",
                 "fr": "Demande de détention de l'immigration (detainer)"},
    "admin_warrant": {"en": "Administrative immigration warrant", "es": "Orden administrativa de inmigración",
                      "fr": "Mandat administratif de l'immigration"},
    "admin_subpoena": {"en": "Administrative subpoena", "es": "Citación administrativa",
                       "fr": "Assignation administrative"},
    "notice_of_inspection": {"en": "Notice of inspection", "es": "Aviso de inspección", "fr": "Avis d'inspection"},
    "notice_to_appear": {"en": "Notice to appear", "es": "Notificación de comparecencia",
                         "fr": "Avis de comparution"},
    "judicial_warrant": {"en": "Judicial warrant", "es": "Orden judicial de arresto o registro",
                         "fr": "Mandat judiciaire"},
    "judicial_subpoena": {"en": "Judicial subpoena", "es": "Citación judicial", "fr": "Assignation judiciaire"},
    "court_order": {"en": "Court order", "es": "Orden de un tribunal", "fr": "Ordonnance d'un tribunal"},
    "irpa_warrant": {"en": "Warrant under Canada's IRPA", "es": "Orden según la IRPA de Canadá",
                     "fr": "Mandat en vertu de la LIPR du Canada"},
    "statute": {"en": "A law cited as authority", "es": "Una ley citada como fundamento",
                "fr": "Une loi invoquée comme fondement"},
}

ACTION: Final[dict[str, dict[str, str]]] = {
    "hold": {"en": "Hold a person past release", "es": "Retener a una persona después de su liberación",
             "fr": "Garder une personne au-delà de sa libération"},
    "notify_release": {"en": "Give notice of release", "es": "Avisar de la liberación",
                       "fr": "Prévenir de la libération"},
    "transfer": {"en": "Hand a person over", "es": "Entregar a una persona", "fr": "Remettre une personne"},
    "disclose": {"en": "Give out information", "es": "Entregar información", "fr": "Communiquer des informations"},
    "grant_access": {"en": "Let agents into an area", "es": "Dejar entrar a agentes en un área",
                     "fr": "Laisser des agents entrer dans un lieu"},
    "interview": {"en": "Interview a person in custody", "es": "Entrevistar a una persona detenida",
                  "fr": "Interroger une personne détenue"},
    "arrest": {"en": "Arrest or detain for immigration", "es": "Arrestar o detener por inmigración",
               "fr": "Arrêter ou retenir pour l'immigration"},
    "inquire": {"en": "Ask about immigration status", "es": "Preguntar por la situación migratoria",
                "fr": "Interroger sur le statut d'immigration"},
    "collect": {"en": "Record information", "es": "Registrar información", "fr": "Consigner des informations"},
    "condition_service": {"en": "Tie a service to status", "es": "Condicionar un servicio a la situación migratoria",
                          "fr": "Subordonner un service au statut"},
    "assist_operation": {"en": "Assist an enforcement operation", "es": "Ayudar en un operativo",
                         "fr": "Prêter main-forte à une opération"},
    "enter_agreement": {"en": "Enter an enforcement agreement", "es": "Firmar un acuerdo de colaboración",
                        "fr": "Conclure un accord de coopération"},
}

OUTCOME: Final[dict[str, dict[str, str]]] = {
    "declined": {"en": "Declined", "es": "Rechazada", "fr": "Refusée"},
    "complied": {"en": "Complied", "es": "Cumplida", "fr": "Exécutée"},
    "partially_complied": {"en": "Partly complied", "es": "Cumplida en parte", "fr": "Exécutée en partie"},
    "referred_to_counsel": {"en": "Sent to counsel", "es": "Remitida a asesoría jurídica",
                            "fr": "Transmise au conseil juridique"},
    "no_action_needed": {"en": "No action needed", "es": "No requería acción", "fr": "Aucune suite nécessaire"},
    PENDING: {"en": "Not yet decided", "es": "Aún sin decisión", "fr": "Pas encore tranchée"},
}

MONTHS: Final[dict[str, tuple[str, ...]]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}
SHORT_MONTHS: Final[dict[str, tuple[str, ...]]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
    "fr": ("janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"),
}


def t(key: str, lang: str, **values: object) -> str:
    return TEXT[key][lang].format(**values)


def month_label(month: str, lang: str, short: bool = False) -> str:
    """``"2026-03"`` -> "March 2026" / "marzo de 2026" / "mars 2026"."""
    year, index = month[:4], int(month[5:7]) - 1
    if short:
        return f"{SHORT_MONTHS[lang][index]} {year[2:]}"
    name = MONTHS[lang][index]
    return f"{name} de {year}" if lang == "es" else f"{name} {year}"


def date_label(day: str, lang: str) -> str:
    """``"2021-07-19"`` -> "19 July 2021" / "19 de julio de 2021" / "19 juillet 2021"."""
    year, month, dom = day[:4], int(day[5:7]) - 1, int(day[8:10])
    name = MONTHS[lang][month]
    if lang == "es":
        return f"{dom} de {name} de {year}"
    if lang == "fr" and dom == 1:
        return f"1er {name} {year}"
    return f"{dom} {name} {year}"


def label(dimension: str, key: str, lang: str) -> str:
    """The words for a row or column key; an unknown code (a newer vocabulary) is shown as its code."""
    if dimension == "month":
        return month_label(key, lang)
    words = {"paper": PAPER, "action": ACTION, "outcome": OUTCOME}[dimension].get(key)
    return words[lang] if words else key.replace("_", " ")
