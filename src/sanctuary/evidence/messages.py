"""Every string of the evidence pages in English, Spanish and French (reviewed here until the project's Babel
catalogues land; then these move into them). ``MESSAGES[lang][key]``; the test checks every key exists in all
three languages. The estimates' notes are data, written in English, and marked as such on the pages."""

from __future__ import annotations

LANGS = ("en", "es", "fr")

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "title": "Do sanctuary policies work? The evidence",
        "intro": "Policy dates from the atlas, open outcome data and standard estimators, each estimate next to "
                 "what the published studies found. Every number below is recomputed by one command.",
        "reproduce": "Reproduce every number",
        "csv": "Download every estimate (CSV)",
        "languages": "Languages",
        "estimates": "Estimates",
        "col_id": "Identifier",
        "col_outcome": "Outcome",
        "col_estimator": "Estimator",
        "col_estimate": "Estimate",
        "col_ci": "95% interval",
        "col_p": "p-value",
        "col_treated": "Treated units",
        "col_pre": "Pre-trend test p",
        "col_flags": "Warnings",
        "col_studies": "Published studies",
        "col_figure": "Their figure",
        "col_overlap": "Intervals overlap?",
        "yes": "yes", "no": "no", "not_stated": "not stated",
        "none": "none",
        "notes_en": "Notes (in English)",
        "event_title": "Event study: {outcome}",
        "event_desc": "Coefficient and 95% interval for each year relative to adoption; hollow circles before "
                      "adoption, filled squares after; the year before adoption is the reference (zero).",
        "event_x": "years since adoption",
        "event_y": "effect (log points)",
        "event_table": "Event-study coefficients (table equivalent of the chart)",
        "col_k": "Year relative to adoption",
        "col_coef": "Coefficient",
        "col_low": "Low",
        "col_high": "High",
        "synth_title": "California and its synthetic control: {outcome}",
        "synth_desc": "Solid line: California; dashed line: the weighted mix of states without a limiting law; "
                      "the dotted vertical line marks SB 54 (2018).",
        "synth_table": "California and its synthetic control (table equivalent of the chart)",
        "col_year": "Year",
        "col_actual": "California",
        "col_synthetic": "Synthetic California",
        "col_gap": "Gap",
        "california": "California",
        "synthetic": "Synthetic",
        "cannot_tell": "What these data cannot tell",
        "quality": "Data quality: FBI county agencies matched to counties",
        "col_item": "Item", "col_count": "Count", "col_explanation": "Explanation",
        "unmatched": "Rows not matched, and why",
        "col_state": "State", "col_agency": "Agency", "col_reason": "Reason",
        "npr": "Did the listed jails decline detainers around the listed dates? (NPR, ICE records)",
        "col_county": "County", "col_listed": "Listed year", "col_first": "First year with declines",
        "col_declined": "Detainers declined", "col_verdict": "Verdict",
        "deportations": "Deportations",
        "deport_text": "Not recomputed here: the county-level removal data are not public. Hausman (2020), as "
                       "published:",
        "flags_title": "What the warnings mean",
        "flag_few_treated_units": "fewer than 10 treated units: the interval cannot be trusted",
        "flag_refused": "refused as evidence: one treated unit with regression errors (the trap)",
        "flag_pre_trend": "the groups already diverged before adoption (joint pre-period test rejects at 5%)",
        "flag_no_pre_trend_test": "no pre-period test possible",
        "flag_poor_pre_fit": "the synthetic control does not track California well before 2018",
        "flag_not_recomputed": "published figure, not recomputed",
        "q_crime": "Did county detainer policies (ICE's 2014 list) change recorded crime?",
        "q_sb54": "Did California's Values Act (SB 54, 2018) change recorded crime in California?",
        "q_deport": "Did sanctuary policies reduce deportations?",
        "q_dates": "Did the listed jails start declining ICE detainers around the listed dates?",
        "ct_0": "Table 10 counts offences known to sheriffs' offices and county police: unincorporated areas, not "
                "whole counties; city police are not in it.",
        "ct_1": "Offences known to police mix crime and reporting: more willingness to call the police can raise "
                "recorded crime while actual crime falls.",
        "ct_2": "Most policies date from 2014 and were adopted together, so any other change of 2014 in the same "
                "counties is mixed in.",
        "ct_3": "The county-level removal records are not public: no deportation estimate is computed here.",
        "ct_4": "One state cannot be compared by regression; the synthetic control for California is one case "
                "study, and 2020-2022 are left out (pandemic; the FBI's switch to NIBRS).",
        "missing": "The evidence has not been built yet. Run: sanctuary evidence build",
    },
    "es": {
        "title": "¿Funcionan las políticas santuario? La evidencia",
        "intro": "Fechas de las políticas tomadas del atlas, datos abiertos de resultados y estimadores estándar; "
                 "cada estimación junto a lo que hallaron los estudios publicados. Un solo comando recalcula "
                 "todas las cifras.",
        "reproduce": "Reproducir todas las cifras",
        "csv": "Descargar todas las estimaciones (CSV)",
        "languages": "Idiomas",
        "estimates": "Estimaciones",
        "col_id": "Identificador",
        "col_outcome": "Resultado medido",
        "col_estimator": "Estimador",
        "col_estimate": "Estimación",
        "col_ci": "Intervalo del 95 %",
        "col_p": "Valor p",
        "col_treated": "Unidades tratadas",
        "col_pre": "Prueba de tendencias previas (p)",
        "col_flags": "Advertencias",
        "col_studies": "Estudios publicados",
        "col_figure": "Su cifra",
        "col_overlap": "¿Se solapan los intervalos?",
        "yes": "sí", "no": "no", "not_stated": "no consta",
        "none": "ninguna",
        "notes_en": "Notas (en inglés)",
        "event_title": "Estudio de eventos: {outcome}",
        "event_desc": "Coeficiente e intervalo del 95 % para cada año respecto a la adopción; círculos huecos "
                      "antes, cuadrados rellenos después; el año anterior a la adopción es la referencia (cero).",
        "event_x": "años desde la adopción",
        "event_y": "efecto (puntos logarítmicos)",
        "event_table": "Coeficientes del estudio de eventos (tabla equivalente al gráfico)",
        "col_k": "Año respecto a la adopción",
        "col_coef": "Coeficiente",
        "col_low": "Mínimo",
        "col_high": "Máximo",
        "synth_title": "California y su control sintético: {outcome}",
        "synth_desc": "Línea continua: California; línea discontinua: la mezcla ponderada de estados sin ley "
                      "limitante; la línea vertical punteada marca la SB 54 (2018).",
        "synth_table": "California y su control sintético (tabla equivalente al gráfico)",
        "col_year": "Año",
        "col_actual": "California",
        "col_synthetic": "California sintética",
        "col_gap": "Diferencia",
        "california": "California",
        "synthetic": "Sintética",
        "cannot_tell": "Lo que estos datos no pueden decir",
        "quality": "Calidad de los datos: agencias de condado del FBI asignadas a condados",
        "col_item": "Concepto", "col_count": "Cantidad", "col_explanation": "Explicación",
        "unmatched": "Filas sin asignar y por qué",
        "col_state": "Estado", "col_agency": "Agencia", "col_reason": "Motivo",
        "npr": "¿Rechazaron las cárceles listadas las órdenes de retención en las fechas indicadas? (NPR, "
               "registros de ICE)",
        "col_county": "Condado", "col_listed": "Año listado", "col_first": "Primer año con rechazos",
        "col_declined": "Órdenes rechazadas", "col_verdict": "Veredicto",
        "deportations": "Deportaciones",
        "deport_text": "No se recalcula aquí: los datos de expulsiones por condado no son públicos. Hausman "
                       "(2020), tal como se publicó:",
        "flags_title": "Qué significan las advertencias",
        "flag_few_treated_units": "menos de 10 unidades tratadas: el intervalo no es fiable",
        "flag_refused": "rechazada como evidencia: una sola unidad tratada con errores de regresión (la trampa)",
        "flag_pre_trend": "los grupos ya divergían antes de la adopción (la prueba conjunta rechaza al 5 %)",
        "flag_no_pre_trend_test": "no es posible probar el periodo previo",
        "flag_poor_pre_fit": "el control sintético no sigue bien a California antes de 2018",
        "flag_not_recomputed": "cifra publicada, no recalculada",
        "q_crime": "¿Cambiaron el delito registrado las políticas de condado sobre órdenes de retención (lista "
                   "de ICE de 2014)?",
        "q_sb54": "¿Cambió la Ley de Valores de California (SB 54, 2018) el delito registrado en California?",
        "q_deport": "¿Redujeron las deportaciones las políticas santuario?",
        "q_dates": "¿Empezaron las cárceles listadas a rechazar órdenes de ICE en las fechas indicadas?",
        "ct_0": "La Tabla 10 cuenta delitos conocidos por las oficinas del sheriff y la policía de condado: zonas "
                "no incorporadas, no condados enteros; la policía municipal no figura.",
        "ct_1": "Los delitos conocidos por la policía mezclan delito y denuncia: más disposición a llamar a la "
                "policía puede aumentar el delito registrado aunque el real baje.",
        "ct_2": "La mayoría de las políticas son de 2014 y se adoptaron a la vez: cualquier otro cambio de 2014 "
                "en esos condados queda mezclado.",
        "ct_3": "Los registros de expulsiones por condado no son públicos: aquí no se calcula ninguna "
                "estimación de deportaciones.",
        "ct_4": "Un solo estado no puede compararse por regresión; el control sintético de California es un "
                "estudio de caso, y se excluyen 2020-2022 (pandemia; cambio del FBI a NIBRS).",
        "missing": "La evidencia aún no se ha generado. Ejecute: sanctuary evidence build",
    },
    "fr": {
        "title": "Les politiques sanctuaires fonctionnent-elles ? Les données probantes",
        "intro": "Dates des politiques issues de l'atlas, données ouvertes de résultats et estimateurs "
                 "courants ; chaque estimation à côté de ce qu'ont trouvé les études publiées. Une seule commande "
                 "recalcule tous les chiffres.",
        "reproduce": "Reproduire tous les chiffres",
        "csv": "Télécharger toutes les estimations (CSV)",
        "languages": "Langues",
        "estimates": "Estimations",
        "col_id": "Identifiant",
        "col_outcome": "Résultat mesuré",
        "col_estimator": "Estimateur",
        "col_estimate": "Estimation",
        "col_ci": "Intervalle à 95 %",
        "col_p": "Valeur p",
        "col_treated": "Unités traitées",
        "col_pre": "Test des tendances antérieures (p)",
        "col_flags": "Avertissements",
        "col_studies": "Études publiées",
        "col_figure": "Leur chiffre",
        "col_overlap": "Les intervalles se recoupent-ils ?",
        "yes": "oui", "no": "non", "not_stated": "non indiqué",
        "none": "aucun",
        "notes_en": "Notes (en anglais)",
        "event_title": "Étude d'événement : {outcome}",
        "event_desc": "Coefficient et intervalle à 95 % pour chaque année par rapport à l'adoption ; cercles "
                      "vides avant, carrés pleins après ; l'année précédant l'adoption sert de référence (zéro).",
        "event_x": "années depuis l'adoption",
        "event_y": "effet (points logarithmiques)",
        "event_table": "Coefficients de l'étude d'événement (tableau équivalent au graphique)",
        "col_k": "Année par rapport à l'adoption",
        "col_coef": "Coefficient",
        "col_low": "Borne basse",
        "col_high": "Borne haute",
        "synth_title": "La Californie et son contrôle synthétique : {outcome}",
        "synth_desc": "Trait plein : la Californie ; tirets : le mélange pondéré d'États sans loi restrictive ; "
                      "la ligne verticale pointillée marque la SB 54 (2018).",
        "synth_table": "La Californie et son contrôle synthétique (tableau équivalent au graphique)",
        "col_year": "Année",
        "col_actual": "Californie",
        "col_synthetic": "Californie synthétique",
        "col_gap": "Écart",
        "california": "Californie",
        "synthetic": "Synthétique",
        "cannot_tell": "Ce que ces données ne peuvent pas dire",
        "quality": "Qualité des données : agences de comté du FBI rattachées aux comtés",
        "col_item": "Élément", "col_count": "Nombre", "col_explanation": "Explication",
        "unmatched": "Lignes non rattachées, et pourquoi",
        "col_state": "État", "col_agency": "Agence", "col_reason": "Motif",
        "npr": "Les prisons listées ont-elles refusé des demandes de détention aux dates indiquées ? (NPR, "
               "dossiers de l'ICE)",
        "col_county": "Comté", "col_listed": "Année listée", "col_first": "Première année de refus",
        "col_declined": "Demandes refusées", "col_verdict": "Verdict",
        "deportations": "Expulsions",
        "deport_text": "Non recalculé ici : les données d'expulsions par comté ne sont pas publiques. Hausman "
                       "(2020), tel que publié :",
        "flags_title": "Ce que signifient les avertissements",
        "flag_few_treated_units": "moins de 10 unités traitées : l'intervalle n'est pas fiable",
        "flag_refused": "refusée comme preuve : une seule unité traitée avec des erreurs de régression (le piège)",
        "flag_pre_trend": "les groupes divergeaient déjà avant l'adoption (le test conjoint rejette à 5 %)",
        "flag_no_pre_trend_test": "aucun test de la période antérieure possible",
        "flag_poor_pre_fit": "le contrôle synthétique suit mal la Californie avant 2018",
        "flag_not_recomputed": "chiffre publié, non recalculé",
        "q_crime": "Les politiques de comté sur les demandes de détention (liste de l'ICE de 2014) ont-elles "
                   "changé la criminalité enregistrée ?",
        "q_sb54": "La loi californienne sur les valeurs (SB 54, 2018) a-t-elle changé la criminalité enregistrée "
                  "en Californie ?",
        "q_deport": "Les politiques sanctuaires ont-elles réduit les expulsions ?",
        "q_dates": "Les prisons listées ont-elles commencé à refuser les demandes de l'ICE aux dates indiquées ?",
        "ct_0": "Le tableau 10 compte les infractions connues des bureaux du shérif et des polices de comté : "
                "zones non incorporées, pas des comtés entiers ; les polices municipales n'y figurent pas.",
        "ct_1": "Les infractions connues de la police mêlent criminalité et signalement : une plus grande "
                "disposition à appeler la police peut augmenter la criminalité enregistrée alors que la "
                "criminalité réelle baisse.",
        "ct_2": "La plupart des politiques datent de 2014 et ont été adoptées ensemble : tout autre changement "
                "de 2014 dans ces comtés s'y mêle.",
        "ct_3": "Les dossiers d'expulsion par comté ne sont pas publics : aucune estimation des expulsions "
                "n'est calculée ici.",
        "ct_4": "Un seul État ne peut être comparé par régression ; le contrôle synthétique de la Californie est "
                "une étude de cas, et 2020-2022 sont exclues (pandémie ; passage du FBI à NIBRS).",
        "missing": "Les données probantes ne sont pas encore générées. Lancez : sanctuary evidence build",
    },
}

QUESTION_KEYS = {
    "Did county detainer policies (ICE's 2014 list) change recorded crime?": "q_crime",
    "Did California's Values Act (SB 54, 2018) change recorded crime in California?": "q_sb54",
    "Did sanctuary policies reduce deportations?": "q_deport",
    "Did the listed jails start declining ICE detainers around the listed dates?": "q_dates",
}


def lang_of(value: str | None) -> str:
    return value if value in LANGS else "en"


def t(lang: str, key: str, **kw: str) -> str:
    text = MESSAGES[lang_of(lang)][key]
    return text.format(**kw) if kw else text

# The stored English labels of outcomes and estimators, translated for the pages.
LABELS: dict[str, dict[str, str]] = {
    "log(1 + violent + property offences)": {"es": "log(1 + delitos violentos + contra la propiedad)",
                                             "fr": "log(1 + infractions violentes + contre les biens)"},
    "log(1 + violent offences)": {"es": "log(1 + delitos violentos)", "fr": "log(1 + infractions violentes)"},
    "log(1 + property offences)": {"es": "log(1 + delitos contra la propiedad)",
                                   "fr": "log(1 + infractions contre les biens)"},
    "violent offences per 100,000 county residents (2010-2016)": {
        "es": "delitos violentos por 100.000 residentes del condado (2010-2016)",
        "fr": "infractions violentes pour 100 000 habitants du comté (2010-2016)"},
    "log violent crimes per 100,000 (state)": {"es": "log de delitos violentos por 100.000 (estado)",
                                               "fr": "log des crimes violents pour 100 000 (État)"},
    "log property crimes per 100,000 (state)": {"es": "log de delitos contra la propiedad por 100.000 (estado)",
                                                "fr": "log des crimes contre les biens pour 100 000 (État)"},
    "deportations (ICE removals)": {"es": "deportaciones (expulsiones de ICE)",
                                    "fr": "expulsions (renvois de l'ICE)"},
    "share of listed counties whose jails first declined a detainer within a year of the listed date": {
        "es": "proporción de condados listados cuyas cárceles rechazaron por primera vez una orden a menos de un "
              "año de la fecha listada",
        "fr": "part des comtés listés dont les prisons ont refusé une première demande à moins d'un an de la "
              "date listée"},
    "two-way fixed effects, controls: all never-listed counties": {
        "es": "efectos fijos dobles; control: todos los condados nunca listados",
        "fr": "effets fixes doubles ; témoins : tous les comtés jamais listés"},
    "two-way fixed effects, controls: all never-listed counties (footnoted rows left out)": {
        "es": "efectos fijos dobles; control: todos los condados nunca listados (sin las filas con nota al pie)",
        "fr": "effets fixes doubles ; témoins : tous les comtés jamais listés (sans les lignes annotées)"},
    "two-way fixed effects, controls: bordering never-listed counties": {
        "es": "efectos fijos dobles; control: condados vecinos nunca listados",
        "fr": "effets fixes doubles ; témoins : comtés limitrophes jamais listés"},
    "Gardner two-stage DiD (did2s), controls: all never-listed counties": {
        "es": "diferencias en diferencias en dos etapas de Gardner (did2s); control: todos los condados nunca "
              "listados",
        "fr": "doubles différences en deux étapes de Gardner (did2s) ; témoins : tous les comtés jamais listés"},
    "Gardner two-stage DiD (did2s), controls: bordering never-listed counties": {
        "es": "diferencias en diferencias en dos etapas de Gardner (did2s); control: condados vecinos nunca "
              "listados",
        "fr": "doubles différences en deux étapes de Gardner (did2s) ; témoins : comtés limitrophes jamais "
              "listés"},
    "synthetic control, placebo-in-space inference": {
        "es": "control sintético, inferencia por placebos en el espacio",
        "fr": "contrôle synthétique, inférence par placebos dans l'espace"},
    "two-way fixed effects, one treated state (the trap)": {
        "es": "efectos fijos dobles, un solo estado tratado (la trampa)",
        "fr": "effets fixes doubles, un seul État traité (le piège)"},
    "published (Hausman 2020)": {"es": "publicado (Hausman 2020)", "fr": "publié (Hausman 2020)"},
    "descriptive (Wilson interval)": {"es": "descriptivo (intervalo de Wilson)", "fr": "descriptif (intervalle de "
                                                                                       "Wilson)"},
    "consistent": {"es": "coherente", "fr": "cohérent"},
    "earlier": {"es": "antes", "fr": "plus tôt"},
    "later": {"es": "después", "fr": "plus tard"},
    "no declines recorded": {"es": "sin rechazos registrados", "fr": "aucun refus enregistré"},
}


def label(lang: str, text: str) -> str:
    """A stored English label in ``lang`` (English, or the text itself when no translation is listed)."""
    if lang_of(lang) == "en":
        return text
    return LABELS.get(text, {}).get(lang_of(lang), text)
