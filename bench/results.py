"""`make bench`: every suite in turn, then one report, bench/RESULTS.md.

A suite is this folder's run.py (people, regions, coverage, imports, volunteers) or any other bench/<name>.py
with a main(). Each runs in its own process at the quick size (under 15 minutes for all) or, with --city, at
the city's scale, and leaves its figures in .data/bench/<suite>.json; the report puts them side by side with
their baselines and says which goal of ARCHITECTURE.md each one meets.
"""

import json
import os
import platform
import re
import subprocess
import sys
import time
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
    "certificates": (["--certificates", "100000", "--runs", "100"], ["--certificates", "500000"]),
    "imports": (["--rows", "20000", "--rss-rows", "100000"], ["--rows", "100000", "--rss-rows", "100000"]),
    "followups": (["--volunteers", "200000", "--visits", "20000", "--issues", "4000", "--runs", "100"], []),
    # Every hot list and the public lookups at three sizes (goal 3's growth; goal 1's ratios at the largest).
    "lists": (["--sizes", "20000,100000,400000", "--runs", "30", "--profile"],
              ["--sizes", "100000,1000000,10000000", "--runs", "100", "--profile"]),
    "surge": (["--seconds", "10", "--donations", "50000", "--certificates", "50000"],
              ["--seconds", "30", "--donations", "1000000", "--certificates", "500000", "--holders", "50000"]),
}


def SUITES():
    found = ["people", "volunteers"]
    found += sorted(p.stem for p in BENCH.glob("*.py") if p.stem not in ("run", "results", "__init__")
                    and not p.stem.startswith("_") and "def main(" in p.read_text(encoding="utf-8"))
    return list(dict.fromkeys(found))


def save_suite(name, recorded):
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(recorded, ensure_ascii=False, indent=1), encoding="utf-8")


# The goals (issue 15) the report answers, and how a figure is matched to one.
GOALS = {
    1: "API lists and detail reads ≤ 2× their raw SQL + JSON (p95)",
    2: "public lookups and verifications ≤ 3× their raw SQL (p95)",
    3: "flat cost: p95 grows ≤ 1.5× from the smallest size to the largest",
    4: "totals never recomputed on the hot path; recomputations within budget",
    5: "surge on two cores (share of the baseline's requests/s, p95 ≤ 100 ms, no errors)",
    6: "bulk speed: imports ≥ 10,000 rows/s and ≤ 5× COPY, exports ≤ 5 s",
    7: "one report: `make bench` under 15 minutes, RESULTS.md with every figure",
}
AREAS = {"lists": 1, "lookup": 2, "growth": 3, "recompute": 4, "totals": 4, "surge": 5, "import": 6, "export": 6}
# A suite may also state a verdict in a note: "… (issue 15, goal 5): met" or "…: NOT met".
NOTE_VERDICT = re.compile(r"\(issue 15, goal (\d)\)\s*:\s*(met|not met)", re.IGNORECASE)
# The bulk suite's notes say "(goal ≥ 10,000 rows/s and ≤ 5x: NOT met)", "(goal < 500 MB: met)": goal 6.
BULK_VERDICT = re.compile(r"\(goal [^()]*?:\s*(met|not met)\)", re.IGNORECASE)


def goal_of(row):
    if row.get("goal") is not None:
        return row["goal"]
    name = row["name"].lower()
    if "public" in name or "lookup" in name or "verification" in name or "receipt" in name:
        return 3.0
    if name.startswith("api"):
        return 2.0
    return None


def area_of(row):
    """The issue goal (1–6) a figure serves, or None."""
    if row.get("area"):
        return AREAS.get(row["area"], row["area"] if isinstance(row["area"], int) else None)
    if "growth" in row:
        return 3
    name = row["name"].lower()
    for word, goal in (("surge", 5), ("import", 6), ("export", 6), ("recompute", 4), ("snapshot", 4),
                       ("ledger", 4)):
        if word in name:
            return goal
    if "public" in name or "lookup" in name or "verification" in name or "receipt" in name:
        return 2
    if name.startswith("api"):
        return 1
    return None


def _ms(value):
    return f"{value:,.2f} ms" if value < 1000 else f"{value / 1000:,.2f} s"


def _ratio_rows(rows, tally):
    lines = ["| what | p50 | p95 | raw SQL p95 | ratio p95 | goal | met |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for row in rows:
        ratio = row["p95"] / row["b95"] if row["b95"] else float("inf")
        goal = goal_of(row)
        verdict = "—" if goal is None else ("yes" if ratio <= goal else "no")
        tally(area_of(row), verdict)
        lines.append(f"| {row['name']} | {_ms(row['p50'])} | {_ms(row['p95'])} | {_ms(row['b95'])} | "
                     f"{ratio:.2f}× | {'' if goal is None else f'{goal:g}×'} | {verdict} |")
    return lines


def _figure_rows(rows, tally):
    lines = ["| what | value | baseline | ratio | goal | met |", "| --- | ---: | ---: | ---: | ---: | --- |"]
    for row in rows:
        value, baseline, goal, unit = row["value"], row.get("baseline"), row.get("goal"), row.get("unit", "")
        ratio = value / baseline if baseline else None
        checked = ratio if ratio is not None else value
        higher = row.get("better") == "higher"
        verdict = "—" if goal is None else ("yes" if (checked >= goal if higher else checked <= goal) else "no")
        tally(area_of(row), verdict)
        bound = "" if goal is None else (("≥ " if higher else "≤ ") + (f"{goal:g}×" if ratio is not None
                                                                        else f"{goal:,g} {unit}"))
        lines.append(f"| {row['name']} | {value:,.2f} {unit} | {'' if not baseline else f'{baseline:,.2f} {unit}'} "
                     f"| {'' if ratio is None else f'{ratio:.2f}×'} | {bound} | {verdict} |")
    return lines


def _point(point):
    """A size's p95, with the page read where it is a deep page (page 80, or the deepest whole page there is)."""
    return _ms(point["p95"]) + (f" (page {point['page']})" if point.get("page") else "")


def _growth_rows(rows, tally):
    sizes = sorted({point["rows"] for row in rows for point in row["growth"]})
    lines = ["| what | " + " | ".join(f"p95 at {size:,} rows" for size in sizes)
             + " | raw SQL p95 (largest) | raw SQL growth | growth | goal | met |",
             "| --- | " + " | ".join("---:" for _ in sizes) + " | ---: | ---: | ---: | ---: | --- |"]
    for row in rows:
        points = {point["rows"]: point for point in row["growth"]}
        first, last = row["growth"][0], row["growth"][-1]
        grown = last["p95"] / first["p95"] if first["p95"] else float("inf")
        goal = row.get("goal") or 1.5
        complete = len(row["growth"]) >= 3
        verdict = ("yes" if grown <= goal else "no") if complete else "—"
        tally(3, verdict)
        lines.append(f"| {row['name']} | " + " | ".join(_point(points[s]) if s in points else "" for s in sizes)
                     + f" | {_ms(last['b95'])} | ×{last['b95'] / first['b95']:.2f} | ×{grown:.2f} | ≤ ×{goal:g} "
                     f"| {verdict} |")
    return lines


def _profile_rows(rows):
    """One column per profiled request, one row per place its time goes (ms per request, cProfile's own time)."""
    buckets = sorted({b for row in rows for b in row["spent"]},
                     key=lambda b: -sum(row["spent"].get(b, 0) for row in rows))
    names = [row["profile"].removeprefix("API ").removesuffix(", page 1") for row in rows]
    lines = ["Where a request's time goes, from cProfile (its own time per function, grouped by library; "
             "milliseconds per request, profiled, so larger than the p95 above):", "",
             "| where | " + " | ".join(names) + " |", "| --- | " + " | ".join("---:" for _ in names) + " |"]
    for bucket in buckets:
        lines.append(f"| {bucket} | " + " | ".join(f"{row['spent'].get(bucket, 0):.1f}" for row in rows) + " |")
    lines.append("| **total** | " + " | ".join(f"**{sum(row['spent'].values()):.1f}**" for row in rows) + " |")
    return lines


def _stage_rows(rows):
    """One column per request, one row per stage (median wall-clock ms, unprofiled), and its raw SQL + JSON."""
    stages = list(dict.fromkeys(stage for row in rows for stage in row["spent"]))
    stages.sort(key=lambda stage: -sum(row["spent"].get(stage, 0) for row in rows))
    names = [row["stages"] for row in rows]
    lines = ["Where a request's time goes, by the clock (median milliseconds per request, unprofiled: each stage "
             "timed around the function that does it, outermost call only; the stages add up to the whole):", "",
             "| stage | " + " | ".join(names) + " |", "| --- | " + " | ".join("---:" for _ in names) + " |"]
    for stage in stages:
        lines.append(f"| {stage} | " + " | ".join(f"{row['spent'].get(stage, 0):.2f}" for row in rows) + " |")
    lines.append("| **whole request** | " + " | ".join(f"**{sum(row['spent'].values()):.2f}**" for row in rows)
                 + " |")
    lines.append("| raw SQL + JSON (the baseline, p50) | " + " | ".join(f"{row['raw']:.2f}" for row in rows) + " |")
    return lines


def _analysis():
    """bench/ANALYSIS.md, written by hand after a city-scale run: why its goals not met are not (city reports only)."""
    path = BENCH / "ANALYSIS.md"
    if not path.exists():
        return []
    return [line.replace("# ", "## ", 1) if line.startswith("# ") else line
            for line in path.read_text(encoding="utf-8").splitlines()] + [""]


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
            "cpu": _cpu_model() or platform.processor() or platform.machine(),
            "load": " ".join(f"{load:.1f}" for load in os.getloadavg())}


def _cpu_model():
    try:
        return next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        return ""


def _database_url():
    return os.environ["DATABASE_URL"]


def run_all(city=False):
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.glob("*.json"):  # a suite that fails to start leaves no figures of an older run behind
        stale.unlink()
    failed, times = [], {}
    for name in SUITES():
        quick, full = SIZES.get(name, ([], []))
        print(f"\n=== {name} ({'city scale' if city else 'quick'}) ===", flush=True)
        start = time.perf_counter()
        code = subprocess.run([sys.executable, str(BENCH / "run.py"), name, *(full if city else quick)]).returncode
        times[name] = time.perf_counter() - start
        if code:
            failed.append(name)
    (OUT / "times.json").write_text(json.dumps({"city": city, "failed": failed, "times": times}), encoding="utf-8")
    write_results(city=city, failed=failed, times=times)
    return 1 if failed else 0


def write_results(city=False, failed=(), times=None):
    """bench/RESULTS.md from the figures the suites left in .data/bench/ (run alone: `python bench/results.py`)."""
    info = machine()
    verdicts = {goal: [] for goal in GOALS}
    kept = OUT / "times.json"
    if times is None and kept.exists():  # written again after a suite was re-run: the whole run's times
        times = json.loads(kept.read_text(encoding="utf-8"))["times"]

    def tally(goal, verdict):
        if goal in verdicts and verdict in ("yes", "no"):
            verdicts[goal].append(verdict == "yes")

    body = []
    for name in SUITES():
        path = OUT / f"{name}.json"
        if not path.exists():
            continue
        rows = json.loads(path.read_text(encoding="utf-8"))
        took = f", {times[name] / 60:.1f} min" if times and name in times else ""
        body += [f"## {name}" + (" (the suite failed)" if name in failed else "") + took, ""]
        kinds = {
            "ratio": [row for row in rows if "b95" in row],
            "figure": [row for row in rows if "value" in row],
            "growth": [row for row in rows if "growth" in row],
            "profile": [row for row in rows if "profile" in row],
            "stages": [row for row in rows if "stages" in row],
        }
        for kind, render in (("ratio", _ratio_rows), ("figure", _figure_rows), ("growth", _growth_rows)):
            if kinds[kind]:
                body += [*render(kinds[kind], tally), ""]
        if kinds["stages"]:
            body += [*_stage_rows(kinds["stages"]), ""]
        if kinds["profile"]:
            body += [*_profile_rows(kinds["profile"]), ""]
        notes = [row["note"] for row in rows if "note" in row]
        for text in notes:
            for goal, verdict in NOTE_VERDICT.findall(text):
                tally(int(goal), "yes" if verdict.lower() == "met" else "no")
            if re.search(r"\b(import|export)", text, re.IGNORECASE) and not NOTE_VERDICT.search(text):
                for verdict in BULK_VERDICT.findall(text):
                    tally(6, "yes" if verdict.lower() == "met" else "no")
        body += [f"- {text}" for text in notes]
        if notes:
            body.append("")
    total = sum(times.values()) if times else None
    if total is not None and not city:
        tally(7, "yes" if total <= 15 * 60 and not failed else "no")
    summary = ["| goal | what | met | figures meeting it |", "| --- | --- | --- | ---: |"]
    for goal, what in GOALS.items():
        held = verdicts[goal]
        verdict = "not measured" if not held else ("**met**" if all(held) else "**not met**")
        summary.append(f"| {goal} | {what} | {verdict} | {sum(held)} of {len(held)} |")
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench{' ARGS=--city' if city else ''}` on {datetime.now():%Y-%m-%d %H:%M}"
        + (f", {total / 60:.1f} minutes in all" if total is not None else "") + ". "
        f"Machine: {info['cores']} cores, {info['memory']} memory, {info['cpu']}; PostgreSQL {info['postgres']}; "
        f"Python {info['python']}; load average {info['load']} when the report was written.",
        "",
        "Each figure is the platform's time against its baseline measured in the same run: the raw SQL for the same "
        "rows plus JSON encoding, or the baseline a suite names. The goal is the largest allowed ratio (API lists "
        "2×, public lookups 3×, growth from the smallest size to the largest 1.5×) or a budget.",
        "",
        "## Goals (issue 15)",
        "",
        *summary,
        "",
        *(_analysis() if city else []),
        *body,
    ]
    (BENCH / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    met = sum(1 for held in verdicts.values() if held and all(held))
    print(f"\nwrote {BENCH / 'RESULTS.md'} ({met} of {len(GOALS)} goals met)")


if __name__ == "__main__":
    write_results(city="--city" in sys.argv)
