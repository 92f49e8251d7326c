"""Guardrails: what an estimate may not be taken to mean, named as flags.

* ``few_treated_units``: fewer than ``MIN_TREATED`` treated clusters. Clustered standard errors need many
  treated clusters; with one treated state a "significant" estimate means nothing (Conley and Taber 2011;
  MacKinnon and Webb 2017).
* ``refused``: a regression design with a single treated cluster. Its interval is shown only as the trap it is.
* ``pre_trend``: the joint test that every pre-adoption event-study coefficient is zero rejects at 5 %: the
  groups were already drifting apart before adoption, so the parallel-trends assumption is in doubt.
* ``no_pre_trend_test``: no pre-period coefficients could be tested.
* ``poor_pre_fit``: a synthetic control whose pre-adoption fit misses by more than ``MAX_PRE_RMSPE`` (log points).
* ``not_recomputed``: a published figure shown as published.
"""

from __future__ import annotations

MIN_TREATED = 10
PRE_TREND_ALPHA = 0.05
MAX_PRE_RMSPE = 0.05


class DesignRefused(ValueError):
    """A design the guardrails refuse outright (raised by ``require_treated`` in strict mode)."""


def treated_flags(treated_clusters: int, regression: bool) -> list[str]:
    flags: list[str] = []
    if treated_clusters < MIN_TREATED:
        flags.append("few_treated_units")
        if regression and treated_clusters <= 1:
            flags.append("refused")
    return flags


def require_treated(treated_clusters: int, what: str) -> None:
    """Raise ``DesignRefused`` for a clustered regression with fewer than ``MIN_TREATED`` treated clusters."""
    if treated_clusters < MIN_TREATED:
        raise DesignRefused(f"{what}: {treated_clusters} treated cluster(s); at least {MIN_TREATED} are needed "
                            "for clustered standard errors to mean anything (use a synthetic control with "
                            "placebo inference for one treated unit)")


def pre_trend_flags(pre_p: float | None) -> list[str]:
    if pre_p is None:
        return ["no_pre_trend_test"]
    return ["pre_trend"] if pre_p < PRE_TREND_ALPHA else []


def fit_flags(pre_rmspe: float) -> list[str]:
    return ["poor_pre_fit"] if pre_rmspe > MAX_PRE_RMSPE else []


CANNOT_TELL = (
    "Table 10 counts offences known to sheriffs' offices and county police: unincorporated areas, not whole "
    "counties; city police (where most people live) are not in it.",
    "Offences known to police mix crime and reporting: a policy that makes immigrants more willing to call the "
    "police can raise recorded crime while actual crime falls (the reading Arellano-Bover and Biasi give).",
    "ICE's 2014 list dates policies to the month; most are sheriffs' decisions after the Miranda-Olivares ruling, "
    "adopted together, so any other change of 2014 in the same counties is mixed in.",
    "The county-level removal (deportation) records Hausman used are not public: no deportation estimate here.",
    "One state (California) cannot be compared by regression; its synthetic control is one case study, and "
    "2020-2022 (pandemic, the FBI's switch to NIBRS) are left out.",
)
