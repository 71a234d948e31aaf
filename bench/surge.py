"""The disaster-day surge: locust against gunicorn as `make run` starts it, on this machine's two cores.

    make bench ARGS="surge"                                   # quick: 10-second steps, under 3 minutes
    make bench ARGS="surge --seconds 30 --donations 1000000 --certificates 500000"
    make bench ARGS="surge --profile"                         # and where each request's time goes (py-spy)

The server is scripts/platformctl.py's `web_command()` (gunicorn, WEB_WORKERS × WEB_THREADS, 2 × 4 unless set,
access log on), the very command of `make run`, serving the bench database (<name>_bench: demo data from
`bootstrap` plus generated gifts and certificates, as bench/donations.py and bench/certificates.py seed them).
The load generator is locust (bench/surge_locustfile.py), headless, bounded by --run-time, on the loopback only.
In one run:

  (a) the baseline: a trivial Django view on the same server — /v/<number>, the QR code's short address, which
      answers a redirect through the whole middleware stack without the database or a template;
  (b) each public request alone at full speed, for its requests per second against the baseline's, then the
      disaster-day mix (home, donate page, pledge POST, ledger, donor's lookup, certificate verification) at full
      speed: its peak rate and errors;
  (c) the mix held at 80 % of that peak: p95 per request.

Afterwards it counts, in PostgreSQL, the pledges the load generator sent (each with its own key, one in twenty
sent twice like a double click) against those stored, confirms them all concurrently as a payment gateway would,
and checks that the year's receipt numbers are unique and gapless.

The load generator plays the reverse proxy: the server trusts 127.0.0.1 as production trusts its Caddy proxy
(DJANGO_TRUSTED_PROXIES) and each request names a resident's address in X-Forwarded-For, so the per-address
limits of the public doors run unchanged. No rate limit is raised.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
# After the project: bench/donations.py must not shadow the donations app.
sys.path.append(str(BENCH))
sys.path.append(str(ROOT / "scripts"))

from run import note, setup_bench_django  # noqa: E402

OUT = ROOT / ".data" / "bench" / "surge"
# locust's request name → (label, goal as a share of the baseline's requests per second). The cached public reads
# hold 50 %, the pledge 25 % (issue 15, goal 5); the lookup and the verification answer one person's number each, so
# no page cache can serve them: their rate is shown, their goal is the p95 of (c) (and goal 2's ratio to raw SQL).
KINDS = {
    "home": ("home page (cached read)", 0.5),
    "donate page": ("donate page (cached read)", 0.5),
    "ledger": ("ledger, society or one project (cached read)", 0.5),
    "certificate verification": ("certificate verification page (lookup)", None),
    "donation lookup": ("donor's lookup, POST (lookup)", None),
    "pledge POST": ("pledge POST", 0.25),
}
SOLO = {"home": "home", "donate page": "donate", "ledger": "ledger", "certificate verification": "verify",
        "donation lookup": "lookup", "pledge POST": "pledge"}


def load():
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


def seed(args):
    """Generated certificates and gifts, as their own suites seed them (once: later runs find them there)."""
    import importlib.util

    import certificates

    spec = importlib.util.spec_from_file_location("bench_donations", BENCH / "donations.py")
    donation_bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(donation_bench)

    certificates.seed_holders(args.holders)
    certificates.seed_certificates(args.certificates)
    donation_bench.seed(args.donations)


def scenario_data(path):
    """The rows the users ask for: funds, (receipt, mobile) of generated gifts, certificate numbers."""
    from donations.models import Donation, Fund
    from training.models import Certificate

    gifts = Donation.objects.filter(note="bench", status="confirmed").order_by("?").values_list(
        "receipt_number", "bank_reference")[:2000]
    data = {
        "funds": list(Fund.objects.filter(code__startswith="BENCH").order_by("code").values_list("code", flat=True)),
        "lookups": [(receipt, f"139{int(reference[1:]):08d}") for receipt, reference in gifts],
        # Numbers as the platform issues them (older bench databases hold the emergency suite's lower-case ones).
        "certificates": list(Certificate.objects.filter(number__regex=r"^[A-Z0-9-]{1,20}$").order_by("?")
                             .values_list("number", flat=True)[:2000]),
        "general_fund": Fund.objects.filter(status="open", kind="general").order_by("kind", "code").first().pk,
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return data


def start_server(port, log):
    """`make run`'s web server, on the bench database, behind the load generator as its trusted proxy."""
    import platformctl

    env = dict(os.environ, DJANGO_DEMO="true", DJANGO_TRUSTED_PROXIES="127.0.0.1")
    env.pop("DJANGO_ALLOWED_HOSTS", None)  # the demo's own hosts (127.0.0.1), as under `make run`
    server = subprocess.Popen(platformctl.web_command(str(port)), cwd=ROOT, env=env, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/verify/", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited with {server.returncode}; see {log.name}") from None
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop_server(server):
    import signal

    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def warm(port, data):
    """Each worker's first requests load templates and translations, and fill the page cache of each public page
    the users ask for (every fund's ledger): the figures are those of a warm server."""
    urls = ["/", "/donate/", "/transparency/", "/verify/", f"/training/verify/{data['certificates'][0]}/"]
    for url in urls * 6 + [f"/transparency/funds/{code}/" for code in data["funds"]]:
        urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=60).read()


def profile_start(server, name, seconds):
    """py-spy on gunicorn's workers for a step: only samples holding the GIL, so the CPU time of each frame, not the
    time a thread waited for PostgreSQL, Redis or the GIL. Written as collapsed stacks under .data/bench/surge/."""
    spy = ROOT / ".venv" / "bin" / "py-spy"
    path = OUT / f"profile-{name}.txt"
    return path, subprocess.Popen(
        [str(spy), "record", "--pid", str(server.pid), "--subprocesses", "--gil", "--nonblocking", "--rate", "200",
         "--format", "raw", "--duration", str(max(1, seconds - 1)), "--output", str(path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# Where a request's CPU goes, by the innermost frame of one of these kinds on its stack (py-spy names a library's
# file from its package down).
PROFILE_PARTS = [
    ("PostgreSQL driver", "psycopg/"),
    ("ORM: building queries and rows", "django/db/"),
    ("templates", "django/template/"),
    ("forms", "django/forms/"),
    ("Redis client", "redis/"),
    ("the rest of Django (handler, middleware, requests, utilities)", "django/"),
    ("gunicorn", "gunicorn/"),
]


def _frame_file(frame):
    """'name (path/to/file.py:12)' → 'path/to/file.py'."""
    return frame.rpartition(" (")[2].rpartition(":")[0]


def profile_summary(path):
    """Shares of the workers' CPU samples: by kind of work (innermost matching frame) and the project's own
    functions (inclusive), from py-spy's collapsed stacks."""
    packages = {entry.name + "/" for entry in ROOT.iterdir() if (entry / "__init__.py").exists()}
    parts, own, total = {}, {}, 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        count, frames = int(count), [frame for frame in stack.split(";") if not frame.startswith("process ")]
        total += count
        files = [_frame_file(frame) for frame in frames]
        part = next((label for file in reversed(files) for label, prefix in PROFILE_PARTS
                     if file.startswith(prefix)), "other Python")
        parts[part] = parts.get(part, 0) + count
        # The middleware and decorators wrap everything under them; the views and services below say more.
        for frame, file in {(frame.rpartition(" (")[0], file) for frame, file in zip(frames, files, strict=True)
                            if file.startswith(tuple(packages)) and "Middleware" not in frame
                            and "<locals>" not in frame}:
            own[f"{file} {frame}"] = own.get(f"{file} {frame}", 0) + count
    if not total:
        return "no samples"
    kinds = ", ".join(f"{label} {count / total:.0%}" for label, count in sorted(parts.items(), key=lambda i: -i[1]))
    mine = ", ".join(f"{name} {count / total:.0%}" for name, count in sorted(own.items(), key=lambda i: -i[1])[:6])
    return f"{total:,} samples: {kinds}; the project's own functions (inclusive): {mine}"


def locust(name, mode, seconds, users, port, env, rate=0.0):
    """One headless locust run; its stats per request name (requests, failures, rps, p50, p95)."""
    prefix = OUT / name
    run_env = dict(env, SURGE_MODE=mode, SURGE_RATE=str(rate), SURGE_OUT=str(prefix) + "-counters.json")
    before = load()
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(BENCH / "surge_locustfile.py"), "--headless", "--only-summary",
         "--host", f"http://127.0.0.1:{port}", "-u", str(users), "-r", str(users), "--run-time", f"{seconds}s",
         "--stop-timeout", "30", "--csv", str(prefix), "--loglevel", "WARNING", "--exit-code-on-error", "0"],
        cwd=ROOT, env=run_env, check=True, stdout=subprocess.DEVNULL,
    )
    stats = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            stats[row["Name"]] = {"requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                                  "rps": float(row["Requests/s"]), "p50": float(row["50%"]),
                                  "p95": float(row["95%"])}
    counters = json.loads(Path(run_env["SURGE_OUT"]).read_text()) if Path(run_env["SURGE_OUT"]).exists() else {}
    failures = {}
    if Path(f"{prefix}_failures.csv").exists():
        with open(f"{prefix}_failures.csv", encoding="utf-8") as handle:
            failures = {f"{row['Name']}: {row['Error']}": int(row["Occurrences"]) for row in csv.DictReader(handle)}
    return stats, counters, failures, f"load {before} → {load()}"


def confirm_all(run):
    """Confirm this run's pledges eight at a time, as a payment gateway's notifications would."""
    from django.db import connection

    from donations import services
    from donations.models import Donation

    def confirm(pk):
        try:
            services.donation_confirm(donation=Donation(pk=pk), actor=None, via="gateway",
                                      bank_reference=f"SURGE{pk}")
        finally:
            connection.close()

    pks = list(Donation.objects.filter(pledge_key__startswith=run, status="pledged").values_list("pk", flat=True))
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(confirm, pks))
    return len(pks)


def receipts_of_year(year):
    from donations.models import Donation

    numbers = [int(number.split("-")[1]) for number in Donation.objects.filter(
        receipt_number__startswith=f"{year}-").values_list("receipt_number", flat=True)]
    return numbers


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10, help="length of each measured step")
    parser.add_argument("--users", type=int, default=16, help="locust users at full speed")
    parser.add_argument("--donations", type=int, default=50_000)
    parser.add_argument("--certificates", type=int, default=50_000)
    parser.add_argument("--holders", type=int, default=10_000)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--profile", action="store_true",
                        help="py-spy the workers during each request's own step (CPU samples only)")
    args = parser.parse_args()

    setup_bench_django()
    from django.utils import timezone

    from donations.models import Donation

    seed(args)
    OUT.mkdir(parents=True, exist_ok=True)
    data = scenario_data(OUT / "data.json")
    run = f"surge{uuid.uuid4().hex[:8]}"
    env = dict(os.environ, SURGE_DATA=str(OUT / "data.json"), SURGE_RUN=run)
    cores = os.cpu_count()
    print(f"surge: {cores} cores; gifts {Donation.objects.count():,}; load {load()}; steps of {args.seconds} s; "
          f"{args.users} users at full speed", flush=True)
    import platformctl

    shape = platformctl.web_command(str(args.port))
    workers, threads = shape[shape.index("--workers") + 1], shape[shape.index("--threads") + 1]
    note(f"surge: gunicorn as `make run` starts it (scripts/platformctl.py web_command: {workers} workers × "
         f"{threads} threads, access log on), locust headless on the loopback, each request from its own resident "
         "address through the trusted local proxy (DJANGO_TRUSTED_PROXIES=127.0.0.1); no rate limit raised. "
         "Baseline: /v/<number>, a redirect without database or template.")
    with open(OUT / "gunicorn.log", "w") as log:
        server = start_server(args.port, log)
        try:
            warm(args.port, data)
            measured = run_steps(args, env, data, server)
        finally:
            stop_server(server)

    # Counted after the run, in PostgreSQL.
    sent = measured["sent"]
    stored = Donation.objects.filter(pledge_key__startswith=run).count()
    year = timezone.localtime().year
    confirmed = confirm_all(run)
    numbers = receipts_of_year(year)
    unique = len(set(numbers)) == len(numbers)
    gapless = sorted(numbers) == list(range(1, len(numbers) + 1))
    requests = measured["requests"]
    errors = measured["errors"]
    # Every pledge answered with the thanks page is stored, once (double clicks share a key): answered ≤ stored ≤
    # sent. A POST still in flight when a step's time ran out was cut off by locust: never answered, so the
    # donor saw no thanks page; it may or may not have reached the server.
    answered = sent["answered_keys"]
    pledges_ok = answered <= stored <= sent["keys"]
    note(f"surge counts: {requests:,} requests, {errors} errors; pledges sent {sent['keys']:,} "
         f"({sent['posts']:,} POSTs, {sent['resent']:,} of them in {sent['resent'] // 2:,} double clicks), "
         f"answered {answered:,}, stored {stored:,} ({sent['keys'] - answered:,} cut off in flight at a step's end): "
         f"every answered pledge stored once {'yes' if pledges_ok else 'NO'}; confirmed {confirmed:,} concurrently; "
         f"receipts {year}: {len(numbers):,}, "
         f"unique {'yes' if unique else 'NO'}, gapless {'yes' if gapless else 'NO'}")
    holds = measured["rates_ok"] and measured["p95_ok"] and errors == 0 and pledges_ok and unique and gapless
    note(f"surge goal (issue 15, goal 5): {'met' if holds else 'NOT met'} "
         f"(rates {'ok' if measured['rates_ok'] else 'short'}, p95 {'ok' if measured['p95_ok'] else 'over'}, "
         f"errors {errors}, pledges {'ok' if pledges_ok else 'lost/duplicated'}, "
         f"receipts {'ok' if unique and gapless else 'broken'})")


def run_steps(args, env, data, server):
    requests = errors = 0
    all_failures = {}

    def step(*a, **kw):
        nonlocal requests, errors
        stats, counters, failures, loadline = locust(*a, **kw)
        requests += stats["Aggregated"]["requests"]
        errors += stats["Aggregated"]["failures"]
        all_failures.update(failures)
        return stats, counters, loadline

    sent = {"keys": 0, "posts": 0, "resent": 0, "answered_keys": 0}

    def add_sent(counters):
        for key in sent:
            sent[key] += counters.get(key, 0)

    # (a) the baseline.
    stats, _, loadline = step("baseline", "baseline", args.seconds, args.users, args.port, env)
    base = stats["Aggregated"]
    note(f"surge baseline /v/<number>: {base['rps']:.0f} req/s, p50 {base['p50']:.0f} ms, p95 {base['p95']:.0f} ms, "
         f"{base['failures']} errors ({loadline})")
    # (b) each request alone, then the mix, at full speed.
    rates_ok = True
    for name, mode in SOLO.items():
        seconds = max(5, args.seconds * 2 // 3)
        spy = profile_start(server, mode, seconds) if args.profile else None
        stats, counters, loadline = step(f"solo-{mode}", mode, seconds, args.users, args.port, env)
        if spy is not None:
            spy[1].wait()
        add_sent(counters)
        row = stats[name]
        label, goal = KINDS[name]
        share = row["rps"] / base["rps"]
        rates_ok &= goal is None or share >= goal
        verdict = "no goal" if goal is None else f"goal ≥ {goal:.0%}: {'yes' if share >= goal else 'no'}"
        note(f"surge {label}: {row['rps']:.0f} req/s = {share:.0%} of the baseline ({verdict}), "
             f"p50 {row['p50']:.0f} ms, p95 {row['p95']:.0f} ms, {row['failures']} errors ({loadline})")
        if spy is not None:
            note(f"surge {label}, where the workers' CPU goes: {profile_summary(spy[0])}")
    stats, counters, loadline = step("mix", "mix", args.seconds, args.users, args.port, env)
    add_sent(counters)
    peak = stats["Aggregated"]["rps"]
    note(f"surge mix at full speed: {peak:.0f} req/s ({peak / base['rps']:.0%} of the baseline), "
         f"p95 {stats['Aggregated']['p95']:.0f} ms, {stats['Aggregated']['failures']} errors ({loadline})")
    # (c) the mix held at 80 % of its peak.
    target = 0.8 * peak
    # About one request per user a second: a user idle longer than gunicorn's keep-alive (2 s) would meet a
    # connection the server has just closed, which counts as an error though no server ever failed.
    users = max(1, min(args.users * 2, round(target)))
    stats, counters, loadline = step("mix80", "mix", args.seconds, users, args.port, env, rate=target / users)
    add_sent(counters)
    p95_ok = True
    worst = stats["Aggregated"]
    for name in KINDS:
        row = stats.get(name)
        if row:
            p95_ok &= row["p95"] <= 100
            note(f"surge at 80 % of the peak, {KINDS[name][0]}: p50 {row['p50']:.0f} ms, p95 {row['p95']:.0f} ms "
                 f"({row['requests']:,} requests, {row['failures']} errors)")
    note(f"surge mix at 80 % of the peak ({target:.0f} req/s asked, {worst['rps']:.0f} served): p95 "
         f"{worst['p95']:.0f} ms (goal ≤ 100 ms: {'yes' if p95_ok else 'no'}), {worst['failures']} errors "
         f"({loadline})")
    for failure, count in all_failures.items():
        note(f"surge error: {failure} × {count}")
    return {"requests": requests, "errors": errors, "sent": sent, "rates_ok": rates_ok, "p95_ok": p95_ok}


if __name__ == "__main__":
    main()
