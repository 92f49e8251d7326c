"""The one-page front-desk card: the common protocol in English, Spanish and French, plus what the law
engine says for the situations staff meet most at this kind of agency in this jurisdiction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sanctuary.desk.engine_port import DeskInputError, decide

LANGUAGES = ("en", "es", "fr")
TITLES = {"en": "Front-desk protocol", "es": "Protocolo de recepción", "fr": "Protocole d'accueil"}

STEPS: tuple[dict[str, str], ...] = (
    {"en": "Stay calm. Ask for the agents' names, badge numbers and agency.",
     "es": "Mantenga la calma. Pida el nombre, el número de placa y la agencia de los agentes.",
     "fr": "Restez calme. Demandez le nom, le numéro de matricule et l'agence des agents."},
    {"en": "Ask what they want and ask to see the paper. Do not sign anything.",
     "es": "Pregunte qué quieren y pida ver el documento. No firme nada.",
     "fr": "Demandez ce qu'ils veulent et demandez à voir le document. Ne signez rien."},
    {"en": "A form signed by an immigration officer (I-200, I-205, I-247A, I-138) is not a judge's warrant.",
     "es": "Un formulario firmado por un oficial de inmigración (I-200, I-205, I-247A, I-138) no es una orden "
           "de un juez.",
     "fr": "Un formulaire signé par un agent d'immigration (I-200, I-205, I-247A, I-138) n'est pas un mandat "
           "d'un juge."},
    {"en": "Do not consent to entry into non-public areas. Say: \"I do not consent. Please wait here while I "
           "call the person in charge.\"",
     "es": "No consienta la entrada a áreas no públicas. Diga: \"No doy mi consentimiento. Por favor espere "
           "aquí mientras llamo al responsable.\"",
     "fr": "Ne consentez pas à l'entrée dans les zones non publiques. Dites : « Je ne consens pas. Veuillez "
           "attendre ici pendant que j'appelle le responsable. »"},
    {"en": "Call your supervisor and counsel now.",
     "es": "Llame ahora a su supervisor y al abogado de la institución.",
     "fr": "Appelez maintenant votre superviseur et le conseil juridique."},
    {"en": "Do not physically obstruct the agents, even if they enter without consent. Do not lie and do not "
           "hide anyone.",
     "es": "No obstruya físicamente a los agentes, aunque entren sin consentimiento. No mienta y no esconda a "
           "nadie.",
     "fr": "Ne faites pas obstacle physiquement aux agents, même s'ils entrent sans consentement. Ne mentez "
           "pas et ne cachez personne."},
    {"en": "Write everything down: time, names, badges, what was said and what was taken. Log it at the desk.",
     "es": "Anote todo: la hora, los nombres, las placas, lo que se dijo y lo que se llevaron. Regístrelo en "
           "el sistema.",
     "fr": "Notez tout : l'heure, les noms, les matricules, ce qui a été dit et ce qui a été pris. "
           "Enregistrez-le au bureau."},
)

OUTCOME_LABELS = {
    "forbidden": {"en": "Do not", "es": "No lo haga", "fr": "Ne le faites pas"},
    "allowed": {"en": "Not required (ask your supervisor)", "es": "No es obligatorio (consulte a su supervisor)",
                "fr": "Pas obligatoire (demandez à votre superviseur)"},
    "required": {"en": "Required", "es": "Obligatorio", "fr": "Obligatoire"},
    "undetermined": {"en": "Ask counsel", "es": "Consulte al abogado", "fr": "Consultez le conseil juridique"},
}
# A line no encoded rule speaks to (coverage "none") is never "not required": the library has no rule on it.
NO_RULE_LABELS = {"en": "No encoded law: follow written policy or ask counsel",
                  "es": "Ninguna ley codificada: siga la política escrita o consulte al abogado",
                  "fr": "Aucune règle codée : suivez la politique écrite ou consultez le conseil juridique"}

# A decision no encoded rule covers (``coverage: "none"``): never shown as a green "allowed".
NO_LAW_LABELS = {"en": "No encoded law covers this: ask counsel or follow your agency's written policy",
                 "es": "Ninguna ley codificada lo regula: consulte al abogado o siga la política escrita de su "
                       "agencia",
                 "fr": "Aucune loi encodée ne le régit : consultez le conseil juridique ou suivez la politique "
                       "écrite de votre organisme"}


# The card's reminder about intake forms, in each of its languages (followed by a link to the form check).
DONT_ASK = {"en": "Don't ask: intake forms must not ask for immigration status, place of birth or an SSN unless a "
                  "law requires it. Check a form before you use it:",
            "es": "No pregunte: los formularios de admisión no deben pedir el estatus migratorio, el lugar de "
                  "nacimiento ni un número de seguro social salvo que una ley lo exija. Revise un formulario antes "
                  "de usarlo:",
            "fr": "Ne demandez pas : les formulaires d'accueil ne doivent demander ni le statut d'immigration, ni le "
                  "lieu de naissance, ni un numéro d'assurance sociale, sauf si une loi l'exige. Vérifiez un "
                  "formulaire avant de l'utiliser :"}
DONT_ASK_LINK = {"en": "Check a form", "es": "Revisar un formulario", "fr": "Vérifier un formulaire"}


@dataclass(frozen=True)
class Scenario:
    key: str
    labels: dict[str, str]
    request: dict[str, Any]
    kinds: tuple[str, ...] = ()


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("detainer", {"en": "Hold someone on an ICE detainer (I-247A)",
                          "es": "Retener a alguien por una orden de detención de ICE (I-247A)",
                          "fr": "Retenir quelqu'un sur une demande de détention de l'ICE (I-247A)"},
             {"action": "hold", "instrument": {"type": "detainer", "signed_by": "immigration_officer"},
              "requester": {"agency": "ice", "purpose": "civil_immigration"}, "subject": {"in_custody": True}},
             ("jail", "police", "probation")),
    Scenario("admin_warrant_access", {"en": "Let agents with an I-200/I-205 into non-public areas",
                                      "es": "Dejar entrar a áreas no públicas a agentes con un I-200/I-205",
                                      "fr": "Laisser entrer en zone non publique des agents munis d'un I-200/I-205"},
             {"action": "grant_access", "location": "non_public_area",
              "instrument": {"type": "admin_warrant", "signed_by": "immigration_officer"},
              "requester": {"agency": "ice", "purpose": "civil_immigration"}}),
    Scenario("judicial_warrant_access", {"en": "Let agents with a judge-signed warrant into non-public areas",
                                         "es": "Dejar entrar a agentes con una orden firmada por un juez",
                                         "fr": "Laisser entrer des agents munis d'un mandat signé par un juge"},
             {"action": "grant_access", "location": "non_public_area",
              "instrument": {"type": "judicial_warrant", "signed_by": "federal_judge"},
              "requester": {"agency": "ice", "purpose": "civil_immigration"}}),
    Scenario("informal_disclosure", {"en": "Give out someone's address or schedule when asked without paper",
                                     "es": "Dar la dirección o el horario de alguien a petición sin documento",
                                     "fr": "Donner l'adresse ou l'horaire de quelqu'un sur simple demande"},
             {"action": "disclose", "data": ["address", "schedule"], "instrument": {"type": "none"},
              "requester": {"agency": "ice", "purpose": "civil_immigration"}}),
)


def front_desk_card(jurisdiction: str, kind: str, on: date | None = None) -> dict[str, Any]:
    """Everything the card shows; each row carries the citation that decided it."""
    rows: list[dict[str, Any]] = []
    for scenario in SCENARIOS:
        if scenario.kinds and kind not in scenario.kinds:
            continue
        request = dict(scenario.request, date=(on or date.today()).isoformat(),
                       agency={"jurisdiction": jurisdiction, "kind": kind})
        try:
            decision = decide(request)
        except DeskInputError as exc:
            return {"error": exc, "steps": STEPS, "titles": TITLES, "rows": []}
        decided_by = decision.get("decided_by") or {}
        outcome = str(decision.get("outcome", "undetermined"))
        no_law = decision.get("coverage") == "none"
        rows.append({"labels": scenario.labels, "outcome": "no_rule" if no_law else outcome,
                     "outcome_labels": NO_LAW_LABELS if no_law else OUTCOME_LABELS.get(outcome,
                                                                                       OUTCOME_LABELS["undetermined"]),
                     "citation": decided_by.get("citation", ""), "ruleset": decision.get("ruleset", "")})
    return {"error": None, "steps": STEPS, "titles": TITLES, "rows": rows, "languages": LANGUAGES,
            "dont_ask": DONT_ASK, "dont_ask_link": DONT_ASK_LINK}
