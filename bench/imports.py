"""Bulk speed (issue 15, goal 6): imports beside a plain COPY of the same rows, the worker's memory, exports.

    make bench ARGS="imports"                        # 20,000 rows per importer, 100,000 for the memory figure
    make bench ARGS="imports --rows 20000 --only people --profile"

For each importer (people, volunteers, donations, training enrolments) an Excel file of `--rows` clean rows is
generated and run through `redcross.imports.import_run` (the worker's code path: read, validate every row,
check the batch, write). Its baseline is a plain COPY of exactly the rows the import wrote, into the same tables
with the same indexes and history triggers: the written rows are copied out, deleted and copied back in inside
a transaction that is rolled back, and only the COPY back in is timed.

The worker's resident memory for a `--rss-rows` import is measured in a fresh process (the worker's shape:
Django set up, one job run), as its peak RSS (getrusage), beside the same process's RSS before the run.

Exports go through the real portal list view (people, filtered) with `?export=csv` and `?export=xlsx`; the
streamed body is consumed chunk by chunk. Time to the last byte and the process's peak RSS growth are printed
for a ninth and a half of the people seeded: constant memory means the two peaks are about the same. The goal
(5 s for 100,000 rows) judges a larger export by its time per 100,000 rows. `--only exports` measures them again
and keeps the last run's import figures.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

IMPORT_GOAL_ROWS_PER_S = 10_000
COPY_GOAL = 5.0
RSS_GOAL_MB = 500
EXPORT_GOAL_S = 5.0
EXPORT_GOAL_ROWS = 100_000


def load():
    return os.getloadavg()[0]


def rss_mb(field="VmRSS"):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb():
    """This process's own peak (VmHWM). Not getrusage's ru_maxrss: Linux carries into it the peak of the address
    space the process had before exec, its parent's (a child of a 600 MB parent read 613 MB there and 14 MB
    here). That is how two city runs reported 517 and 567 MB for an import that peaks under 300 MB alone: the
    suite had grown by then."""
    return rss_mb("VmHWM")


def xlsx_of(header, rows):
    from redcross.testing import xlsx_upload

    return xlsx_upload(header, rows)


# --- the four importers' files ------------------------------------------------------------------------------------

def people_file(rows, start):
    from run import generated_id

    return "people.person", ["姓名", "证件类型", "证件号码", "手机号码", "区划代码"], [
        [f"导入{s}", "居民身份证", generated_id(s), f"139{s % 10**8:08d}", "510104022006"]
        for s in range(start, start + rows)]


def volunteers_file(rows, start):
    from run import generated_id

    return "volunteers.volunteer", ["姓名", "证件类型", "证件号码", "手机号码", "区划代码", "志愿者类别", "技能"], [
        [f"志愿{s}", "居民身份证", generated_id(s), f"137{s % 10**8:08d}", "510104022006",
         "专业志愿者" if s % 4 == 0 else "社区志愿者", "持证救护员" if s % 5 == 0 else ""]
        for s in range(start, start + rows)]


def donations_file(rows, start):
    # Half named individual donors (a mobile each), a quarter organisations, a quarter anonymous.
    from run import generated_id  # noqa: F401 - same module set-up as the others

    def row(s):
        if s % 4 == 0:
            return ["BENCHIMPORT", f"{100 + s % 900}.00", "银行转账", "", "", "", "", "匿名"]
        if s % 4 == 1:
            return ["BENCHIMPORT", f"{1000 + s % 9000}.50", "银行转账", f"成都基准企业{s % 2000}有限公司",
                    credit_code(s % 2000), "", "是", ""]
        return ["BENCHIMPORT", f"{50 + s % 500}.00", "现金", f"捐赠人{s}", "", f"136{s % 10**8:08d}", "否", ""]

    return "donations.donation", ["基金编号", "金额（元）", "渠道", "捐赠人", "统一社会信用代码", "手机号码",
                                  "同意公开名称", "备注"], [row(s) for s in range(start, start + rows)]


def credit_code(n):
    from people.identifiers import credit_check_character

    first17 = f"91510104MA{n:07d}"
    return first17 + credit_check_character(first17)


def enrolments_file(rows, start, session_pk):
    from run import generated_id

    return "training.enrolment", ["场次编号", "姓名", "证件类型", "证件号码", "手机号码", "区划代码", "班级或单位"], [
        [str(session_pk), f"学员{s}", "居民身份证", generated_id(s), f"135{s % 10**8:08d}", "510104022006",
         f"成都七中{s % 40}班"]
        for s in range(start, start + rows)]


def donation_fund(user):
    from datetime import date
    from decimal import Decimal

    from donations.models import Fund
    from organizations.models import Organization

    city = Organization.objects.get(kind="city_society", region__is_home_city=True)
    return Fund.objects.filter(code="BENCHIMPORT").first() or Fund.objects.create(
        code="BENCHIMPORT", name="导入基准项目", kind="project", purpose="benchmark", organization=city,
        starts_on=date(2023, 1, 1), management_cost_rate=Decimal("0.05"))


def training_session(rows):
    """A scheduled 锦江区 session two weeks ahead, large enough for the whole file (the rest would wait-list)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from organizations.models import Organization, Region
    from people import services as people_services
    from training import services
    from training.catalogue import catalogue_load
    from training.models import Course, Instructor, TrainingBase

    users = get_user_model().objects
    admin, staff = users.get(username="city_admin"), users.get(username="jinjiang_staff")
    jinjiang = Organization.objects.get(kind="district_society", region_id="510104000000")
    catalogue_load()
    course = Course.objects.get(kind="first_aider")
    region = Region.objects.get(code="510104022000")
    base = TrainingBase.objects.filter(name="基准实训基地").first() or services.training_base_save(
        actor=admin, name="基准实训基地", organization=jinjiang, region=region, level="district",
        address="春熙路1号", capacity=100_000, manikins=20, aeds=4)
    teacher = Instructor.objects.filter(person__full_name="基准师资").first()
    if teacher is None:
        from run import generated_id

        person = people_services.person_create(full_name="基准师资", document_type="resident_id",
                                               document_number=generated_id(19_999_999), region=region)
        teacher = services.instructor_add(actor=admin, person=person, organization=jinjiang,
                                          tier="backbone", qualification="红十字救护师资",
                                          qualified_until=timezone.localdate() + timedelta(days=700))
    start = timezone.now() + timedelta(days=14, minutes=random.randrange(0, 100_000))
    return services.session_schedule(
        actor=staff, instructors=[teacher], course=course, base=base, title="导入基准", starts_at=start,
        ends_at=start + timedelta(hours=8), capacity=rows, audience="residents", is_public=False, notes="")


# --- measuring ----------------------------------------------------------------------------------------------------

def max_ids(models):
    from django.db.models import Max

    return {model: model.objects.aggregate(m=Max("pk"))["m"] or 0 for model in models}


def copy_baseline(models, since):
    """Seconds for a plain COPY of the rows each model gained after `since` (its max pk), same tables, rolled back."""
    from django.db import connection, transaction

    data = {}
    with connection.cursor() as cursor:
        for model in models:
            columns = ", ".join(connection.ops.quote_name(f.column) for f in model._meta.concrete_fields)
            table = connection.ops.quote_name(model._meta.db_table)
            buffer = bytearray()
            with cursor.cursor.copy(f"COPY (SELECT {columns} FROM {table} WHERE id > {since[model]} ORDER BY id) "
                                    "TO STDOUT") as copy:
                for chunk in copy:
                    buffer += chunk
            data[model] = (table, columns, bytes(buffer))
    elapsed = 0.0
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                # As copy_stream does: foreign keys checked per statement, not queued for the commit.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for model in reversed(models):
                    cursor.execute(f"DELETE FROM {data[model][0]} WHERE id > %s", [since[model]])
                start = time.perf_counter()
                for model in models:
                    table, columns, text = data[model]
                    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        copy.write(text)
                elapsed = time.perf_counter() - start
            raise _Rollback
    except _Rollback:
        pass
    return elapsed


class _Rollback(Exception):
    pass


def run_job(kind, content, user, region=None):
    from organizations.selectors import staff_home_region
    from redcross.models import ImportJob

    return ImportJob.objects.create(kind=kind, file_name="bench.xlsx", content=content, created_by=user,
                                    region=region or staff_home_region(user), import_good_rows=True)


def measure_import(name, kind_file, user, models, rows, profile=False):
    from run import note

    from redcross.imports import import_run
    from redcross.models import ImportJob

    kind, header, data = kind_file
    content = xlsx_of(header, data)
    job = run_job(kind, content, user)
    since = max_ids(models)
    load_before = load()
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    import_run(job.pk)
    elapsed = time.perf_counter() - start
    if profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    job = ImportJob.objects.get(pk=job.pk)
    if job.imported_rows != rows:
        print(f"  {name}: {job.status}, {job.imported_rows} of {rows} written; first errors {job.errors[:3]}")
    baseline = copy_baseline(models, since)
    rate = job.total_rows / elapsed
    ratio = elapsed / baseline if baseline else float("inf")
    met = "met" if rate >= IMPORT_GOAL_ROWS_PER_S and ratio <= COPY_GOAL else "NOT met"
    note(f"import of {rows:,} {name} from Excel: {elapsed:.2f} s, {rate:,.0f} rows/s ({job.imported_rows:,} written) "
         f"| plain COPY of the same rows {baseline:.2f} s | ratio {ratio:.1f}x "
         f"(goal ≥ {IMPORT_GOAL_ROWS_PER_S:,} rows/s and ≤ {COPY_GOAL:.0f}x: {met}) | load {load_before:.1f}")


def worker_rss(kind_file, user, rows):
    """Run one job of `rows` rows in a fresh process, as a worker would, and read its peak RSS."""
    from run import note

    kind, header, data = kind_file
    job = run_job(kind, xlsx_of(header, data), user)
    del data
    load_before = load()
    out = subprocess.run([sys.executable, __file__, "--rss-child", str(job.pk)], capture_output=True, text=True,
                         env=os.environ)
    if out.returncode:
        print(out.stdout, out.stderr)
        return
    before, peak, elapsed, written = out.stdout.split()[-4:]
    met = "met" if float(peak) < RSS_GOAL_MB else "NOT met"
    note(f"worker running a {rows:,}-row {kind} import: RSS {float(before):.0f} MB before, peak {float(peak):.0f} MB "
         f"(goal < {RSS_GOAL_MB} MB: {met}); {float(elapsed):.1f} s, {int(written):,} written | load {load_before:.1f}")


def rss_child(job_pk):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redcross.settings")
    django.setup()
    from redcross.imports import import_run
    from redcross.models import ImportJob

    before = rss_mb()
    start = time.perf_counter()
    import_run(job_pk)
    elapsed = time.perf_counter() - start
    print(before, peak_rss_mb(), elapsed, ImportJob.objects.get(pk=job_pk).imported_rows)


def measure_export(client, url, rows_expected):
    """Seconds to the last byte of a streamed export and the RSS growth while it ran (sampled per chunk)."""
    from run import note

    load_before = load()
    base = rss_mb()
    peak = base
    start = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    size = 0
    chunks = 0
    body = response.streaming_content if response.streaming else [response.content]
    for chunk in body:
        size += len(chunk)
        chunks += 1
        if chunks % 200 == 0:
            peak = max(peak, rss_mb())
    elapsed = time.perf_counter() - start
    peak = max(peak, rss_mb())
    if hasattr(response, "close"):
        response.close()
    kind = "xlsx" if "xlsx" in url else "csv"
    # The goal is 5 s for 100,000 filtered rows: a larger export (the city's half a million) is judged by its time
    # per 100,000 rows, a smaller one by its whole time.
    per_goal_rows = elapsed * EXPORT_GOAL_ROWS / max(rows_expected, EXPORT_GOAL_ROWS)
    met = "met" if per_goal_rows <= EXPORT_GOAL_S else "NOT met"
    basis = (f"{per_goal_rows:.2f} s per {EXPORT_GOAL_ROWS:,} rows" if rows_expected >= EXPORT_GOAL_ROWS
             else f"fewer than {EXPORT_GOAL_ROWS:,} rows: judged by its whole time")
    note(f"portal export of {rows_expected:,} filtered people, {kind.upper()}: {elapsed:.2f} s ({basis}), "
         f"{size / 2**20:.1f} MB, "
         f"streamed={response.streaming}, RSS growth {peak - base:.0f} MB "
         f"(goal ≤ {EXPORT_GOAL_S:.0f} s per {EXPORT_GOAL_ROWS:,} rows: {met}) | load {load_before:.1f}")
    return elapsed, peak - base


def bench_exports():
    from django.contrib.auth import get_user_model
    from django.test import Client
    from run import note

    from people.models import Person

    client = Client()
    client.force_login(get_user_model().objects.get(username="city_admin"))
    # Seeded people are named 测试<n>, every other one a woman: `?q=测试&sex=F` filters half the seed (100,000 of
    # 200,000), `?q=测试2&sex=F` about a ninth of that.
    warm = client.get("/portal/people/?q=测试22&sex=F&export=csv")  # URL conf, templates, permissions: not the export
    b"".join(warm.streaming_content)
    growth = {}
    for label, name in (("small", "测试2"), ("large", "测试")):
        count = Person.objects.filter(full_name__contains=name, sex="F").count()
        for kind in ("csv", "xlsx"):
            growth[(kind, label)] = (count, *measure_export(client, f"/portal/people/?q={name}&sex=F&export={kind}",
                                                            count))
    for kind in ("csv", "xlsx"):
        (small_rows, _t, small), (large_rows, _t2, large) = growth[(kind, "small")], growth[(kind, "large")]
        note(f"export {kind.upper()} memory: RSS growth {small:.0f} MB at {small_rows:,} rows, {large:.0f} MB "
             f"at {large_rows:,} rows")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--rss-rows", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=200_000, help="people seeded (exports read half of them)")
    parser.add_argument("--only", choices=["people", "volunteers", "donations", "enrolments", "rss", "exports"])
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--rss-child", type=int)
    args = parser.parse_args()
    if args.rss_child:
        return rss_child(args.rss_child)

    from run import seed_people, setup_bench_django

    setup_bench_django()
    from django.contrib.auth import get_user_model

    from donations.models import Donation, Donor
    from people.models import Person
    from training.models import Enrolment
    from volunteers.models import Volunteer

    print(f"people: {seed_people(args.people):,}; load {load():.1f}", flush=True)
    users = get_user_model().objects
    staff, finance = users.get(username="jinjiang_staff"), users.get(username="finance")

    def fresh(rows):
        """A range of ID numbers nobody holds yet. Earlier runs on the same database imported other ranges, and a
        holder registered under another name makes a training enrolment row bad. Every number of the range is
        probed: one held number turned a whole run into a file with a bad row (a probe of 200 missed it)."""
        from run import generated_id

        from people import crypto

        for _attempt in range(50):
            start = random.randrange(0, 19_000_000 - rows)
            probes = [crypto.document_hash(generated_id(s)) for s in range(start, start + rows)]
            if not Person.objects.filter(document_type="resident_id", document_number_hash__any=probes).exists():
                break
        return start

    only, rows = args.only, args.rows
    if only in (None, "people"):
        measure_import("people", people_file(rows, fresh(rows)), staff, [Person], rows, args.profile)
    if only in (None, "volunteers"):
        measure_import("volunteers", volunteers_file(rows, fresh(rows)), staff, [Person, Volunteer], rows,
                       args.profile)
    if only in (None, "donations"):
        donation_fund(finance)
        measure_import("donations", donations_file(rows, fresh(rows)), finance, [Donor, Donation], rows,
                       args.profile)
    if only in (None, "enrolments"):
        session = training_session(rows)
        measure_import("training enrolments", enrolments_file(rows, fresh(rows), session.pk), staff,
                       [Person, Enrolment], rows, args.profile)
    if only in (None, "rss"):
        worker_rss(people_file(args.rss_rows, fresh(args.rss_rows)), staff, args.rss_rows)
    if only == "exports":  # measured again alone: the suite's import figures of the last run are kept
        from results import OUT, RECORDED

        earlier = OUT / "imports.json"
        if earlier.exists():
            RECORDED += [row for row in json.loads(earlier.read_text(encoding="utf-8"))
                         if "export" not in row.get("note", "")]
    if only in (None, "exports"):
        bench_exports()


if __name__ == "__main__":
    main()
