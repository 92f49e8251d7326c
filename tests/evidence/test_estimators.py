"""Estimators on synthetic panels with a known effect, and with none; the one-treated-unit guardrail."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

pd = pytest.importorskip("pandas")
pytest.importorskip("pyfixest")

from sanctuary.evidence import estimators as est  # noqa: E402
from sanctuary.evidence import guardrails  # noqa: E402

EFFECT = 0.10


def panel(effect: float, seed: int = 7, treated: int = 60, units: int = 300, pre_trend: float = 0.0) -> Any:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(units):
        g = (2014 if i < treated * 2 // 3 else 2015) if i < treated else 0
        a = rng.normal(0, 1)
        for year in range(2006, 2017):
            d = int(g != 0 and year >= g)
            trend = pre_trend * (year - 2006) if g else 0.0
            y = a + 0.03 * (year - 2006) + effect * d + trend + rng.normal(0, 0.08)
            rows.append({"unit": f"u{i}", "fips": f"{i // 2:05d}", "year": year, "g": g, "treat": d, "y": y})
    df = pd.DataFrame(rows)
    df["rel"] = (df["year"] - df["g"]).where(df["g"] != 0, -1000)
    return df


@pytest.mark.slow
def test_known_effect_is_recovered_within_the_intervals() -> None:
    df = panel(EFFECT)
    fit = est.twfe(df, "y")
    assert fit.ci[0] <= EFFECT <= fit.ci[1]
    assert fit.ci[0] > 0  # and it is detected
    assert fit.treated_clusters == 30
    robust, es = est.did2s(df, "y")
    assert robust.ci[0] <= EFFECT <= robust.ci[1]
    post = [p for p in es.points if p[0] >= 0]
    assert post and all(lo <= EFFECT <= hi for _k, _c, lo, hi in post)
    twfe_es = est.event_study(df, "y")
    assert twfe_es.pre_p is not None and twfe_es.pre_p > guardrails.PRE_TREND_ALPHA
    assert guardrails.pre_trend_flags(twfe_es.pre_p) == []


@pytest.mark.slow
def test_no_effect_gives_intervals_around_zero() -> None:
    df = panel(0.0, seed=11)
    for fit in (est.twfe(df, "y"), est.did2s(df, "y")[0]):
        assert fit.ci[0] <= 0.0 <= fit.ci[1]
        assert abs(fit.estimate) < 0.03


@pytest.mark.slow
def test_pre_trend_is_flagged() -> None:
    df = panel(0.0, seed=3, pre_trend=0.02)
    es = est.event_study(df, "y")
    assert es.pre_p is not None and es.pre_p < 0.05
    assert "pre_trend" in guardrails.pre_trend_flags(es.pre_p)


@pytest.mark.slow
def test_one_treated_unit_is_flagged_and_refused() -> None:
    df = panel(0.0, seed=5)
    df = df.assign(state=df["fips"])
    fit = est.one_unit_twfe(df, "y", "00000", 2014, "state")
    assert fit.treated_clusters == 1
    flags = guardrails.treated_flags(fit.treated_clusters, regression=True)
    assert flags == ["few_treated_units", "refused"]
    with pytest.raises(guardrails.DesignRefused, match="1 treated cluster"):
        guardrails.require_treated(fit.treated_clusters, "one state against the rest")


def test_treated_thresholds() -> None:
    assert guardrails.treated_flags(9, regression=True) == ["few_treated_units"]
    assert guardrails.treated_flags(10, regression=True) == []
    assert guardrails.treated_flags(1, regression=False) == ["few_treated_units"]
    assert guardrails.pre_trend_flags(None) == ["no_pre_trend_test"]
    assert guardrails.fit_flags(0.2) == ["poor_pre_fit"] and guardrails.fit_flags(0.01) == []


def test_synthetic_control_recovers_a_known_gap() -> None:
    rng = np.random.default_rng(2)
    years = list(range(1990, 2020))
    donors = [f"S{i}" for i in range(12)]
    base = {d: 5 + rng.normal(0, 0.3) + np.cumsum(rng.normal(0, 0.03, len(years))) for d in donors}
    treated = 0.5 * base["S0"] + 0.3 * base["S1"] + 0.2 * base["S2"]
    treated = treated + np.array([0.2 if y >= 2018 else 0.0 for y in years])
    rows = [{"state": d, "year": y, "v": float(base[d][i])} for d in donors for i, y in enumerate(years)]
    rows += [{"state": "T", "year": y, "v": float(treated[i])} for i, y in enumerate(years)]
    r = est.synth(pd.DataFrame(rows), "v", "state", "T", donors, 2018, 1990, 2019)
    assert abs(r.estimate - 0.2) < 0.02
    assert r.ci[0] <= 0.2 <= r.ci[1]
    assert r.p == pytest.approx(1 / 13)  # the treated ratio is the largest of 13
    assert set(r.weights) <= {"S0", "S1", "S2"} and abs(r.weights["S0"] - 0.5) < 0.05


def test_simplex_weights_sum_to_one() -> None:
    x0 = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    w = est.simplex_weights(np.array([0.25, 0.75, 1.0]), x0)
    assert w.sum() == pytest.approx(1.0) and w[0] == pytest.approx(0.25, abs=1e-3)


@pytest.mark.slow
def test_did2s_att_from_the_event_study_matches_pyfixests_own_fit() -> None:
    import pyfixest as pf

    df = panel(EFFECT, seed=13)
    fit, _es = est.did2s(df, "y")
    data = est._binned(est._clean(df, "y"), (-6, 2))
    direct = pf.did2s(data, yname="y", first_stage="~ 0 | unit + year", second_stage="~ treat", treatment="treat",
                      cluster="fips")
    assert fit.estimate == pytest.approx(float(direct.coef()["treat"]), abs=1e-9)
    low, high = (float(v) for v in direct.confint().loc["treat"])
    assert (fit.ci[1] - fit.ci[0]) == pytest.approx(high - low, rel=0.02)
