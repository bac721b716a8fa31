"""The load behind bench/questions: 20 questions written straight to the database (the
editor's rules are tested elsewhere), 50 entrant accounts copied from the demo parent, then
50 entrants at once creating an entry and answering. Standard library only."""

import http.client, json, os, re, sqlite3, sys, threading, time, urllib.parse

DATA = sys.argv[1]
HOST, PORT = "127.0.0.1", 3996
ENTRANTS, ROUNDS = 50, 5
SAME = {"sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded", "accept": "application/json"}


def post(endpoint, form, cookie=""):
    c = http.client.HTTPConnection(HOST, PORT, timeout=120)
    c.request("POST", f"/api/{endpoint}", urllib.parse.urlencode(form), {**SAME, "cookie": cookie})
    r = c.getresponse()
    return r, r.read()


db = sqlite3.connect(f"{DATA}/baiqau.db", timeout=60)
now = int(time.time())
contest_id, contest = db.execute(
    "SELECT contest_id, public_id FROM contest WHERE status = 'announced' AND submissions_open_at <= ? AND submissions_close_at > ? ORDER BY contest_id LIMIT 1",
    (now, now)).fetchone()
nomination, = db.execute("SELECT nomination_id FROM nomination WHERE contest_id = ? ORDER BY position LIMIT 1", (contest_id,)).fetchone()
db.execute("UPDATE nomination SET max_entries_per_participant = 50 WHERE nomination_id = ?", (nomination,))

# Twenty questions, every kind, most of them required.
choices = json.dumps([{"kk": f"нұсқа {i}", "ru": f"вариант {i}", "en": f"option {i}"} for i in range(6)])
kinds = ["short_text"] * 4 + ["long_text"] * 2 + ["number"] * 3 + ["choice_one"] * 3 + ["choice_many"] * 2 + ["date"] * 2 + ["yes_no"] * 2 + ["url", "phone"]
assert len(kinds) == 20
questions = []
for i, kind in enumerate(kinds):
    cur = db.execute(
        "INSERT INTO entry_question (contest_id, position, label_kk, label_ru, label_en, kind, required, audience, min_value, max_value, options, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'admins', ?, ?, ?, ?, ?)",
        (contest_id, i, f"Сұрақ {i}", f"Вопрос {i}", f"Question {i}", kind, 1 if i % 4 else 0, 1 if kind == "number" else None,
         1000 if kind == "number" else None, choices if kind.startswith("choice") else "[]", now, now))
    questions.append((cur.lastrowid, kind))


def answers(n):
    """A full set of answers as the form sends them."""
    form = []
    for q, kind in questions:
        key = f"answers[q{q}]"
        form += {
            "short_text": [(key, f"Қысқа жауап {n}")],
            "long_text": [(key, "Ұзын жауап.\n" * 20)],
            "number": [(key, str(1 + n % 999))],
            "choice_one": [(key, str(n % 6))],
            "choice_many": [(f"answers[q{q}o{i}]", "on") for i in range(n % 6 + 1)],
            "date": [(key, "2016-03-0" + str(1 + n % 9))],
            "yes_no": [(key, "yes" if n % 2 else "no")],
            "url": [(key, f"youtu.be/watch{n}")],
            "phone": [(key, f"8 (701) 234-56-{n % 100:02d}")],
        }[kind]
    return form


# Fifty entrants copied from the demo parent (same password), each with a child of their own.
parent, = db.execute("SELECT account_id FROM account WHERE email = 'parent@demo.baiqau.kz'").fetchone()
account_cols = [r[1] for r in db.execute("PRAGMA table_info(account)") if r[1] not in ("account_id", "email", "display_name")]
participant_cols = [r[1] for r in db.execute("PRAGMA table_info(participant)") if r[1] not in ("participant_id", "public_id", "account_id")]
child, = db.execute("SELECT participant_id FROM participant WHERE account_id = ? AND consent_at IS NOT NULL LIMIT 1", (parent,)).fetchone()
children = []
for i in range(ENTRANTS):
    cur = db.execute(f"INSERT INTO account (email, display_name, {', '.join(account_cols)}) SELECT ?, ?, {', '.join(account_cols)} FROM account WHERE account_id = ?",
                     (f"entrant{i}@bench.kz", f"Entrant {i}", parent))
    public = f"benchchild{i:04d}"
    db.execute(f"INSERT INTO participant (public_id, account_id, {', '.join(participant_cols)}) SELECT ?, ?, {', '.join(participant_cols)} FROM participant WHERE participant_id = ?",
               (public, cur.lastrowid, child))
    children.append(public)
db.commit()

demo = open(f"{DATA}/demo.txt").read()
password = re.search(r"parent@demo\.baiqau\.kz\s+password: (\S+)", demo).group(1)
cookies = []
for i in range(ENTRANTS):
    r, body = post("login", {"email": f"entrant{i}@bench.kz", "password": password})
    if r.status != 200:
        sys.exit(f"login {i}: {r.status} {body[:200]!r}")
    cookies.append(r.getheader("set-cookie").split(";")[0])

created, answered, both, errors = [], [], [], []
lock = threading.Lock()


def entrant(i, rnd):
    n = rnd * ENTRANTS + i
    t0 = time.perf_counter()
    r, body = post("create_entry", {"id": contest, "token": f"bench-{n}", "participant": children[i], "nomination": str(nomination),
                                    "title": f"Жұмыс {n}", "description": ""}, cookies[i])
    t1 = time.perf_counter()
    if r.status != 200:
        with lock:
            errors.append(("create_entry", r.status, body[:160]))
        return
    entry = r.getheader("location").rsplit("/", 1)[1]
    r, body = post("save_answers", [("id", entry)] + answers(n), cookies[i])
    t2 = time.perf_counter()
    with lock:
        if r.status != 200:
            errors.append(("save_answers", r.status, body[:160]))
            return
        created.append(t1 - t0)
        answered.append(t2 - t1)
        both.append(t2 - t0)


print(f"bench/questions: release build, SQLite, loopback, {os.cpu_count()} cores; 20 questions, {ENTRANTS} entrants at once, {ROUNDS} rounds")
t = time.perf_counter()
for rnd in range(ROUNDS):
    threads = [threading.Thread(target=entrant, args=(i, rnd)) for i in range(ENTRANTS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
wall = time.perf_counter() - t


def line(name, xs):
    xs = sorted(xs)
    p = lambda q: xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] * 1000
    print(f"  {name:<28} p50 {p(0.5):7.1f} ms   p99 {p(0.99):7.1f} ms   max {xs[-1] * 1000:7.1f} ms   (n = {len(xs)})")


if created:
    line("create_entry", created)
    line("save_answers (20 answers)", answered)
    line("entry with its answers", both)
print(f"  {len(both)} entries with answers in {wall:.1f} s; {len(errors)} failed")
rows, = db.execute("SELECT COUNT(*) FROM entry_answer a JOIN entry e USING (entry_id) WHERE e.title LIKE 'Жұмыс %'").fetchone()
print(f"  answers stored: {rows} (want {20 * len(both)})")
if errors:
    print("  first failure:", errors[0])
    sys.exit(1)
if rows != 20 * len(both):
    sys.exit("answers missing")
