"""The estimators, each a thin wrapper over a well-kept library (pyfixest; scipy for the synthetic control).

* ``twfe``: two-way fixed effects, ``y ~ treat | unit + year``, errors clustered by county (CRV1).
* ``event_study``: the same with one dummy per year relative to adoption (reference: the year before; never-
  treated units at the reference), and a joint Wald test that every pre-adoption coefficient is zero.
* ``did2s``: Gardner's two-stage estimator (robust to staggered adoption and heterogeneous effects): unit and
  year effects fitted on untreated observations only, then the residual regressed on treatment; with its own
  event study and pre-trend test. pyfixest corrects the second stage's errors for the first (clustered). One
  pyfixest fit per outcome (its variance correction costs ~2 GB and ~6 s here): the ATT is read off the event
  study (see ``_att_from_event_study``; same estimate as pyfixest's own ATT fit, interval width within 2 %).
* ``synth``: a synthetic control (Abadie, Diamond and Hainmueller) for one treated state: donor weights on the
  simplex fitted to the whole pre-adoption outcome path (V = identity; scipy's ``nnls``), with placebo-in-space
  inference: every donor in turn is treated as if it had adopted, giving the null distribution of post/pre
  RMSPE ratios (the p-value) and of post-period gaps (the interval, by test inversion under a constant
  additive effect). pysyncon (MIT) does the same but took about 1.5 s a fit here; 2 outcomes x 40 placebos
  would break the two-minute budget, so the dozen lines below are used instead (checked against pysyncon's
  ``Synth`` with the same fixed V on the SB 54 property series: the same six donors, weights within 0.05).
"""

from __future__ import annotations

import contextlib
import io
import math
import warnings
from dataclasses import dataclass, field
from typing import Any

CLUSTER = "fips"


@dataclass
class Fit:
    estimate: float
    ci: tuple[float, float]
    p: float
    n_obs: int
    treated_units: int
    control_units: int
    treated_clusters: int


@dataclass
class EventStudy:
    points: list[tuple[int, float, float, float]]  # (k, coef, low, high); k = -1 is the reference (0, 0, 0)
    pre_p: float | None  # joint test of every k <= -2 coefficient being zero
    pre_k: list[int] = field(default_factory=list)


@dataclass
class SynthResult:
    estimate: float  # mean post-period gap, treated minus synthetic
    ci: tuple[float, float]
    p: float  # share of units whose post/pre RMSPE ratio is at least the treated one's
    weights: dict[str, float]
    years: list[int]
    treated_path: list[float]
    synthetic_path: list[float]
    placebo_gaps: dict[str, list[float]]
    pre_rmspe: float
    donors: int


def _quiet() -> contextlib.ExitStack:
    stack = contextlib.ExitStack()
    stack.enter_context(warnings.catch_warnings())
    warnings.simplefilter("ignore")
    stack.enter_context(contextlib.redirect_stdout(io.StringIO()))
    return stack


def _counts(df: Any) -> tuple[int, int, int]:
    treated = df[df["g"] != 0]
    return (int(treated["unit"].nunique()), int(df[df["g"] == 0]["unit"].nunique()),
            int(treated[CLUSTER].nunique()))


def _clean(df: Any, y: str) -> Any:
    return df[df[y].notna()].copy()


def twfe(df: Any, y: str) -> Fit:
    import pyfixest as pf

    data = _clean(df, y)
    with _quiet():
        m = pf.feols(f"{y} ~ treat | unit + year", data, vcov={"CRV1": CLUSTER})
    ci = m.confint().loc["treat"]
    tu, cu, tc = _counts(data)
    return Fit(float(m.coef()["treat"]), (float(ci.iloc[0]), float(ci.iloc[1])), float(m.pvalue()["treat"]),
               int(m._N), tu, cu, tc)


def _binned(df: Any, window: tuple[int, int]) -> Any:
    lo, hi = window
    out = df.copy()
    rel = out["rel"].where(out["g"] != 0, -1)
    out["k"] = rel.clip(lower=lo, upper=hi).astype(int)
    return out


def _points(m: Any, prefix: str, window: tuple[int, int]) -> tuple[list[tuple[int, float, float, float]], list[str]]:
    coefs = m.coef()
    ci = m.confint()
    pts: list[tuple[int, float, float, float]] = []
    names: list[str] = []
    for k in range(window[0], window[1] + 1):
        name = f"{prefix}{k}"
        if k == -1 or name not in coefs.index:
            if k == -1:
                pts.append((k, 0.0, 0.0, 0.0))
            continue
        pts.append((k, float(coefs[name]), float(ci.loc[name].iloc[0]), float(ci.loc[name].iloc[1])))
        if k <= -2:
            names.append(name)
    return pts, names


def _joint(m: Any, names: list[str]) -> float | None:
    import numpy as np

    if not names:
        return None
    index = list(m.coef().index)
    r = np.zeros((len(names), len(index)))
    for i, n in enumerate(names):
        r[i, index.index(n)] = 1.0
    with _quiet():
        res = m.wald_test(R=r)
    p = float(res["pvalue"])
    return p if math.isfinite(p) else None


def event_study(df: Any, y: str, window: tuple[int, int] = (-6, 2)) -> EventStudy:
    import pyfixest as pf

    data = _binned(_clean(df, y), window)
    with _quiet():
        m = pf.feols(f"{y} ~ i(k, ref=-1) | unit + year", data, vcov={"CRV1": CLUSTER})
    pts, names = _points(m, "k::", window)
    return EventStudy(pts, _joint(m, names), [int(n.split("::")[1]) for n in names])


def did2s(df: Any, y: str, window: tuple[int, int] = (-6, 2)) -> tuple[Fit, EventStudy]:
    import pyfixest as pf

    data = _binned(_clean(df, y), window)
    # The first stage fits unit and year effects on untreated observations: a unit never seen untreated (an
    # agency first reporting after adoption) has no unit effect and is dropped, as in Gardner (2022).
    # A unit seen untreated only once is a first-stage singleton (fixest drops it), so two are required.
    untreated = data.loc[data["treat"] == 0, "unit"].value_counts()
    data = data[data["unit"].isin(set(untreated[untreated >= 2].index))].reset_index(drop=True)
    data["k_es"] = data["k"].where(data["g"] != 0, -1000)
    with _quiet():
        es = pf.did2s(data, yname=y, first_stage="~ 0 | unit + year", second_stage="~ i(k_es, ref=-1000)",
                      treatment="treat", cluster=CLUSTER)
    fit = _att_from_event_study(es, data, window)
    pts, names = _points(es, "k_es::", window)
    # Gardner's event study has no omitted year: its k = -1 is estimated too; test every pre-adoption year.
    coefs = es.coef()
    ci_es = es.confint()
    pts = [p for p in pts if p[0] != -1]
    if "k_es::-1" in coefs.index:
        pts.append((-1, float(coefs["k_es::-1"]), float(ci_es.loc["k_es::-1"].iloc[0]),
                    float(ci_es.loc["k_es::-1"].iloc[1])))
        names.append("k_es::-1")
    pts.sort()
    return fit, EventStudy(pts, _joint(es, names), [int(n.split("::")[1]) for n in names])


def _att_from_event_study(es: Any, data: Any, window: tuple[int, int]) -> Fit:
    """Gardner's ATT from his event study, without a second (costly) fit: with mutually exclusive dummies and no
    intercept, each post-adoption coefficient is the mean residual of the treated observations at that k, so the
    ATT (the mean over all treated observations) is their average weighted by the number of observations. Its
    standard error comes from pyfixest's own Wald test of that combination (F = estimate^2 / variance), so the
    first-stage correction and the county clustering carry over; the interval uses t with G - 1 degrees of
    freedom, as pyfixest's ``confint`` does for clustered errors."""
    import numpy as np
    from scipy import stats

    coefs = es.coef()
    index = list(coefs.index)
    treated_obs = data[data["treat"] == 1]
    counts = treated_obs["k"].value_counts()
    w = np.zeros(len(index))
    for k in range(0, window[1] + 1):
        name = f"k_es::{k}"
        if name in index:
            w[index.index(name)] = float(counts.get(k, 0))
    w = w / w.sum()
    estimate = float(w @ coefs.to_numpy())
    with _quiet():
        res = es.wald_test(R=w.reshape(1, -1))
    se = abs(estimate) / math.sqrt(float(res["statistic"])) if float(res["statistic"]) > 0 else math.inf
    g = int(data[CLUSTER].nunique())
    crit = float(stats.t.ppf(0.975, g - 1))
    tu, cu, tc = _counts(data)
    return Fit(estimate, (estimate - crit * se, estimate + crit * se), float(res["pvalue"]), len(data), tu,
               cu, tc)


def one_unit_twfe(df: Any, y: str, unit: str, year: int, cluster: str) -> Fit:
    """The naive design the guardrails exist for: one treated unit against all others, clustered errors."""
    import pyfixest as pf

    data = _clean(df, y).copy()
    data["treat"] = ((data[cluster] == unit) & (data["year"] >= year)).astype(int)
    with _quiet():
        m = pf.feols(f"{y} ~ treat | {cluster} + year", data, vcov={"CRV1": cluster})
    ci = m.confint().loc["treat"]
    controls = int(data[data[cluster] != unit][cluster].nunique())
    return Fit(float(m.coef()["treat"]), (float(ci.iloc[0]), float(ci.iloc[1])), float(m.pvalue()["treat"]),
               int(m._N), 1, controls, 1)


def simplex_weights(x1: Any, x0: Any) -> Any:
    """Weights w >= 0, sum(w) = 1, minimising ||x1 - x0 @ w||: non-negative least squares (scipy's ``nnls``) with
    the sum-to-one constraint as a heavily weighted extra row, then renormalised."""
    import numpy as np
    from scipy.optimize import nnls

    scale = float(np.abs(x0).max()) or 1.0
    big = 1000.0 * scale
    a = np.vstack([x0, np.full((1, x0.shape[1]), big)])
    b = np.concatenate([x1, [big]])
    w, _ = nnls(a, b, maxiter=50 * x0.shape[1])
    total = float(w.sum())
    return w / total if total > 0 else np.full(x0.shape[1], 1.0 / x0.shape[1])


def _synth_one(wide: Any, treated: str, donors: list[str], pre_idx: list[int]
               ) -> tuple[list[float], list[float], dict[str, float]]:
    x1 = wide[treated].to_numpy()
    x0 = wide[donors].to_numpy()
    w = simplex_weights(x1[pre_idx], x0[pre_idx])
    synthetic = x0 @ w
    weights = {d: float(v) for d, v in zip(donors, w, strict=True) if float(v) > 0.001}
    return [float(v) for v in x1], [float(v) for v in synthetic], weights


def synth(df: Any, y: str, unit_col: str, treated: str, donors: list[str], start: int,
          first_year: int, last_year: int) -> SynthResult:
    """Synthetic control for ``treated`` from ``start`` on, with placebo-in-space inference over ``donors``."""
    import numpy as np

    data = df[(df["year"] >= first_year) & (df["year"] <= last_year)]
    years = sorted(int(v) for v in data["year"].unique())
    post_idx = [i for i, yr in enumerate(years) if yr >= start]
    pre_idx = [i for i, yr in enumerate(years) if yr < start]

    def stats(path: list[float], synth_path: list[float]) -> tuple[float, float, list[float]]:
        gap = [a - b for a, b in zip(path, synth_path, strict=True)]
        pre_mspe = float(np.mean([gap[i] ** 2 for i in pre_idx]))
        post_mspe = float(np.mean([gap[i] ** 2 for i in post_idx]))
        return post_mspe / pre_mspe if pre_mspe > 0 else math.inf, float(np.mean([gap[i] for i in post_idx])), gap

    wide = data.pivot(index="year", columns=unit_col, values=y).sort_index()
    missing = [u for u in [treated, *donors] if u not in wide.columns or wide[u].isna().any()]
    if missing:
        raise ValueError(f"synthetic control: no complete {y} series {first_year}-{last_year} for {missing}")
    path, synthetic, weights = _synth_one(wide, treated, donors, pre_idx)
    ratio, effect, _gap = stats(path, synthetic)
    ratios = [ratio]
    placebo_effects: list[float] = []
    placebo_gaps: dict[str, list[float]] = {}
    for d in donors:
        others = [o for o in donors if o != d]
        p_path, p_syn, _ = _synth_one(wide, d, others, pre_idx)
        r, e, g = stats(p_path, p_syn)
        ratios.append(r)
        placebo_effects.append(e)
        placebo_gaps[d] = g
    p = sum(1 for r in ratios if r >= ratio) / len(ratios)
    lo_q, hi_q = (float(np.quantile(placebo_effects, q)) for q in (0.025, 0.975))
    pre_rmspe = math.sqrt(float(np.mean([(path[i] - synthetic[i]) ** 2 for i in pre_idx])))
    return SynthResult(effect, (effect - hi_q, effect - lo_q), p, weights, years, path, synthetic, placebo_gaps,
                       pre_rmspe, len(donors))
