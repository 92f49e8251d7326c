"""Which printout fits a request: the letter follows the paper that was served and the final decision in force.

A declination letter is never offered after the agency complied, and an I-9 notice of inspection (which an
employer answers by producing its forms within three business days) is never answered with a detainer letter.
The notice to the person says what was actually done, in words meant for the person, not for staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sanctuary.desk.lifecycle import COMPLYING
from sanctuary.desk.wording import N_

# The paper served -> the kind of letter that answers it, when the agency declines.
DECLINE_LETTERS: Final[dict[str, str]] = {
    "detainer": "decline_detainer",
    "admin_warrant": "decline_admin_warrant",
    "admin_subpoena": "decline_admin_subpoena",
    "notice_to_appear": "decline_informal",
    "none": "decline_informal",
}
LETTER_TITLES: Final[dict[str, str]] = {
    "decline_detainer": N_("Letter declining the immigration detainer"),
    "decline_admin_warrant": N_("Letter declining the administrative warrant"),
    "decline_admin_subpoena": N_("Letter declining the administrative subpoena without a court order"),
    "decline_informal": N_("Letter declining the request"),
    "acknowledge_inspection": N_("Acknowledgement of the I-9 notice of inspection"),
}

# What the person is told was done, by final decision, in each language the notice is printed in.
DONE_WORDS: Final[dict[str, dict[str, str]]] = {
    "declined": {
        "en": "We declined the request.",
        "es": "Rechazamos la solicitud.",
        "fr": "Nous avons refusé la demande.",
    },
    "complied": {
        "en": "We did what the request asked.",
        "es": "Hicimos lo que pedía la solicitud.",
        "fr": "Nous avons fait ce que la demande exigeait.",
    },
    "partially_complied": {
        "en": "We did part of what the request asked.",
        "es": "Hicimos una parte de lo que pedía la solicitud.",
        "fr": "Nous avons fait une partie de ce que la demande exigeait.",
    },
    "referred_to_counsel": {
        "en": "We sent the request to our lawyers; nothing has been done yet.",
        "es": "Enviamos la solicitud a nuestros abogados; todavía no se ha hecho nada.",
        "fr": "Nous avons transmis la demande à nos avocats; rien n'a encore été fait.",
    },
    "no_action_needed": {
        "en": "No action was needed, and none was taken.",
        "es": "No fue necesario hacer nada, y no se hizo nada.",
        "fr": "Aucune action n'était nécessaire, et aucune n'a été prise.",
    },
    "": {
        "en": "No final decision has been made yet. We will tell you when it is.",
        "es": "Todavía no se ha tomado una decisión final. Le avisaremos cuando se tome.",
        "fr": "Aucune décision finale n'a encore été prise. Nous vous en informerons.",
    },
}


@dataclass(frozen=True)
class LetterChoice:
    """The letter a request may print now, or why none fits (``kind`` is empty then)."""

    kind: str
    title: str
    draft: bool  # no final decision yet: printed as a draft for counsel to approve
    why_not: str = ""


def choose_letter(instrument_type: str, engine_outcome: str, final_outcome: str | None) -> LetterChoice:
    if instrument_type == "notice_of_inspection":
        return LetterChoice("acknowledge_inspection", LETTER_TITLES["acknowledge_inspection"],
                            draft=final_outcome is None)
    if final_outcome in COMPLYING:
        return LetterChoice("", "", False, N_("The final decision was to comply, so there is no letter declining "
                                              "it."))
    if final_outcome is not None and final_outcome != "declined":
        return LetterChoice("", "", False, N_("The final decision was not to decline, so there is no letter "
                                              "declining the request."))
    kind = DECLINE_LETTERS.get(instrument_type)
    if kind is None:
        return LetterChoice("", "", False, N_("This paper comes from a court: answer it through counsel, not "
                                              "with a letter from this desk."))
    if final_outcome is None and engine_outcome != "forbidden":
        return LetterChoice("", "", False, N_("The law as encoded does not forbid what was asked and no final "
                                              "decision declined it: ask counsel before sending anything."))
    return LetterChoice(kind, LETTER_TITLES[kind], draft=final_outcome is None)


def done_words(final_outcome: str | None) -> dict[str, str]:
    return DONE_WORDS.get(final_outcome or "", DONE_WORDS[""])


def recipient_locale(jurisdiction: str) -> str:
    """The language a letter is written in: the requesting agency's, not the clerk's page language. French for
    Québec (the Charter of the French language makes French the language of its public bodies' letters), English
    elsewhere (the United States and the rest of Canada)."""
    return "fr" if jurisdiction == "ca/qc" or jurisdiction.startswith("ca/qc/") else "en"
