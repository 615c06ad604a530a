#!/usr/bin/env python3
"""The full district summary in DuckDB, from the records `results-bench generate --bin` wrote: the
same figures the results engine computes (respondents; every item's answers by value; each scale's
scored respondents, mean, sum of squares and levels; the Connectedness index) for the district, every
school and every value of each grouping attribute. Prints the median time and checks the figures
against the engine's (`results-bench measure --figures`).

    python3 duckdb_summary.py RECORDS.bin [ENGINE_FIGURES.json] [repetitions]
"""
import json
import statistics
import sys
import time

import duckdb
import numpy as np

ITEMS = 20
SCALES = {"safe": [0, 1, 2], "seen": [3, 4, 5], "heard": [6, 7, 8], "supported": [9, 10, 11], "significant": [12, 13, 14], "caredFor": [15, 16, 17]}
TOTAL = [i for items in SCALES.values() for i in items]

record = np.dtype([("school", "<u2"), ("grade", "u1"), ("room", "<u2"), ("sex", "u1"), ("language", "u1"), ("a", "u1", (ITEMS,))])
path = sys.argv[1]
figures_path = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "-" else None
repetitions = int(sys.argv[3]) if len(sys.argv) > 3 else 5
data = np.fromfile(path, dtype=record)
columns = {"school": data["school"].astype(np.int16), "grade": data["grade"], "room": data["room"].astype(np.int16),
           "sex": data["sex"], "language": data["language"]}
for i in range(ITEMS):
    columns[f"q{i}"] = data["a"][:, i]
con = duckdb.connect()
con.execute("SET threads TO 2")
con.register("frame", __import__("pandas").DataFrame(columns))
con.execute("CREATE TABLE responses AS SELECT * FROM frame")
con.unregister("frame")


def scale_expressions(name, items):
    answered = " + ".join(f"(q{i} > 0)::INT" for i in items)
    total = " + ".join(f"q{i}" for i in items)
    need = (2 * len(items) + 2) // 3
    return f"CASE WHEN ({answered}) >= {need} THEN ({total})::DOUBLE / ({answered}) END AS s_{name}"


scored = ", ".join([scale_expressions(name, items) for name, items in SCALES.items()] + [scale_expressions("total", TOTAL)])
aggregates = ["COUNT(*) AS n"]
for i in range(ITEMS):
    for value in range(0, 6):
        aggregates.append(f"SUM((q{i} = {value})::INT) AS q{i}_{value}")
for name in list(SCALES) + ["total"]:
    s = f"s_{name}"
    aggregates += [f"COUNT({s}) AS {s}_n", f"SUM({s}) AS {s}_sum", f"SUM({s} * {s}) AS {s}_squares", f"SUM(({s} >= 4)::INT) AS {s}_high",
                   f"SUM(({s} >= 3 AND {s} < 4)::INT) AS {s}_moderate", f"SUM(({s} < 3)::INT) AS {s}_low"]
query = f"""
SELECT school, sex, language, GROUPING(school, sex, language) AS g, {', '.join(aggregates)}
FROM (SELECT *, {scored} FROM responses)
GROUP BY GROUPING SETS ((school), (sex), (language), ())
"""

times = []
result = None
for _ in range(repetitions):
    start = time.perf_counter()
    result = con.execute(query).fetchall()
    times.append((time.perf_counter() - start) * 1000)
names = [d[0] for d in con.description]
rows = [dict(zip(names, row)) for row in result]
report = {"duckdbMilliseconds": statistics.median(times), "responses": int(len(data)), "groups": len(rows)}

if figures_path:
    engine = json.load(open(figures_path))
    mismatches = 0
    by_school = {r["school"]: r for r in rows if r["school"] is not None}
    for index, school in enumerate(engine["schools"]):
        row = by_school.get(index)
        counts = school["counts"]
        if row is None or row["n"] != school["n"] or row["s_total_high"] != school["index"]:
            mismatches += 1
            continue
        for i in range(ITEMS):
            for value in range(6):
                if row[f"q{i}_{value}"] != counts[i * 6 + value]:
                    mismatches += 1
    by_sex = {r["sex"]: r for r in rows if r["sex"] is not None}
    for index, sex in enumerate(engine["sex"]):
        row = by_sex.get(index)
        if (row["n"] if row else 0) != sex["n"]:
            mismatches += 1
    report["sameFigures"] = mismatches == 0
    report["mismatches"] = mismatches
print(json.dumps(report, sort_keys=True))
