"""The notice to the person, in the languages its jurisdiction needs, each saying everything the English does.

Languages, in the order they are printed:

- Québec: French first, then English (Charter of the French Language, CQLR c C-11, s. 1 and ss. 14-16: French
  is the language of the civil administration; confidence ``secondary``).
- Elsewhere in Canada: English and French, Canada's two official languages (Official Languages Act, R.S.C.
  1985, c. 31 (4th Supp.), s. 2; the Act binds federal institutions, and local agencies print both so that the
  person can read the notice in either; confidence ``secondary``).
- The United States: English, Spanish and French (the desk's default set; no federal rule fixes the notice's
  languages).

A place that names further languages is listed in ``ALSO_REQUIRED`` with its citation. The rule library does
not list languages as data, so the list is kept here; the desk has no text in those languages yet, and the
notice page says so to staff (never to the person) so that the agency's certified translation is attached.

Every language's notice is built from the same sections (``SECTION_KEYS``), in the same order, with the same
facts; a test compares them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from sanctuary.desk.agency import AgencyProfile
from sanctuary.desk.letters import done_words

LANGUAGE_NAMES: Final[dict[str, str]] = {"en": "English", "es": "Español", "fr": "Français"}
LANGUAGE_NAMES_EN: Final[dict[str, str]] = {"en": "English", "es": "Spanish", "fr": "French"}


@dataclass(frozen=True)
class Requirement:
    languages: tuple[str, ...]  # English names of the languages
    citation: str
    confidence: str
    what: str
    actions: tuple[str, ...] = ()  # only for these actions (all when empty)


ALSO_REQUIRED: Final[dict[str, Requirement]] = {
    "us/ny/new-york-city": Requirement(
        ("Chinese", "Russian", "Bengali", "Haitian Creole", "Korean", "Arabic", "Urdu", "Polish"),
        "N.Y.C. Admin. Code §§ 23-1101 to 23-1105 (Local Law 30 of 2017)", "secondary",
        "City agencies translate the documents they commonly give the public into the ten designated citywide "
        "languages (as designated in 2017; Spanish and French are printed here, these are the others). Check "
        "the Mayor's Office's current list."),
    "us/ca": Requirement(
        ("Chinese", "Tagalog", "Vietnamese", "Korean"), "Cal. Gov. Code § 7283.1(a)", "primary",
        "Before an ICE interview, the written consent form must be offered in English, Spanish, Chinese, Tagalog, "
        "Vietnamese or Korean.", ("interview",)),
}


@dataclass(frozen=True)
class NoticeLanguages:
    printed: tuple[str, ...]
    why: str
    also_required: tuple[Requirement, ...] = ()

    @property
    def names(self) -> str:
        """"English, Spanish and French" (in English, for staff)."""
        words = [LANGUAGE_NAMES_EN[code] for code in self.printed]
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def languages_for(jurisdiction: str, action: str = "") -> NoticeLanguages:
    parts = jurisdiction.strip().lower().split("/")
    if parts[0] == "ca":
        if len(parts) > 1 and parts[1] == "qc":
            return NoticeLanguages(("fr", "en"), "Québec: French first (Charter of the French Language, CQLR c C-11)")
        return NoticeLanguages(("en", "fr"), "Canada: English and French, the two official languages")
    extra: list[Requirement] = []
    for depth in range(len(parts), 0, -1):
        requirement = ALSO_REQUIRED.get("/".join(parts[:depth]))
        if requirement is not None and (not requirement.actions or action in requirement.actions):
            extra.append(requirement)
    return NoticeLanguages(("en", "es", "fr"), "United States: English, Spanish and French", tuple(extra))


# --- the words -------------------------------------------------------------------------------------------------

MONTHS: Final[dict[str, tuple[str, ...]]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
}


def long_date(day: date, lang: str) -> str:
    month = MONTHS[lang][day.month - 1]
    if lang == "en":
        return f"{month} {day.day}, {day.year}"
    if lang == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"


ACTIONS: Final[dict[str, dict[str, str]]] = {
    "hold": {"en": "keep you in custody after you would otherwise be released",
             "es": "mantenerle bajo custodia después del momento en que normalmente quedaría en libertad",
             "fr": "vous garder en détention après le moment où vous auriez normalement été libéré(e)"},
    "notify_release": {"en": "tell them when you are released",
                       "es": "avisarles cuando usted quede en libertad",
                       "fr": "les prévenir de votre mise en liberté"},
    "transfer": {"en": "hand you over to them", "es": "entregarle a ellos", "fr": "vous remettre à eux"},
    "disclose": {"en": "give them information about you", "es": "darles información sobre usted",
                 "fr": "leur communiquer des renseignements vous concernant"},
    "grant_access": {"en": "let their agents into our premises", "es": "dejar entrar a sus agentes en nuestras "
                     "instalaciones", "fr": "laisser entrer leurs agents dans nos locaux"},
    "interview": {"en": "let their agents interview you", "es": "permitir que sus agentes le entrevisten",
                  "fr": "permettre à leurs agents de vous interroger"},
    "arrest": {"en": "stop, arrest or detain you for an immigration reason",
               "es": "detenerle o arrestarle por un motivo de inmigración",
               "fr": "vous interpeller, vous arrêter ou vous détenir pour un motif d'immigration"},
    "inquire": {"en": "ask you for information", "es": "pedirle información",
                "fr": "vous demander des renseignements"},
    "collect": {"en": "record information about you", "es": "registrar información sobre usted",
                "fr": "consigner des renseignements vous concernant"},
    "condition_service": {"en": "make a service depend on your immigration status",
                          "es": "condicionar un servicio a su situación migratoria",
                          "fr": "subordonner un service à votre statut d'immigration"},
    "assist_operation": {"en": "help with an immigration enforcement operation",
                         "es": "ayudar en un operativo de control migratorio",
                         "fr": "prêter main-forte à une opération d'application des lois sur l'immigration"},
    "enter_agreement": {"en": "enter into an immigration enforcement agreement",
                        "es": "firmar un acuerdo de control migratorio",
                        "fr": "conclure une entente d'application des lois sur l'immigration"},
}

PAPERS: Final[dict[str, dict[str, str]]] = {
    "i247a": {"en": "an immigration detainer (Form I-247A), signed by an immigration officer, not a judge",
              "es": "una solicitud de retención migratoria (formulario I-247A), firmada por un oficial de "
                    "inmigración, no por un juez",
              "fr": "une demande de détention d'immigration (formulaire I-247A), signée par un agent "
                    "d'immigration et non par un juge"},
    "i200": {"en": "an administrative arrest warrant (Form I-200), signed by an immigration officer, not a judge",
             "es": "una orden administrativa de arresto (formulario I-200), firmada por un oficial de inmigración, "
                   "no por un juez",
             "fr": "un mandat d'arrestation administratif (formulaire I-200), signé par un agent d'immigration et "
                   "non par un juge"},
    "i205": {"en": "an administrative removal warrant (Form I-205), signed by an immigration officer, not a judge",
             "es": "una orden administrativa de expulsión (formulario I-205), firmada por un oficial de "
                   "inmigración, no por un juez",
             "fr": "un mandat de renvoi administratif (formulaire I-205), signé par un agent d'immigration et non "
                   "par un juge"},
    "i138": {"en": "an administrative subpoena (Form I-138), not a court order",
             "es": "una citación administrativa (formulario I-138), que no es una orden judicial",
             "fr": "une assignation administrative (formulaire I-138), qui n'est pas une ordonnance d'un tribunal"},
    "i9_noi": {"en": "a notice of inspection of employment records (Form I-9)",
               "es": "un aviso de inspección de los registros de empleo (formulario I-9)",
               "fr": "un avis d'inspection des registres d'emploi (formulaire I-9)"},
    "i862": {"en": "a notice to appear in immigration court (Form I-862)",
             "es": "una notificación de comparecencia ante el tribunal de inmigración (formulario I-862)",
             "fr": "un avis de comparution devant le tribunal de l'immigration (formulaire I-862)"},
    "judicial_warrant": {"en": "a warrant signed by a judge", "es": "una orden firmada por un juez",
                         "fr": "un mandat signé par un juge"},
    "judicial_subpoena": {"en": "a subpoena issued by a court", "es": "una citación emitida por un tribunal",
                          "fr": "une assignation délivrée par un tribunal"},
    "court_order": {"en": "a court order", "es": "una orden judicial", "fr": "une ordonnance d'un tribunal"},
}

REQUESTERS: Final[dict[str, dict[str, str]]] = {
    "ice": {"en": "U.S. Immigration and Customs Enforcement (ICE)",
            "es": "el Servicio de Inmigración y Control de Aduanas de EE. UU. (ICE)",
            "fr": "le Service de l'immigration et des douanes des États-Unis (ICE)"},
    "cbp": {"en": "U.S. Customs and Border Protection (CBP)",
            "es": "la Oficina de Aduanas y Protección Fronteriza de EE. UU. (CBP)",
            "fr": "le Service des douanes et de la protection des frontières des États-Unis (CBP)"},
    "cbsa": {"en": "the Canada Border Services Agency (CBSA)",
             "es": "la Agencia de Servicios Fronterizos de Canadá (ASFC)",
             "fr": "l'Agence des services frontaliers du Canada (ASFC)"},
    "": {"en": "another agency", "es": "otra agencia", "fr": "un autre organisme"},
}

TEXT: Final[dict[str, dict[str, str]]] = {
    "title": {"en": "Notice: a request about you", "es": "Aviso: una solicitud sobre usted",
              "fr": "Avis : une demande vous concernant"},
    "received": {"en": "On {date}, {agency} received a request from {who} concerning you (our reference #{ref}).",
                 "es": "El {date}, {agency} recibió una solicitud de {who} sobre usted (nuestra referencia "
                       "n.º {ref}).",
                 "fr": "Le {date}, {agency} a reçu une demande de {who} vous concernant (notre référence "
                       "nº {ref})."},
    "this_agency": {"en": "this agency", "es": "esta agencia", "fr": "notre organisme"},
    "asked": {"en": "The request asked us to {action}.", "es": "La solicitud nos pedía {action}.",
              "fr": "La demande nous demandait de {action}."},
    "paper": {"en": "The paper is {paper}.", "es": "El documento es {paper}.", "fr": "Le document est {paper}."},
    "no_paper": {"en": "The request came without any legal paper.",
                 "es": "La solicitud llegó sin ningún documento legal.",
                 "fr": "La demande est arrivée sans aucun document juridique."},
    "done_label": {"en": "What we did:", "es": "Lo que hicimos:", "fr": "Ce que nous avons fait :"},
    "copy_attached": {"en": "A copy of the request is attached.", "es": "Se adjunta una copia de la solicitud.",
                      "fr": "Une copie de la demande est jointe."},
    "copy_on_request": {"en": "You may ask us for a copy of the request.",
                        "es": "Puede pedirnos una copia de la solicitud.",
                        "fr": "Vous pouvez nous demander une copie de la demande."},
    "rights_heading": {"en": "Your rights", "es": "Sus derechos", "fr": "Vos droits"},
    "lawyer": {"en": "You may wish to talk to a lawyer before answering questions from immigration agents.",
               "es": "Puede hablar con un abogado antes de responder preguntas de agentes de inmigración.",
               "fr": "Vous pouvez consulter un avocat avant de répondre aux questions d'agents d'immigration."},
    "decline": {"en": "You may decline an interview with immigration agents.",
                "es": "Puede negarse a una entrevista con agentes de inmigración.",
                "fr": "Vous pouvez refuser un entretien avec des agents d'immigration."},
    "decline_custody": {"en": "You may decline an interview with immigration agents while you are in our custody; "
                              "if you agree to one, you may ask to have your lawyer present.",
                        "es": "Puede negarse a una entrevista con agentes de inmigración mientras esté bajo nuestra "
                              "custodia; si acepta, puede pedir que su abogado esté presente.",
                        "fr": "Vous pouvez refuser un entretien avec des agents d'immigration pendant que vous êtes "
                              "sous notre garde; si vous l'acceptez, vous pouvez demander la présence de votre "
                              "avocat."},
    "contact_heading": {"en": "Questions", "es": "Preguntas", "fr": "Questions"},
    "contact": {"en": "Ask the staff of {agency}, and quote reference #{ref}.",
                "es": "Pregunte al personal de {agency} e indique la referencia n.º {ref}.",
                "fr": "Adressez-vous au personnel de {agency} en indiquant la référence nº {ref}."},
    "contact_counsel": {"en": "Our legal counsel can be reached at {phone}.",
                        "es": "Puede comunicarse con nuestro asesor jurídico al {phone}.",
                        "fr": "Vous pouvez joindre notre conseiller juridique au {phone}."},
    "given_under": {"en": "This notice is given under: {citations}.",
                    "es": "Este aviso se entrega conforme a: {citations}.",
                    "fr": "Le présent avis est remis en application de : {citations}."},
}

SECTION_KEYS: Final = ("title", "received", "asked", "paper", "done", "copy", "rights", "contact", "given_under")


@dataclass(frozen=True)
class NoticeSection:
    key: str
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class NoticeText:
    lang: str
    title: str
    sections: tuple[NoticeSection, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections)


def build(lang: str, *, ref: int, received_on: date, requester: str, action: str, paper_code: str,
          instrument_type: str, agency_kind: str, final_outcome: str | None, profile: AgencyProfile,
          citations: list[str]) -> NoticeText:
    """One language's notice. Every language gets the same sections for the same request."""
    t = {key: words[lang] for key, words in TEXT.items()}
    agency_name = profile.name or t["this_agency"]
    who = REQUESTERS.get(requester, REQUESTERS[""])[lang]
    action_words = ACTIONS.get(action, {}).get(lang) or action.replace("_", " ")
    paper = PAPERS.get(paper_code, {}).get(lang)
    sections = [
        NoticeSection("received", "", (t["received"].format(date=long_date(received_on, lang), agency=agency_name,
                                                             who=who, ref=ref),)),
        NoticeSection("asked", "", (t["asked"].format(action=action_words),)),
        NoticeSection("paper", "", (t["paper"].format(paper=paper) if paper else t["no_paper"],)),
        NoticeSection("done", t["done_label"], (done_words(final_outcome)[lang],)),
        NoticeSection("copy", "", (t["copy_attached"] if instrument_type == "detainer" else t["copy_on_request"],)),
        NoticeSection("rights", t["rights_heading"],
                      (t["lawyer"], t["decline_custody"] if agency_kind == "jail" else t["decline"])),
        NoticeSection("contact", t["contact_heading"],
                      (t["contact"].format(agency=agency_name, ref=ref),
                       *((t["contact_counsel"].format(phone=profile.counsel_phone),) if profile.counsel_phone
                         else ()))),
    ]
    if citations:
        sections.append(NoticeSection("given_under", "", (t["given_under"].format(citations="; ".join(citations)),)))
    return NoticeText(lang, t["title"], tuple(sections))
