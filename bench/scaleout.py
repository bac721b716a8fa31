"""The load behind bench/scaleout: accounts, participants and entries made through nginx
(server functions), nomination limits raised straight in PostgreSQL, then the two
measurements. Standard library only."""

import hashlib, http.client, os, ssl, subprocess, sys, threading, time
import loadclient
from loadclient import rss_kb, session_cookie, upload

WORK, PORT, PIDS, PG_DIR, PG_BIN, STORE_URL = sys.argv[1:7]
SIZE_MB, UPLOADS, CLIENTS = int(sys.argv[7]), int(sys.argv[8]), int(sys.argv[9])
PIDS = [int(p) for p in PIDS.split(",")]
TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE
PER_ENTRY = 50  # files an entry may hold at most


def conn():
    return http.client.HTTPSConnection("localhost", int(PORT), timeout=600, context=TLS, blocksize=1 << 20)


def sql(query):
    out = subprocess.run([f"{PG_BIN}/psql", "-h", PG_DIR, "-U", "baiqau", "-d", "scaleout", "-Atc", query],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def call(endpoint, form, cookie=""):
    return loadclient.call(conn, endpoint, form, cookie)


# An open contest's PDF nomination, with room for many large files.
contest_id, contest = sql("SELECT contest_id || '|' || public_id FROM contest WHERE title_en = 'In the world of fairy tales and magic'").split("|")
nomination = sql(f"SELECT nomination_id FROM nomination WHERE contest_id = {contest_id} AND allowed_kinds LIKE 'pdf%'")
sql(f"UPDATE nomination SET max_file_mb = 2048, max_files = {PER_ENTRY}, max_entries_per_participant = 50 WHERE nomination_id = {nomination}")


def family(i):
    """Registers entrant i with one child and one entry: (cookie, entry)."""
    email = f"family{i}@bench.kz"
    r = call("register", {"email": email, "display_name": f"Family {i}", "password": "correct horse battery"})
    cookie = session_cookie(r)
    call("save_participant", {"id": "", "full_name": f"Бала {i}", "birth_date": "2016-03-03", "consent": "on", "next": ""}, cookie)
    participant = sql(f"SELECT p.public_id FROM participant p JOIN account a USING (account_id) WHERE a.email = '{email}'")
    call("create_entry", {"id": contest, "token": f"bench-{i}", "participant": participant, "nomination": nomination,
                          "title": f"Жұмыс {i}", "description": ""}, cookie)
    entry = sql(f"SELECT e.public_id FROM entry e JOIN account a USING (account_id) WHERE a.email = '{email}'")
    return cookie, entry


families = [family(i) for i in range(1 + (UPLOADS + PER_ENTRY - 1) // PER_ENTRY)]
print(f"bench/scaleout: release build, nginx (TLS, deploy/nginx.conf) over 2 instances, PostgreSQL, Garage; {os.cpu_count()} cores")

# 1. One large file whose pieces alternate between the instances, beside dd.
size = SIZE_MB * 1024 * 1024
src = f"{WORK}/source.pdf"
h = hashlib.sha256()
with open(src, "wb") as f:
    f.write(b"%PDF-1.7\n")
    h.update(b"%PDF-1.7\n")
    left = size - 9
    while left > 0:
        block = os.urandom(min(left, 64 << 20))
        f.write(block)
        h.update(block)
        left -= len(block)
digest = h.hexdigest()
subprocess.run(["sync"], check=True)
t = time.perf_counter()
subprocess.run(["dd", f"if={src}", f"of={WORK}/dd.out", "bs=4M", "conv=fsync", "status=none"], check=True)
dd_s = time.perf_counter() - t
os.remove(f"{WORK}/dd.out")
subprocess.run(["sync"], check=True)
idle = [rss_kb(p) for p in PIDS]
peak = list(idle)
stop = threading.Event()


def sample():
    while not stop.is_set():
        for i, p in enumerate(PIDS):
            peak[i] = max(peak[i], rss_kb(p))
        time.sleep(0.01)


sampler = threading.Thread(target=sample)
sampler.start()
cookie, entry = families[0]
t = time.perf_counter()
with open(src, "rb") as f:
    ok, answer = upload(conn(), cookie, entry, "big.pdf", f.read, size, 16 << 20)
up_s = time.perf_counter() - t
stop.set()
sampler.join()
if not ok:
    sys.exit(f"big upload failed: {answer!r}")
stored = sql(f"SELECT b.sha256 FROM entry_file f JOIN blob b USING (sha256) WHERE f.public_id = '{answer['file']['id']}'")
assert stored == digest, f"stored {stored}, sent {digest}"
mb = size / (1 << 20)
print(f"1. {mb:.0f} MB in 16 MB pieces through nginx, alternating instances, into Garage (SHA-256 checked): {up_s:6.2f} s = {mb / up_s:6.1f} MB/s")
print(f"   dd of the same file to the same disk (conv=fsync): {dd_s:6.2f} s = {mb / dd_s:6.1f} MB/s   -> upload at {dd_s / up_s * 100:.0f}% of dd")
for i, p in enumerate(PIDS):
    print(f"   instance {i + 1}: RSS idle {idle[i] / 1024:.1f} MB, peak {peak[i] / 1024:.1f} MB: growth {(peak[i] - idle[i]) / 1024:.1f} MB (target < 64 MB)")
os.remove(src)

# 2. The deadline rush: UPLOADS works of 5 MB, CLIENTS at a time, each with bytes of its own.
FIVE = 5 * 1024 * 1024
base = os.urandom(FIVE)
times, failures, sent = [], [], {}
lock = threading.Lock()
next_i = [0]


def worker():
    c = conn()
    while True:
        with lock:
            i = next_i[0]
            next_i[0] += 1
        if i >= UPLOADS:
            return
        body = b"%PDF-1.4\n" + i.to_bytes(8, "big") + base[17:]
        cookie, entry = families[1 + i // PER_ENTRY] if UPLOADS > 0 else families[0]
        pos = [0]

        def read(n):
            chunk = body[pos[0]:pos[0] + n]
            pos[0] += n
            return chunk

        t = time.perf_counter()
        try:
            ok, answer = upload(c, cookie, entry, f"work-{i}.pdf", read, FIVE, 4 << 20)
        except Exception as e:  # a dropped connection is a failure to report, not a crash
            ok, answer = False, repr(e)
            c = conn()
        with lock:
            if ok:
                times.append(time.perf_counter() - t)
                sent[answer["file"]["id"]] = (hashlib.sha256(body).hexdigest(), cookie)
            else:
                failures.append(answer)


wall = loadclient.run_threads([(worker, ()) for _ in range(CLIENTS)])
print(f"2. deadline rush: {UPLOADS} works of 5 MB by {len(families) - 1} families, {CLIENTS} at a time: "
      f"{len(times)} succeeded, {len(failures)} failed; wall {wall:.1f} s ({UPLOADS * 5 / wall:.0f} MB/s; {'within' if wall <= 600 else 'OVER'} 10 minutes)")
if times:
    print(f"   {loadclient.completion(times)}")
# Losses: every acknowledged work in the database with its hash, and back byte for byte.
rows = dict(line.split("|") for line in sql(
    f"SELECT f.public_id || '|' || f.sha256 FROM entry_file f JOIN entry e USING (entry_id) WHERE e.contest_id = {contest_id} AND f.original_name LIKE 'work-%'").splitlines() if line)
lost = [fid for fid, (sha, _) in sent.items() if rows.get(fid) != sha]
c = conn()
damaged = 0
for fid, (sha, cookie) in sent.items():
    c.request("GET", f"/files/{fid}", headers={"cookie": cookie})
    r = c.getresponse()
    if r.status != 200 or hashlib.sha256(r.read()).hexdigest() != sha:
        damaged += 1
print(f"   losses: {len(lost)} missing or different in the database, {damaged} not read back byte for byte from the bucket")
left = sql("SELECT COUNT(*) FROM upload WHERE file_public_id IS NULL")
print(f"   uploads left unfinished: {left}")
if failures or lost or damaged:
    print("   first failure:", (failures or ["-"])[0][:200])
    sys.exit(1)
