"""The report's headings and labels in English, Spanish and French (reviewed here, in one place).

Only the form's own words are translated: the names of laws, the counts' labels (the statute's wording) and
the certification texts stay in English, the language the recipients file them in. Babel is not a dependency
of this branch; when the pages' Babel catalogue lands these can move into it unchanged.
"""

from __future__ import annotations

LANGUAGES = ("en", "es", "fr")

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "period": "Reporting period",
        "jurisdiction": "Jurisdiction",
        "recipient": "Filed with",
        "deadline": "Deadline",
        "due": "Due",
        "legal_basis": "Legal basis",
        "counts": "Counts",
        "count": "Count",
        "item": "Item",
        "citation": "Citation",
        "confidence": "Confidence",
        "certifications": "Certifications",
        "notes": "Notes",
        "no_names": "No names or identifying information are included.",
        "not_verified": "Some of this report's fields could not be verified in the law's text; see the notes.",
        "source": "Computed from the signed audit log checkpoint",
        "log_size": "Log size",
        "root_hash": "Root hash",
        "key_id": "Signing key",
        "verify": "Anyone holding the log can check this report with: sanctuary report verify FILE",
        "certified_by": "Certified by",
        "title": "Title",
        "date": "Date",
        "prepared": "Prepared",
        "details": "Details",
        "none": "none",
    },
    "es": {
        "period": "Período del informe",
        "jurisdiction": "Jurisdicción",
        "recipient": "Se presenta ante",
        "deadline": "Plazo",
        "due": "Vence",
        "legal_basis": "Fundamento legal",
        "counts": "Cifras",
        "count": "Cifra",
        "item": "Concepto",
        "citation": "Cita",
        "confidence": "Confianza",
        "certifications": "Certificaciones",
        "notes": "Notas",
        "no_names": "No se incluyen nombres ni datos que identifiquen a una persona.",
        "not_verified": "Algunos campos de este informe no se pudieron verificar en el texto de la ley; véanse las "
        "notas.",
        "source": "Calculado a partir del punto de control firmado del registro de auditoría",
        "log_size": "Tamaño del registro",
        "root_hash": "Hash raíz",
        "key_id": "Clave de firma",
        "verify": "Quien tenga el registro puede comprobar este informe con: sanctuary report verify ARCHIVO",
        "certified_by": "Certificado por",
        "title": "Cargo",
        "date": "Fecha",
        "prepared": "Preparado",
        "details": "Detalle",
        "none": "ninguno",
    },
    "fr": {
        "period": "Période du rapport",
        "jurisdiction": "Juridiction",
        "recipient": "Déposé auprès de",
        "deadline": "Échéance",
        "due": "À remettre le",
        "legal_basis": "Fondement juridique",
        "counts": "Chiffres",
        "count": "Nombre",
        "item": "Rubrique",
        "citation": "Référence",
        "confidence": "Degré de certitude",
        "certifications": "Attestations",
        "notes": "Notes",
        "no_names": "Aucun nom ni aucune donnée permettant d'identifier une personne n'y figure.",
        "not_verified": "Certains champs de ce rapport n'ont pas pu être vérifiés dans le texte de la loi ; voir "
        "les notes.",
        "source": "Calculé à partir du point de contrôle signé du journal d'audit",
        "log_size": "Taille du journal",
        "root_hash": "Hachage racine",
        "key_id": "Clé de signature",
        "verify": "Toute personne détenant le journal peut vérifier ce rapport : sanctuary report verify FICHIER",
        "certified_by": "Certifié par",
        "title": "Fonction",
        "date": "Date",
        "prepared": "Établi le",
        "details": "Détail",
        "none": "aucun",
    },
}


def labels(language: str) -> dict[str, str]:
    """The labels for ``language``; ValueError ``lang: ...`` for a language without a reviewed table."""
    if language not in _LABELS:
        raise ValueError(f"lang: one of {', '.join(LANGUAGES)}")
    return _LABELS[language]


def missing_keys() -> dict[str, set[str]]:
    """Keys a translation lacks compared with English (the tests keep this empty)."""
    english = set(_LABELS["en"])
    return {lang: english - set(table) for lang, table in _LABELS.items() if english - set(table)}
