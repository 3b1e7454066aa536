"""W3's reference: the national roll-up over the data `phaen synth` loaded, exported to CSV by
the w3_national benchmark, turned into Parquet (not timed) and asked of DuckDB (2 threads).
Prints one JSON line: rows, milliseconds of each timed run, median, and a checksum of the answer.

python3 w3_duckdb.py EXPORT_DIR YEAR [RUNS]"""

import json
import statistics
import sys
import time

import duckdb

folder, year = sys.argv[1], int(sys.argv[2])
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
con = duckdb.connect()
con.execute("SET threads = 2")
for name in ("links", "vals"):
    con.execute(
        f"COPY (SELECT * FROM read_csv_auto('{folder}/{name}.csv', header = true)) "
        f"TO '{folder}/{name}.parquet' (FORMAT parquet)"
    )
QUERY = f"""
WITH latest AS (
    SELECT kpi_id, arg_max(CAST(value AS DOUBLE), period) AS actual
    FROM '{folder}/vals.parquet' WHERE year = {year} GROUP BY kpi_id)
SELECT l.indicator, l.province, count(DISTINCT l.org) AS orgs, count(*) AS kpis,
       avg(least(x.actual / nullif(CAST(l.target AS DOUBLE), 0), 1.0)) AS achievement
FROM '{folder}/links.parquet' l LEFT JOIN latest x ON x.kpi_id = l.kpi_id
WHERE l.year = {year}
GROUP BY l.indicator, l.province
"""
times = []
rows = []
for i in range(runs + 1):
    t = time.perf_counter()
    rows = con.execute(QUERY).fetchall()
    if i > 0:
        times.append((time.perf_counter() - t) * 1000)
checksum = [len(rows), sum(r[2] for r in rows), sum(r[3] for r in rows),
            round(sum(r[4] or 0 for r in rows), 6)]
print(json.dumps({"rows": len(rows), "ms": [round(x, 2) for x in times],
                  "median_ms": round(statistics.median(times), 2), "checksum": checksum,
                  "duckdb": duckdb.__version__}))
