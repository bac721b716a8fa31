"""The load behind bench/judging (standard library only).

  judging.py seed DATA          seeds 10,000 submitted entries and 50 judges into the demo
                                contest being judged, in DATA/baiqau.db (SQLite)
  judging.py run DATA DB PORTS  times "Assign works", then lets 50 judges autosave a score
                                sheet every second and reports round-trip percentiles. DB is
                                the database the servers use (sqlite://… or postgres://…, read
                                with psql); PORTS one or more instances (comma-separated): a
                                judge's saves go to each in turn, like a load balancer without
                                stickiness.
"""

import http.client, json, re, secrets, sqlite3, subprocess, sys, threading, time, urllib.parse

HOST = "127.0.0.1"


class Database:
    """The few statements the bench runs itself, on either engine."""

    def __init__(self, url):
        self.url = url
        self.sqlite = sqlite3.connect(url.removeprefix("sqlite://"), timeout=60) if url.startswith("sqlite://") else None

    def rows(self, query, params=()):
        if self.sqlite:
            rows = self.sqlite.execute(query, params).fetchall()
            self.sqlite.commit()
            return rows
        # Parameters are the bench's own numbers and addresses, quoted for psql.
        parts = query.split("?")
        assert len(parts) == len(params) + 1, query
        text = parts[0] + "".join((str(p) if isinstance(p, int) else "'" + str(p).replace("'", "''") + "'") + rest for p, rest in zip(params, parts[1:]))
        out = subprocess.run(["psql", self.url, "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", text], check=True, capture_output=True, text=True).stdout
        return [tuple(int(v) if re.fullmatch(r"-?\d+", v) else v for v in line.split("\t")) for line in out.splitlines() if line]

    def one(self, query, params=()):
        return self.rows(query, params)[0]


def seed(data):
    db = sqlite3.connect(f"{data}/baiqau.db", timeout=60)
    # As the app has it: deleting a panel deletes its members (else `copy` meets orphans).
    db.execute("PRAGMA foreign_keys = ON")
    now = int(time.time())
    contest_id, = db.execute(
        "SELECT contest_id FROM contest WHERE submissions_close_at <= ? AND judging_end_at > ? AND status = 'announced'", (now, now)).fetchone()
    nominations = [r[0] for r in db.execute("SELECT nomination_id FROM nomination WHERE contest_id = ?", (contest_id,))]
    judge_hash, = db.execute("SELECT password_hash FROM account WHERE email = 'judge@demo.baiqau.kz'").fetchone()
    parent, = db.execute("SELECT account_id FROM account WHERE email = 'parent@demo.baiqau.kz'").fetchone()
    participant, = db.execute("SELECT participant_id FROM participant WHERE account_id = ? LIMIT 1", (parent,)).fetchone()
    alphabet = "ACDEFGHJKMNPQRTUVWXY34679"
    base = db.execute("SELECT COALESCE(MAX(receipt_no), 0) FROM entry WHERE contest_id = ?", (contest_id,)).fetchone()[0]
    rows = []
    for i in range(10_000):
        code = "".join(secrets.choice(alphabet) for _ in range(3)) + "-" + "".join(secrets.choice(alphabet) for _ in range(3)) + f"{i}"
        rows.append((secrets.token_urlsafe(12), contest_id, nominations[i % len(nominations)], participant, parent, f"Жұмыс {i}", "submitted",
                     base + i + 1, now, code, f"bench-{i}", now, now))
    db.executemany("INSERT INTO entry (public_id, contest_id, nomination_id, participant_id, account_id, title, state, receipt_no, submitted_at, code, create_token, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    for i in range(50):
        cur = db.execute("INSERT INTO account (email, display_name, password_hash, role, organisation, password_changed_at, created_at, updated_at) VALUES (?, ?, ?, 'judge', ?, ?, ?, ?)",
                         (f"judge{i}@bench.kz", f"Judge {i}", judge_hash, f"School {i % 7}", now, now, now))
        db.execute("INSERT INTO contest_judge (contest_id, account_id, added_at) VALUES (?, ?, ?)", (contest_id, cur.lastrowid, now))
    db.execute("DELETE FROM assignment")
    db.execute("DELETE FROM panel WHERE contest_id = ?", (contest_id,))
    db.commit()


def run(data, url, ports):
    db = Database(url)
    demo = open(f"{data}/demo.txt").read()
    password = {m.group(1): m.group(2) for m in re.finditer(r"(\S+@demo\.baiqau\.kz)\s+password: (\S+)", demo)}

    def call(endpoint, form, cookie="", port=ports[0]):
        c = http.client.HTTPConnection(HOST, port, timeout=120)
        c.request("POST", f"/api/{endpoint}", urllib.parse.urlencode(form),
                  {"sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded", "accept": "application/json", "cookie": cookie})
        r = c.getresponse()
        return r, r.read()

    def login(email):
        r, body = call("login", {"email": email, "password": password.get(email, password["judge@demo.baiqau.kz"])})
        if r.status != 200:
            sys.exit(f"login {email}: {r.status} {body[:200]!r}")
        return r.getheader("set-cookie").split(";")[0]

    now = int(time.time())
    contest_id, contest = db.one(
        "SELECT contest_id, public_id FROM contest WHERE submissions_close_at <= ? AND judging_end_at > ? AND status = 'announced'", (now, now))
    nominations = [r[0] for r in db.rows("SELECT nomination_id FROM nomination WHERE contest_id = ?", (contest_id,))]
    judges = [r[0] for r in db.rows("SELECT account_id FROM account WHERE email LIKE 'judge%@bench.kz' ORDER BY account_id")]
    assert len(judges) == 50, "seeded by `judging.py seed`"

    admin = login("admin@demo.baiqau.kz")
    for n in nominations:
        form = [("contest", contest), ("nomination", str(n)), ("age_group", ""), ("mode", "balanced"), ("k", "3")] + [("judges[]", str(j)) for j in judges[:40]]
        r, _ = call("admin_save_panel", form, admin)
        assert r.status == 200, r.status
    t = time.perf_counter()
    r, body = call("admin_assign", {"contest": contest}, admin)
    assign_s = time.perf_counter() - t
    assert r.status == 200, (r.status, body[:300])
    pairs, = db.one("SELECT COUNT(*) FROM assignment")
    entries, = db.one("SELECT COUNT(*) FROM entry WHERE contest_id = ? AND state = 'submitted'", (contest_id,))
    print(f'  "Assign works" over HTTP: {entries} entries, 40 judges, k = 3: {assign_s:.2f} s, {pairs} assignments written')

    # 50 judges autosaving every second: the 40 on the panels, and 10 more given one work each by hand.
    for j in judges[40:]:
        e, = db.one("SELECT entry_id FROM entry WHERE contest_id = ? AND state = 'submitted' ORDER BY random() LIMIT 1", (contest_id,))
        db.rows("INSERT INTO assignment (entry_id, account_id, source, created_at) VALUES (?, ?, 'manual', ?) ON CONFLICT DO NOTHING", (e, j, now))
    criteria = [r[0] for r in db.rows("SELECT criterion_id FROM criterion WHERE contest_id = ? AND nomination_id IS NULL", (contest_id,))]
    work = []
    for j in judges:
        code, email = db.one("SELECT e.code, j.email FROM assignment a JOIN entry e ON e.entry_id = a.entry_id JOIN account j ON j.account_id = a.account_id WHERE a.account_id = ? LIMIT 1", (j,))
        work.append((email, code))
    cookies = [login(email) for email, _ in work]
    latencies, errors = [], []
    lock = threading.Lock()
    duration = 30
    start = time.time() + 1

    def judge(i):
        email, code = work[i]
        conns = [http.client.HTTPConnection(HOST, p, timeout=30) for p in ports]
        version = 0
        tick = start + (i % 10) / 10
        n = 0
        while tick < start + duration:
            time.sleep(max(0, tick - time.time()))
            form = [("contest", contest), ("code", code), ("version", str(version)), ("comment", "autosave"), ("note", ""), ("action", "")]
            form += [(f"points[c{c}]", str((version + i + k) % 10)) for k, c in enumerate(criteria)]
            conn = conns[n % len(conns)]
            n += 1
            t = time.perf_counter()
            conn.request("POST", "/api/judge_save", urllib.parse.urlencode(form),
                         {"sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded", "accept": "application/json", "cookie": cookies[i]})
            r = conn.getresponse()
            body = r.read()
            dt = time.perf_counter() - t
            with lock:
                if r.status == 200:
                    latencies.append(dt)
                else:
                    errors.append((r.status, body[:120]))
            if r.status == 200:
                version = json.loads(body)["version"]
            tick += 1

    threads = [threading.Thread(target=judge, args=(i,)) for i in range(len(work))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(round(q * (len(latencies) - 1))))] * 1000
    print(f"  score saves: {len(work)} judges autosaving every second for {duration} s: {len(latencies)} saved, {len(errors)} failed")
    if latencies:
        print(f"    round trip p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, max {latencies[-1] * 1000:.1f} ms")
    history, = db.one("SELECT COUNT(*) FROM score_history")
    print(f"    history lines written: {history}")
    if errors:
        print("    first failure:", errors[0])
        sys.exit(1)


if sys.argv[1] == "seed":
    seed(sys.argv[2])
else:
    run(sys.argv[2], sys.argv[3], [int(p) for p in sys.argv[4].split(",")])
