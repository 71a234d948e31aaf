"""`make bench`: every suite in turn, then one report, bench/RESULTS.md.

A suite is this folder's run.py (people, regions, coverage, imports, volunteers) or any other bench/<name>.py
with a main(). Each runs in its own process at the quick size (under 15 minutes for all) or, with --city, at
the city's scale, and leaves its figures in .data/bench/<suite>.json; the report puts them side by side with
their baselines and says which goal of ARCHITECTURE.md each one meets.
"""

import json
import os
import platform
import subprocess
import sys
from datetime import datetime
from pathlib import Path

# Every figure the running suite reports (bench/run.py's report() and note()).
RECORDED = []

BENCH = Path(__file__).resolve().parent
OUT = BENCH.parent / ".data" / "bench"

# Arguments per suite: (quick, city). A suite not named here runs with its own defaults.
SIZES = {
    "people": (["--only", "people", "--people", "200000", "--runs", "100", "--import-rows", "20000"],
               ["--only", "people", "--people", "1000000", "--import-rows", "100000"]),
    "volunteers": (["--only", "volunteers", "--volunteers", "200000", "--runs", "100",
                    "--volunteer-import-rows", "20000"],
                   ["--only", "volunteers", "--volunteers", "1000000", "--volunteer-import-rows", "100000"]),
    "donations": (["--donations", "200000", "--runs", "100"], ["--donations", "1000000"]),
    "certificates": (["--runs", "100"], []),
    "imports": (["--rows", "20000", "--rss-rows", "100000"], ["--rows", "100000", "--rss-rows", "100000"]),
    "followups": (["--volunteers", "200000", "--visits", "20000", "--issues", "4000", "--runs", "100"], []),
}


def SUITES():
    found = ["people", "volunteers"]
    found += sorted(p.stem for p in BENCH.glob("*.py") if p.stem not in ("run", "results", "__init__")
                    and not p.stem.startswith("_") and "def main(" in p.read_text(encoding="utf-8"))
    return list(dict.fromkeys(found))


def save_suite(name, recorded):
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(recorded, ensure_ascii=False, indent=1), encoding="utf-8")


def goal_of(row):
    if row.get("goal") is not None:
        return row["goal"]
    name = row["name"].lower()
    if "public" in name or "lookup" in name or "verification" in name or "receipt" in name:
        return 3.0
    if name.startswith("api"):
        return 2.0
    return None


def machine():
    import psycopg

    try:
        with psycopg.connect(_database_url()) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]
    except Exception as error:  # the report still says what it could read
        version = f"unknown ({error.__class__.__name__})"
    memory = ""
    try:
        kib = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return {"cores": os.cpu_count(), "memory": memory, "postgres": version, "python": platform.python_version(),
            "cpu": platform.processor() or platform.machine()}


def _database_url():
    return os.environ["DATABASE_URL"]


def run_all(city=False):
    OUT.mkdir(parents=True, exist_ok=True)
    failed = []
    for name in SUITES():
        quick, full = SIZES.get(name, ([], []))
        print(f"\\n=== {name} ({'city scale' if city else 'quick'}) ===", flush=True)
        code = subprocess.run([sys.executable, str(BENCH / "run.py"), name, *(full if city else quick)]).returncode
        if code:
            failed.append(name)
    write_results(city=city, failed=failed)
    return 1 if failed else 0


def write_results(city=False, failed=()):
    info = machine()
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench{' ARGS=--city' if city else ''}` on {datetime.now():%Y-%m-%d %H:%M}. "
        f"Machine: {info['cores']} cores, {info['memory']} memory, {info['cpu']}; PostgreSQL {info['postgres']}; "
        f"Python {info['python']}.",
        "",
        "Each figure is the platform's time against the raw SQL for the same rows (plus JSON encoding), measured "
        "in the same run; the goal is the largest allowed p95 ratio (ARCHITECTURE.md: API lists 2×, public "
        "lookups 3×).",
        "",
    ]
    met = missed = 0
    for name in SUITES():
        path = OUT / f"{name}.json"
        if not path.exists():
            continue
        rows = json.loads(path.read_text(encoding="utf-8"))
        lines += [f"## {name}" + (" (the suite failed)" if name in failed else ""), "",
                  "| what | p50 | p95 | raw SQL p95 | ratio p95 | goal | met |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
        notes = []
        for row in rows:
            if "note" in row:
                notes.append(row["note"])
                continue
            ratio = row["p95"] / row["b95"] if row["b95"] else float("inf")
            goal = goal_of(row)
            verdict = "—" if goal is None else ("yes" if ratio <= goal else "no")
            met += verdict == "yes"
            missed += verdict == "no"
            lines.append(f"| {row['name']} | {row['p50']:.2f} ms | {row['p95']:.2f} ms | {row['b95']:.2f} ms | "
                         f"{ratio:.2f}× | {'' if goal is None else f'{goal:g}×'} | {verdict} |")
        lines.append("")
        lines += [f"- {text}" for text in notes]
        if notes:
            lines.append("")
    lines += [f"Ratio goals met: {met}; not met: {missed}.", ""]
    (BENCH / "RESULTS.md").write_text("\\n".join(lines), encoding="utf-8")
    print(f"\\nwrote {BENCH / 'RESULTS.md'} ({met} goals met, {missed} not met)")
