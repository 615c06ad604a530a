#!/usr/bin/env python3
"""Expected values for StatisticsTests.swift, from independent implementations (scipy, statsmodels,
numpy) on data this script makes and stores beside them. Run it again only to add cases:
    pip install scipy statsmodels && python3 make_expected.py > expected.json
"""
import json

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

rng = np.random.default_rng(20261129)


out = {"quantiles": [], "wilson": [], "means": [], "newcombe": [], "welch": [], "alpha": []}

for p, df in [(0.975, 1), (0.975, 2), (0.975, 3), (0.975, 4), (0.975, 9), (0.975, 29), (0.975, 120.5), (0.975, 1999), (0.995, 7), (0.6, 12)]:
    out["quantiles"].append({"kind": "t", "p": p, "df": df, "value": float(stats.t.ppf(p, df))})
for p, df1, df2 in [(0.975, 9, 18), (0.025, 9, 18), (0.975, 99, 594), (0.025, 99, 594), (0.975, 1999, 3998), (0.025, 1999, 3998), (0.5, 3, 7)]:
    out["quantiles"].append({"kind": "F", "p": p, "df1": df1, "df2": df2, "value": float(stats.f.ppf(p, df1, df2))})

for count, n in [(0, 10), (10, 10), (1, 10), (7, 12), (412, 600), (1, 1), (35, 1234), (5, 11)]:
    low, high = proportion_confint(count, n, alpha=0.05, method="wilson")
    out["wilson"].append({"count": count, "n": n, "lower": float(low), "upper": float(high)})

for n, centre in [(2, 3.0), (5, 3.4), (12, 4.1), (250, 3.7), (2000, 2.9)]:
    values = [float(v) for v in rng.normal(centre, 0.8, n)]
    low, high = stats.t.interval(0.95, n - 1, loc=np.mean(values), scale=stats.sem(values))
    out["means"].append({"values": values, "mean": float(np.mean(values)), "sd": float(np.std(values, ddof=1)),
                         "lower": float(low), "upper": float(high)})

for c1, n1, c2, n2 in [(40, 100, 55, 100), (300, 600, 310, 620), (3, 12, 11, 12), (0, 15, 4, 20), (20, 20, 18, 20), (512, 1024, 560, 1100)]:
    # statsmodels compares the first with the second: pass later first for later − earlier.
    low, high = confint_proportions_2indep(c2, n2, c1, n1, method="newcomb", compare="diff", alpha=0.05)
    p1, p2 = c1 / n1, c2 / n2
    h = 2 * np.arcsin(np.sqrt(p2)) - 2 * np.arcsin(np.sqrt(p1))
    out["newcombe"].append({"earlier": [c1, n1], "later": [c2, n2], "lower": float(low), "upper": float(high), "h": float(h)})

for n1, m1, n2, m2, s2 in [(30, 3.5, 40, 3.8, 0.6), (8, 3.0, 25, 3.1, 1.3), (500, 3.9, 480, 3.85, 0.9), (3, 2.0, 4, 4.0, 0.4)]:
    earlier = [float(v) for v in rng.normal(m1, 0.8, n1)]
    later = [float(v) for v in rng.normal(m2, s2, n2)]
    ci = stats.ttest_ind(later, earlier, equal_var=False).confidence_interval(0.95)
    v1, v2 = np.var(earlier, ddof=1), np.var(later, ddof=1)
    pooled = np.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2))
    out["welch"].append({"earlier": earlier, "later": later, "lower": float(ci.low), "upper": float(ci.high),
                         "d": float((np.mean(later) - np.mean(earlier)) / pooled)})

for n, k, strength in [(40, 3, 0.8), (200, 3, 0.3), (25, 6, 1.0), (1000, 2, 0.6), (12, 4, 0.05)]:
    traits = rng.normal(3.2, strength, n)
    rows = [[int(v) for v in np.clip(np.rint(t + rng.normal(0, 0.8, k)), 1, 5)] for t in traits]
    data = np.array(rows, dtype=float)
    cov = np.cov(data, rowvar=False)
    raw = k / (k - 1) * (1 - np.trace(cov) / cov.sum())
    corr = np.corrcoef(data, rowvar=False)
    standardized = k / (k - 1) * (1 - k / corr.sum())
    df1, df2 = n - 1, (n - 1) * (k - 1)
    lower = 1 - (1 - raw) * stats.f.ppf(0.975, df1, df2)
    upper = 1 - (1 - raw) * stats.f.ppf(0.025, df1, df2)
    out["alpha"].append({"rows": rows, "raw": float(raw), "standardized": float(standardized), "lower": float(lower), "upper": float(upper)})

print(json.dumps(out, indent=1))
