"""What the intake-form check looks for, in English, Spanish and French.

Each :class:`Concept` is one thing a form may ask that reveals immigration status: outright (``status``) or
indirectly (``proxy``). Its phrases are matched on normalised text (lower case, accents removed, punctuation
as spaces; see :mod:`sanctuary.forms.detect`), token by token, with a small edit distance for long words so
that misspellings still match. In a phrase:

- ``*`` allows up to three other words in between (``where * born`` matches "where were you born");
- a word ending in ``~`` matches any word starting with it (``naci~`` matches nació, nacimiento);
- a word ending in ``=`` matches only itself (no misspellings: "refugee=" must not match "refuge");
- a word of six letters or more also matches a misspelling one edit away (nine letters or more: two).

When several concepts match, a match inside another's words gives way ("alien number" is a document number,
"alien" alone a status question; "green card holder" asks status, "green card" alone a document), then status
comes before proxy, then the longest phrase.

``RAW`` patterns are regular expressions over the original text, for abbreviations whose case matters (SIN,
NAS, A-number). ``NOT_FINDINGS`` are phrases removed before matching, so that "marital status", "estado civil",
"état civil", "status of your application", "date of birth" or "place of employment" never match a concept.
``CONTEXT_CUES`` recognise questions that a statute requires (benefits eligibility, the I-9).
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Concept:
    key: str
    category: str  # "status" or "proxy"
    data: str  # the decision contract's data category this question collects
    reason: str
    suggestion: str
    phrases: tuple[str, ...]
    raw: tuple[str, ...] = ()
    # Co-occurrence: the question has a word of every group, in any order (exact words or ``~`` prefixes,
    # no misspellings), e.g. ("born",) and ("country", "city", "where"): "In what country were you born?".
    together: tuple[tuple[tuple[str, ...], ...], ...] = ()


_STATUS_SUGGESTION = ("Remove the question. If the service needs residence, ask for an address in the service "
                      "area; if it needs identity, accept any photo ID.")
_DOC_SUGGESTION = "Ask for any photo ID (any country's, expired accepted) instead of an immigration document."
_ID_SUGGESTION = ("Remove it or make it optional; to reach or identify the person ask for a phone number or "
                  "any photo ID.")
_ORIGIN_SUGGESTION = "Remove it; if language matters, ask for the preferred language instead."
_TIME_SUGGESTION = ("Remove it; if residence matters, ask how long the person has lived at this address or in "
                    "this city.")

CONCEPTS: tuple[Concept, ...] = (
    Concept(
        "immigration_status", "status", "immigration_status",
        "asks for immigration status outright", _STATUS_SUGGESTION,
        (
            # English
            "immigration status", "immigrant status", "immigration situation", "immigration category",
            "immigration documents", "immigration papers", "immigration history", "immigration record",
            "immigration information", "migration status", "legal status", "lawful status", "residency status",
            "lawful resident", "hold * visa", "have * valid visa",
            "residence status", "status in * united states", "status in * us", "status in * u s",
            "status in * usa", "status in * canada", "status in * country", "lawfully present", "legal resident",
            "legally in", "legally present", "undocumented", "permanent resident", "green card holder",
            "refugee=", "refugees=", "asylum", "asylee", "refugee= claimant", "deported", "been deported",
            "work authorization", "authorized to work",
            "employment authorization", "visa status", "deportation", "removal proceedings", "daca", "tps",
            "temporary protected status", "have papers", "your papers", "do you have documents",
            "in the country legally", "alien", "noncitizen", "non citizen", "immigrant",
            "permanent residence", "temporary resident", "immigration case", "allowed to work",
            "immigration application", "on a visa", "with a visa", "have a visa",
            "have * work permit", "have * green card", "green card holder",
            # Spanish
            "estatus migratorio", "estatus de inmigracion", "estado migratorio", "situacion migratoria",
            "condicion migratoria", "calidad migratoria", "estatus legal", "estado legal", "situacion legal",
            "estatus inmigratorio", "documentos migratorios", "documentos de inmigracion", "papeles",
            "indocumentado~", "sin documentos", "residente permanente", "residencia permanente",
            "residente legal", "presencia legal", "legalmente en", "asilo", "refugiado~", "solicitante de asilo",
            "autorizacion de empleo", "autorizacion para trabajar", "autorizado para trabajar",
            "permiso para trabajar", "deportacion", "deportado~", "inmigrante", "extranjero", "pais legalmente",
            "residente temporal", "tiene * visa", "con visa", "caso de inmigracion", "permiso legal para trabajar",
            "permitido trabajar", "solicitud de inmigracion",
            "tiene visa", "tiene * permiso de trabajo", "tiene green card", "tiene * tarjeta verde",
            "legalmente en * pais", "legalmente en * estados unidos",
            "estatus en * estados unidos", "estatus en * pais", "estatus en * canada",
            # French
            "statut d immigration", "statut d immigrant", "statut migratoire", "situation migratoire",
            "statut legal", "resident legal", "residente legale", "avez vous * visa", "statut juridique",
            "statut au canada", "statut aux etats unis", "statut de resident",
            "resident permanent", "residente permanente", "sans papiers", "sans statut", "demandeur d asile",
            "demandeuse d asile", "asile", "refugie~", "autorisation de travail", "autorise a travailler",
            "immigrant", "immigre~", "etranger", "documents d immigration", "papiers", "en situation irreguliere",
            "en situation reguliere", "statut au pays", "legalement au",
            "resident temporaire", "demande d immigration", "dossier d immigration", "droit de travailler",
            "permis de sejour temporaire", "titulaire d un permis", "residence permanente", "avec un visa",
            "avez vous un visa",
            "avez vous * permis de travail",
        ),
        raw=(r"\bI[- ]?(?:551|797)\b", r"\bEAD\b"),
    ),
    Concept(
        "citizenship", "status", "citizenship",
        "asks about citizenship, which reveals immigration status", _STATUS_SUGGESTION,
        (
            "citizenship", "citizen", "citizens", "naturalized", "naturalization", "us national",
            "ciudadania", "ciudadano~", "ciudadana", "nacionalizado~", "naturalizado~", "naturalizacion",
            "citoyennete", "citoyen", "citoyenne", "naturalise~", "naturalisation",
        ),
    ),
    Concept(
        "place_of_birth", "proxy", "place_of_birth",
        "asks where the person was born, a proxy for immigration status", _ORIGIN_SUGGESTION,
        (
            "place of birth", "country of birth", "city of birth", "state of birth", "province of birth",
            "birthplace", "birth place", "birth country", "birth city", "where * born", "born in", "born outside",
            "born abroad", "native country", "home country", "country of origin", "where are you from",
            "where * originally from", "lugar de nacimiento", "pais de nacimiento", "ciudad de nacimiento",
            "estado de nacimiento", "donde * naci~", "de que pais es", "de que pais eres", "de que pais viene~",
            "nacio en", "naciste en", "pais natal", "pais de origen",
            "lugar de origen", "de donde es", "de donde eres", "de donde viene", "nacido en", "nacida en",
            "nacido~ fuera", "lieu de naissance", "pays de naissance", "ville de naissance",
            "province de naissance", "ou etes vous ne", "ou etes vous nee", "ou es tu ne", "ou est il ne",
            "ou est elle nee", "ne e a", "ne a", "nee a", "pays natal",
            "pays d origine", "d ou venez vous", "de quel pays venez vous", "de quel pays etes vous",
            "ou vous etes ne", "ou vous etes nee", "etes vous ne", "etes vous nee", "es tu ne", "ou * est il ne",
            "ou * est elle nee", "ou * sont ils nes",
            "d ou viens tu", "d ou etes vous", "origine nationale",
        ),
    ),
    Concept(
        "nationality", "proxy", "citizenship",
        "asks for nationality, a proxy for immigration status", _ORIGIN_SUGGESTION,
        ("nationality", "nacionalidad", "nationalite", "nation of origin"),
    ),
    Concept(
        "national_id", "proxy", "national_id",
        "asks for a Social Security, Social Insurance or taxpayer number, a proxy for immigration status",
        _ID_SUGGESTION,
        (
            "social security number", "social security no", "social security card", "ssn",
            "social insurance number", "social insurance no", "itin", "taxpayer identification number",
            "numero de seguro social", "seguro social numero", "numero del seguro social",
            "tarjeta de seguro social", "numero de seguridad social", "numero de identificacion fiscal",
            "numero d assurance sociale", "numero d assurance social", "assurance sociale",
            "carte d assurance sociale",
        ),
        raw=(r"\bSSN\b", r"(?i)\bss\s?#", r"\bSIN\b", r"\bNAS\b", r"(?i)\bsocial security\s?#", r"\bITIN\b",
             r"(?i)\bseguro social\s?#",
             r"\bNSS\b"),
    ),
    Concept(
        "immigration_document", "proxy", "immigration_document",
        "asks for a passport, visa, permit or immigration file number, a proxy for immigration status",
        _DOC_SUGGESTION,
        (
            "passport number", "passport no", "passport country", "passport expiration", "passport expiry",
            "passport issue~", "country of passport", "passport", "visa number", "visa type", "type of visa",
            "visa expiration", "visa category", "categoria de visa", "categorie de visa",
            "visa expiry", "kind of visa", "your visa", "alien number",
            "alien registration", "registration number uscis", "uscis number", "uscis", "green card",
            "permanent resident card", "pr card", "work permit", "study permit", "residence permit",
            "arrival departure record", "unique client identifier", "ircc", "client id ircc",
            "numero de pasaporte", "pasaporte", "numero de visa", "tipo de visa", "visa de", "su visa",
            "numero de extranjero", "registro de extranjero~", "numero a", "tarjeta verde", "mica",
            "permiso de trabajo",
            "permiso de residencia", "permiso de estudio~", "tarjeta de residen~", "numero de passeport",
            "passeport", "numero de visa", "type de visa", "votre visa", "permis de travail", "permis d etudes",
            "permis de sejour", "titre de sejour", "carte verte", "carte de resident permanent", "carte de rp",
            "identificateur client unique", "numero d etranger", "numero de client ircc",
        ),
        raw=(r"\bA[-‐]?(?:Number|number|No\.|#)", r"\bI[- ]?94\b", r"\bUCI\b", r"\bIUC\b", r"\bNIE\b"),
    ),
    Concept(
        "date_of_entry", "proxy", "immigration_status",
        "asks when the person entered or arrived in the country, a proxy for immigration status",
        _TIME_SUGGESTION,
        (
            "date of entry", "entry date", "date you entered", "when * enter~ * united states",
            "when * enter~ * us", "when * enter~ * canada", "when * enter~ * country", "when * arriv~ * country",
            "when * arriv~ * united states", "when * arriv~ * us", "when * arriv~ * canada",
            "date of arrival in", "arrival in * united states", "arrival in * canada", "arrival in * country",
            "arrival in * us", "date * arrived in", "first came to", "came to * united states",
            "came to * us", "came to * canada", "came to * country", "come to * united states", "come to * us",
            "come to * canada", "come to * country", "port of entry",
            "fecha de entrada", "fecha de ingreso", "fecha de llegada", "cuando llego", "cuando entro",
            "cuando ingreso", "llego a * estados unidos", "llego a * pais", "llego a canada",
            "entro al pais", "entro a * estados unidos", "entro a canada", "llegada a * estados unidos",
            "llegada al pais", "llegada a canada",
            "entrada a * estados unidos", "entrada al pais", "ingreso al pais", "puerto de entrada",
            "date d entree", "date d arrivee", "quand * arrive~ * canada", "quand * arrive~ * pays",
            "quand * entre~ * canada", "quand * entre~ * pays", "arrivee au canada", "arrivee au pays",
            "entree au canada", "entree au pays", "point d entree",
        ),
    ),
    Concept(
        "years_in_country", "proxy", "immigration_status",
        "asks how long the person has been in the country, a proxy for immigration status", _TIME_SUGGESTION,
        (
            "years in * united states", "years in * us", "years in * canada", "years in * country",
            "years * lived in * united states", "years * lived in * us", "years * lived in * canada",
            "years * lived in * country", "years * been in * united states", "years * been in * us",
            "years * been in * canada", "years * been in * country", "cuantos anos * estados unidos",
            "cuantos anos * pais", "cuantos anos * canada",
            "years * living in * united states", "years * living in * us", "years * living in * canada",
            "years * living in * country", "viviendo en * pais", "viviendo en * estados unidos",
            "lleva * en * pais", "lleva * en * estados unidos", "combien d annees * canada",
            "combien d annees * pays",
            "years living in * united states", "years living in * us", "years living in * country",
            "how long * lived in * united states", "how long * lived in * us", "how long * lived in * canada",
            "how long * lived in * country", "how long * been in * united states", "how long * been in * us",
            "how long * been in * canada", "how long * been in * country", "time in * united states",
            "time in * canada", "time in * country", "anos en * estados unidos", "anos en * pais",
            "anos en canada", "anos vive en * estados unidos", "anos vive en * pais", "anos viviendo en",
            "cuanto tiempo * estados unidos", "cuanto tiempo * pais", "cuanto tiempo * canada",
            "tiempo en * estados unidos", "tiempo en * pais", "annees au canada", "annees au pays",
            "annees aux etats unis", "depuis combien de temps * canada", "depuis combien de temps * pays",
            "depuis quand * canada", "depuis quand * pays", "temps au canada", "temps au pays",
        ),
    ),
)

# Co-occurrence cues (see ``Concept.together``): new wordings of a known question ("In what country were you
# born?", "¿En qué fecha llegó a EE.UU.?") without listing every phrasing. Exact words only: "county" is not
# "country".
_COUNTRY = ("country", "countries", "us", "usa", "america", "canada", "pais", "eeuu", "estados", "pays", "etats",
            "united", "nation")
_BORN = ("born", "nacio", "naciste", "nacido", "nacida", "naci", "nacimiento", "naissance", "natal", "natale")
_PLACE = ("where", "country", "city", "place", "town", "province", "donde", "pais", "ciudad", "lugar", "pueblo",
          "provincia", "ou", "pays", "ville", "lieu", "region")
_ARRIVE = ("arrive~", "arrival", "came", "come", "enter", "entered", "entry", "immigrated", "move", "moved", "llego",
           "llegaste", "llegada", "llegaron", "entro", "ingreso", "emigro", "entre", "immigre~")
_WHEN = ("when", "date", "year", "cuando", "fecha", "ano", "quand", "annee")
_DURATION = ("years", "long", "anos", "tiempo", "annees", "temps", "combien", "depuis")
_STAY = ("lived", "living", "live", "been", "resided", "vive", "vivido", "viviendo", "lleva", "reside", "vivez",
         "habitez", "etes", "residez")
_TOGETHER: dict[str, tuple[tuple[tuple[str, ...], ...], ...]] = {
    "place_of_birth": ((_BORN, _PLACE),),
    "date_of_entry": ((_ARRIVE, _COUNTRY, _WHEN),),
    "years_in_country": ((_DURATION, _COUNTRY, _STAY),),
    "immigration_document": ((("visa",),),),
}
CONCEPTS = tuple(replace(c, together=_TOGETHER.get(c.key, ())) for c in CONCEPTS)

# Phrases that are never findings; removed from the text before concepts are matched.
NOT_FINDINGS: tuple[str, ...] = (
    "marital status", "civil status", "family status", "employment status", "student status",
    "housing status", "health status", "veteran status", "tax status", "application status",
    "status of * application", "status of * request", "status of * case", "status of * claim",
    "date of birth", "birth date", "birthdate", "date de naissance", "fecha de nacimiento", "place of employment",
    "place of work", "lugar de trabajo", "lugar de empleo", "lieu de travail", "lieu d emploi",
    "estado civil", "etat civil", "situation familiale", "situation de famille", "situacion familiar",
    "situacion laboral", "situation professionnelle", "estado de * solicitud", "statut de * demande",
    "senior citizen~", "citizen science", "citizens advice", "citizen review", "citizen advisory",
    "conseil citoyen", "comite citoyen", "participacion ciudadana",
    "atencion ciudadana", "seguridad ciudadana", "ciudadano~ mayor~", "engagement citoyen", "service citoyen",
    "social security benefit~", "social security income", "social security disability", "social security payment~",
    "date of entry into * program", "date of entry into * programme", "date of entry into * shelter",
    "entry date * program", "fecha de entrada al programa", "fecha de ingreso al programa",
    "date d entree dans * programme", "date d entree au programme", "visa mastercard", "visa or mastercard",
    "visa card", "tarjeta visa", "carte visa", "how long * lived at", "how long * lived in * city",
    "how long * lived in * county=", "how long * lived in * apartment", "how long * lived in * home",
    "how long * been in * program", "time in * program", "time in * shelter", "tiempo en * programa",
    "tiempo en * refugio", "depuis combien de temps * logement", "depuis combien de temps * adresse",
    "papeles de * casa", "home address", "no papers needed", "papiers d identite",
    "asile de nuit", "visa de credito", "tarjeta de credito",
)

# Words that say a question is asked because a statute requires it (contract contexts).
CONTEXT_CUES: dict[str, tuple[str, ...]] = {
    "employment_verification": (
        "i 9", "form i 9", "formulario i 9", "formulaire i 9", "employment eligibility verification",
        "verificacion de elegibilidad de empleo", "verification de l admissibilite a l emploi", "e verify",
    ),
    "benefits_eligibility": (
        "eligibility for benefits", "benefits eligibility", "program eligibility", "for eligibility",
        "to determine eligibility", "determine your eligibility", "eligibility for", "snap", "medicaid",
        "tanf", "food stamps", "calfresh", "wic", "ssi", "chip", "public assistance", "cash assistance",
        "elegibilidad", "beneficios publicos", "cupones de alimentos", "asistencia publica",
        "admissibilite", "prestations", "aide sociale", "1320b 7",
    ),
}
