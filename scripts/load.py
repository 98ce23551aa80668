"""`make load`: a bounded load run against gunicorn on PostgreSQL, as `make serve` runs it.

It makes its own database (dropped first), migrates it, loads the reference data and the demo partnership,
starts gunicorn on a free port and signs in 50 virtual users as the demo's staff (the programme manager and
the seven leads). For LOAD_SECONDS (60) each user, with no pause, reads the main pages and now and then
changes an evidence item's status, enters an indicator value or uploads a small file, each through the real
form with its CSRF token and version. Then it checks, from the database, that:

- no request failed with a server error (5xx or a dropped connection) or an unexpected refusal;
- no update was lost: the status changes recorded equal the successful status posts, each item's changes
  form one unbroken chain (every change starts from the status the one before it left) ending at the item's
  status, and there is one audit event per change; the same counts for values and uploads;

and prints the throughput and the median and 95th-percentile latency of each kind of request. Two refusals
are expected and counted, not errors: a stale edit (someone else changed the item since the form was read)
and a value for a period that someone else has just entered.

Settings (environment): LOAD_USERS (50), LOAD_SECONDS (60), LOAD_DATABASE (tracker_load),
PG_URL (postgresql://postgres@127.0.0.1:5432), LOAD_WORKERS (gunicorn workers, 2 x CPUs + 1 as `make serve`),
LOAD_REDIS (redis://127.0.0.1:6379/14, the sign-in throttle's storage).
"""

import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import psycopg
import requests
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
DATABASE = os.environ.get("LOAD_DATABASE", "tracker_load")
PG_URL = os.environ.get("PG_URL", "postgresql://postgres@127.0.0.1:5432")
WORKERS = int(os.environ.get("LOAD_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
REDIS = os.environ.get("LOAD_REDIS", "redis://127.0.0.1:6379/14")
TIMEOUT = 60
STAFF_PASSWORD = {"admin": "demo-admin-2026", "lead": "demo-lead-2026"}
STATUSES = ["not_started", "high_risk", "underway", "complete", "complete_update_on_call"]


def sql(query: str, *args, database: str = DATABASE) -> list[tuple]:
    with psycopg.connect(f"{PG_URL}/{database}", autocommit=True) as conn:
        cur = conn.execute(query, args)
        return cur.fetchall() if cur.description else []


def make_database() -> None:
    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


def server_env(uploads: str) -> dict:
    return {**os.environ, "DATABASE_URL": f"{PG_URL}/{DATABASE}", "SECRET_KEY": "load-run-" + os.urandom(8).hex(),
            "SESSION_COOKIE_SECURE": "0", "UPLOAD_FOLDER": uploads, "RATELIMIT_STORAGE_URI": REDIS,
            "RATELIMIT_KEY_PREFIX": f"load-{os.getpid()}", "SIGN_IN_LIMIT_PER_ADDRESS": "100000 per 15 minutes",
            "SIGN_IN_LIMIT_PER_ACCOUNT": "100000 per 15 minutes", "TRACKER_DEMO": ""}


def flask(env: dict, *args: str) -> str:
    done = subprocess.run([str(VENV_BIN / "flask"), "--app", "tracker", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env: dict, port: int, log) -> subprocess.Popen:
    server = subprocess.Popen([str(VENV_BIN / "gunicorn"), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
                               "--timeout", "120", "tracker:create_app()"], env=env, cwd=ROOT, stdout=log,
                              stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            if requests.get(f"http://127.0.0.1:{port}/readyz", timeout=10).status_code == 200:
                return server
        except requests.RequestException:
            pass  # still starting: the workers import the app
        if server.poll() is not None:
            sys.exit("gunicorn stopped while starting; see its log")
        time.sleep(0.2)
    server.terminate()
    server.wait(timeout=30)
    sys.exit("gunicorn did not become ready in 60 seconds")


def form_fields(html: str, action_part: str) -> dict:
    """The inputs of the page's form whose action contains action_part (hidden ones and text boxes)."""
    soup = BeautifulSoup(html, "html.parser")
    for form in soup.find_all("form"):
        if action_part in (form.get("action") or "") and (form.get("method") or "").lower() == "post":
            return {field["name"]: field.get("value", "") for field in form.find_all("input")
                    if field.get("name") and field.get("type") not in ("radio", "checkbox", "file", "submit")}
    raise LookupError(f"no form posting to {action_part}")


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.outcomes: dict[str, int] = defaultdict(int)
        self.problems: list[str] = []
        self.reasons: dict[str, str] = {}  # the first refusal's words, for each kind of refusal

    def time(self, kind: str, call, expect=(200,)):
        began = time.perf_counter()
        try:
            response = call()
        except requests.RequestException as error:
            with self.lock:
                self.outcomes["server errors"] += 1
                self.problems.append(f"{kind}: {type(error).__name__}: {error}")
            return None
        elapsed = time.perf_counter() - began
        with self.lock:
            self.latency[kind].append(elapsed)
            if response.status_code >= 500:
                self.outcomes["server errors"] += 1
                self.problems.append(f"{kind}: {response.status_code} {response.request.url}")
            elif response.status_code not in expect:
                self.outcomes["unexpected answers"] += 1
                self.problems.append(f"{kind}: {response.status_code} {response.request.url}")
        return response

    def count(self, outcome: str, response=None) -> None:
        with self.lock:
            self.outcomes[outcome] += 1
            if response is not None and outcome not in self.reasons:
                page = BeautifulSoup(response.text, "html.parser")
                words = page.select_one(".govuk-error-summary__list") or page.select_one(".govuk-error-message") \
                    or page.select_one(".govuk-notification-banner") or page.title
                self.reasons[outcome] = " ".join(words.get_text(" ").split()) if words else "(an empty page)"


class VirtualUser(threading.Thread):
    def __init__(self, base: str, person: dict, world: dict, recorder: Recorder, deadline: float, seed: int):
        super().__init__(daemon=True)
        self.base, self.person, self.world, self.rec, self.deadline = base, person, world, recorder, deadline
        self.rng = random.Random(seed)
        self.http = requests.Session()

    def sign_in(self) -> bool:
        page = self.http.get(f"{self.base}/sign-in", timeout=TIMEOUT)
        fields = form_fields(page.text, "sign-in")
        fields.update(email=self.person["email"], password=self.person["password"])
        answer = self.http.post(f"{self.base}/sign-in", data=fields, timeout=TIMEOUT, allow_redirects=False)
        return answer.status_code == 302

    def get(self, kind: str, path: str):
        return self.rec.time(kind, lambda: self.http.get(self.base + path, timeout=TIMEOUT))

    def post(self, kind: str, path: str, data: dict, files=None, expect=(302, 200)):
        return self.rec.time(kind, lambda: self.http.post(self.base + path, data=data, files=files, timeout=TIMEOUT,
                                                          allow_redirects=False), expect)

    def read(self) -> None:
        w, rng = self.world, self.rng
        kind, path = rng.choice([
            ("my work", "/my-work"), ("evidence list", "/evidence/"),
            ("evidence search", "/evidence/?q=plan&status=underway"),
            ("evidence item", f"/evidence/{rng.choice(w['items'])}"), ("programme", "/programme/"),
            ("workstream", f"/programme/workstreams/{rng.choice(w['workstreams'])}"),
            ("milestones", "/programme/milestones"), ("indicators", "/indicators/"),
            ("indicator", f"/indicators/{rng.choice(w['indicators'])}"), ("board", "/board/"),
            ("sef", "/sef/"), ("sef criterion", f"/sef/criteria/{rng.choice(w['criteria'])}"),
        ])
        self.get(kind, path)

    def change_status(self) -> None:
        item = self.rng.choice(self.person["items"])
        form = self.get("status form", f"/evidence/{item}/status")
        if form is None or form.status_code != 200:
            return
        fields = form_fields(form.text, "/status")
        current = sql("SELECT status FROM evidence_items WHERE id = %s", item)[0][0]
        status = self.rng.choice([s for s in STATUSES if s != current])
        fields.update(status=status, reason="Load run: reviewed")
        answer = self.post("status change (post)", f"/evidence/{item}/status", fields)
        if answer is not None and answer.status_code == 200 and 'name="without_evidence"' in answer.text:
            # Complete with no evidence attached: the page asks to confirm, and this officer does.
            self.rec.count("status changes asked to confirm (complete, no evidence)")
            fields = form_fields(answer.text, "/status")
            fields.update(status=status, reason="Load run: reviewed")
            answer = self.post("status confirm (post)", f"/evidence/{item}/status", fields)
        if answer is not None and answer.status_code == 302:
            self.rec.count("status changes saved")
        elif answer is not None and answer.status_code == 200:
            if "after you opened it" in answer.text:
                self.rec.count("status changes refused: stale (changed since the form was read)", answer)
            elif "The status is already" in answer.text:
                self.rec.count("status changes refused: already that status (changed since it was checked)", answer)
            else:
                self.rec.count("status changes refused: other", answer)
                (ROOT / "bench-results").mkdir(exist_ok=True)
                (ROOT / "bench-results" / "load-refusal.html").write_text(answer.text)

    def enter_value(self) -> None:
        indicator = self.rng.choice(self.person["indicators"])
        form = self.get("value form", f"/indicators/{indicator}/values")
        if form is None or form.status_code != 200:
            return
        fields = form_fields(form.text, "/values")
        # A fresh note each time, so every save changes something and earns its audit event.
        fields.update(value=str(self.rng.randint(10, 90)), numerator="", denominator="",
                      note=f"Load run {self.rng.randint(0, 10**9)}",
                      commentary="Load run: the team is reviewing the cases behind this figure")
        answer = self.post("value entry (post)", f"/indicators/{indicator}/values", fields)
        if answer is not None and answer.status_code == 302:
            self.rec.count("values saved")
        elif answer is not None and answer.status_code == 200:
            self.rec.count("values refused (stale or not enterable)", answer)

    def upload(self) -> None:
        item = self.rng.choice(self.person["items"])
        form = self.get("upload form", f"/evidence/{item}/documents/upload")
        if form is None or form.status_code != 200:
            return
        fields = form_fields(form.text, "/documents/upload")
        fields["title"] = f"Load run note {self.rng.randint(0, 10**9)}"
        today = time.gmtime()
        # The date's day, month and year boxes share the field's name.
        fields["effective_on"] = [str(today.tm_mday), str(today.tm_mon), str(today.tm_year)]
        fields.pop("valid_until", None)
        body = f"Minutes of the load run, {time.time()}\n".encode() * 20
        answer = self.post("upload (post)", f"/evidence/{item}/documents/upload", fields,
                           files={"file": ("minutes.txt", body, "text/plain")})
        if answer is not None and answer.status_code == 302:
            self.rec.count("uploads saved")
        elif answer is not None and answer.status_code == 200:
            self.rec.count("uploads refused", answer)

    def run(self) -> None:
        while time.monotonic() < self.deadline:
            roll = self.rng.random()
            try:
                if roll < 0.10 and self.person["items"]:
                    self.change_status()
                elif roll < 0.16 and self.person["indicators"]:
                    self.enter_value()
                elif roll < 0.20 and self.person["items"]:
                    self.upload()
                else:
                    self.read()
            except LookupError as error:
                with self.rec.lock:
                    self.rec.outcomes["unexpected answers"] += 1
                    self.rec.problems.append(str(error))


def staff() -> list[dict]:
    """The demo's staff, each with the items and indicators they may change (the manager may change any)."""
    people = []
    for user_id, email, role in sql("SELECT id, email, role FROM users WHERE role IN ('admin', 'lead') ORDER BY id"):
        where = "" if role == "admin" else f" AND owner_id = {int(user_id)}"
        items = [r[0] for r in sql(f"SELECT id FROM evidence_items WHERE archived_at IS NULL{where}")]
        indicators = [r[0] for r in sql(f"SELECT id FROM indicators WHERE active{where}")]
        people.append({"id": user_id, "email": email, "password": STAFF_PASSWORD[role], "items": items,
                       "indicators": indicators})
    return people


def counts() -> dict:
    one = lambda query: sql(query)[0][0]  # noqa: E731
    return {"status changes": one("SELECT count(*) FROM status_changes"),
            "status audit": one("SELECT count(*) FROM audit_events WHERE entity_type = 'evidence_item' "
                                "AND action = 'status'"),
            "value audit": one("SELECT count(*) FROM audit_events WHERE entity_type = 'indicator' "
                               "AND action IN ('value_added', 'value_updated')"),
            "documents": one("SELECT count(*) FROM documents")}


def broken_chains(since_id: int) -> list[str]:
    """Items whose status changes during the run do not follow on from each other, or end elsewhere."""
    problems = []
    changes = defaultdict(list)
    for item, before, after in sql("SELECT evidence_item_id, from_status, to_status FROM status_changes "
                                   "WHERE id > %s ORDER BY id", since_id):
        changes[item].append((before, after))
    status = dict(sql("SELECT id, status FROM evidence_items"))
    for item, chain in changes.items():
        for (_, left), (came_from, _) in zip(chain, chain[1:], strict=False):
            if came_from != left:
                problems.append(f"item {item}: a change from {came_from} followed one that left it {left}")
        if chain[-1][1] != status[item]:
            problems.append(f"item {item}: last change left it {chain[-1][1]}, but it is {status[item]}")
    return problems


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(rec: Recorder, elapsed: float, before: dict, after: dict, chains: list[str], log_path: Path) -> int:
    total = sum(len(v) for v in rec.latency.values())
    lines = [f"load run: {USERS} users, {elapsed:.0f} s, gunicorn {WORKERS} sync workers on PostgreSQL, "
             f"{os.cpu_count()} CPUs (shared: figures are noisy)",
             f"{'request kind':<34}{'count':>7}{'per s':>8}{'median ms':>11}{'p95 ms':>9}"]
    for kind in sorted(rec.latency):
        samples = rec.latency[kind]
        lines.append(f"{kind:<34}{len(samples):>7}{len(samples) / elapsed:>8.1f}"
                     f"{statistics.median(samples) * 1000:>11.0f}{percentile(samples, 0.95) * 1000:>9.0f}")
    every = [s for v in rec.latency.values() for s in v]
    lines.append(f"{'all requests':<34}{total:>7}{total / elapsed:>8.1f}{statistics.median(every) * 1000:>11.0f}"
                 f"{percentile(every, 0.95) * 1000:>9.0f}")
    lines.append("")
    for outcome in sorted(rec.outcomes):
        lines.append(f"{outcome:<58}{rec.outcomes[outcome]:>6}")
    lines += [f"  first {outcome}: {words}" for outcome, words in sorted(rec.reasons.items())]
    saved = rec.outcomes["status changes saved"]
    added = {k: after[k] - before[k] for k in after}
    checks = [
        ("no server errors", rec.outcomes["server errors"] == 0),
        ("no unexpected answers", rec.outcomes["unexpected answers"] == 0),
        (f"status changes recorded ({added['status changes']}) = saved ({saved})", added["status changes"] == saved),
        (f"status audit events ({added['status audit']}) = saved ({saved})", added["status audit"] == saved),
        (f"value audit events ({added['value audit']}) = values saved ({rec.outcomes['values saved']})",
         added["value audit"] == rec.outcomes["values saved"]),
        (f"documents added ({added['documents']}) = uploads saved ({rec.outcomes['uploads saved']})",
         added["documents"] == rec.outcomes["uploads saved"]),
        (f"every item's changes form one chain ending at its status ({len(chains)} breaks)", not chains),
    ]
    tracebacks = log_path.read_text(errors="replace").count("Traceback")
    checks.append((f"no tracebacks in the server log ({tracebacks})", tracebacks == 0))
    lines.append("")
    lines += [f"{'PASS' if ok else 'FAIL'}  {words}" for words, ok in checks]
    if rec.problems or chains:
        lines += ["", "first problems:", *[f"  {p}" for p in (rec.problems + chains)[:15]]]
    print("\n".join(lines))
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "load.txt").write_text("\n".join(lines) + "\n")
    return 0 if all(ok for _, ok in checks) else 1


def main() -> int:
    uploads = tempfile.mkdtemp(prefix="tracker-load-")
    env = server_env(uploads)
    print(f"making database {DATABASE}, migrating, loading the reference data and the demo ...", flush=True)
    make_database()
    flask(env, "db", "upgrade")
    flask(env, "seed")
    flask(env, "demo")
    port = free_port()
    log_path = Path(uploads) / "gunicorn.log"
    with log_path.open("w") as log:
        server = None
        try:
            server = start_server(env, port, log)
            base = f"http://127.0.0.1:{port}"
            world = {"items": [r[0] for r in sql("SELECT id FROM evidence_items WHERE archived_at IS NULL")],
                     "workstreams": [r[0] for r in sql("SELECT id FROM workstreams")],
                     "indicators": [r[0] for r in sql("SELECT id FROM indicators WHERE active")],
                     "criteria": [r[0] for r in sql("SELECT c.id FROM criteria c JOIN areas a ON a.id = c.area_id "
                                                    "JOIN frameworks f ON f.id = a.framework_id WHERE f.is_selected")]}
            people = staff()
            rec = Recorder()
            users = [VirtualUser(base, people[n % len(people)], world, rec, 0, seed=n) for n in range(USERS)]
            print(f"gunicorn on {base}; signing in {USERS} users as {len(people)} staff ...", flush=True)
            for user in users:
                if not user.sign_in():
                    sys.exit(f"could not sign in as {user.person['email']}")
            before = counts()
            since = sql("SELECT coalesce(max(id), 0) FROM status_changes")[0][0]
            print(f"running for {SECONDS:.0f} seconds ...", flush=True)
            began = time.monotonic()
            for user in users:
                user.deadline = began + SECONDS
                user.start()
            for user in users:
                user.join()
            elapsed = time.monotonic() - began
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)
    return report(rec, elapsed, before, counts(), broken_chains(since), log_path)


if __name__ == "__main__":
    sys.exit(main())
