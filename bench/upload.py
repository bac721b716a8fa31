"""The load behind bench/upload: sets up an entrant with entries (server functions, plus
raised nomination limits written straight to the database), then measures. Standard library only."""

import hashlib, http.client, os, sqlite3, subprocess, sys, threading, time
import loadclient
from loadclient import rss_kb

DATA, PID, SIZE_MB = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
HOST, PORT = "127.0.0.1", 3997


def conn():
    return http.client.HTTPConnection(HOST, PORT, timeout=600, blocksize=1 << 20)


def call(endpoint, form, cookie=""):
    return loadclient.call(conn, endpoint, form, cookie)


def upload(cookie, entry, name, source, size, piece):
    """Resumable upload of `size` bytes read from `source` (a file object) in `piece` bytes."""
    return loadclient.upload(conn(), cookie, entry, name, source.read, size, piece)


db = sqlite3.connect(f"{DATA}/baiqau.db", timeout=30)
now = int(time.time())
contest_id, contest = db.execute(
    "SELECT contest_id, public_id FROM contest WHERE status = 'announced' AND submissions_open_at <= ? AND submissions_close_at > ? ORDER BY contest_id LIMIT 1",
    (now, now)).fetchone()
nomination = db.execute("SELECT nomination_id FROM nomination WHERE contest_id = ? AND allowed_kinds LIKE '%pdf%' ORDER BY position LIMIT 1",
                        (contest_id,)).fetchone()[0]
db.execute("UPDATE nomination SET max_file_mb = 2048, max_files = 50, max_entries_per_participant = 50 WHERE nomination_id = ?", (nomination,))
db.commit()

r = call("register", {"email": "bench@mail.kz", "display_name": "Bench", "password": "correct horse battery"})
cookie = loadclient.session_cookie(r)
call("save_participant", {"id": "", "full_name": "Бенч Бенчов", "birth_date": "2016-03-03", "consent": "on", "next": ""}, cookie)
# The bench account's own participant and entries: the demo data has others.
participant = db.execute("SELECT p.public_id FROM participant p JOIN account a USING (account_id) WHERE a.email = 'bench@mail.kz'").fetchone()[0]
for i in range(5):
    call("create_entry", {"id": contest, "token": f"bench-{i}", "participant": participant, "nomination": str(nomination),
                          "title": f"Bench {i}", "description": ""}, cookie)
entries = [row[0] for row in db.execute("SELECT e.public_id FROM entry e JOIN account a USING (account_id) WHERE a.email = 'bench@mail.kz' ORDER BY e.entry_id")]
assert len(entries) == 5, f"bench entries: {len(entries)}"

print(f"bench/upload: release build, loopback, {os.cpu_count()} cores, data in {DATA}")

# 1. One big file beside dd.
size = SIZE_MB * 1024 * 1024
src = f"{DATA}/source.pdf"
with open(src, "wb") as f:
    f.write(b"%PDF-1.7\n")
    left = size - 9
    while left > 0:
        n = min(left, 64 << 20)
        f.write(os.urandom(n))
        left -= n
subprocess.run(["sync"], check=True)
t = time.perf_counter()
subprocess.run(["dd", f"if={src}", f"of={DATA}/dd.out", "bs=4M", "conv=fsync", "status=none"], check=True)
dd_s = time.perf_counter() - t
os.remove(f"{DATA}/dd.out")
subprocess.run(["sync"], check=True)

idle = rss_kb(PID)
peak = [idle]
stop = threading.Event()
def sample():
    while not stop.is_set():
        peak[0] = max(peak[0], rss_kb(PID))
        time.sleep(0.01)
sampler = threading.Thread(target=sample)
sampler.start()
t = time.perf_counter()
with open(src, "rb") as f:
    ok, answer = upload(cookie, entries[0], "big.pdf", f, size, 16 << 20)
up_s = time.perf_counter() - t
stop.set()
sampler.join()
if not ok:
    sys.exit(f"big upload failed: {answer!r}")
digest = hashlib.sha256(open(src, "rb").read()).hexdigest()
stored = f"{DATA}/store/blobs/{digest[:2]}/{digest}"
assert os.path.getsize(stored) == size, "stored size differs"
mb = size / (1 << 20)
print(f"1. {mb:.0f} MB, 16 MB pieces (sha-256 checked, stored durably): {up_s:6.2f} s = {mb / up_s:7.1f} MB/s")
print(f"   dd of the same file to the same disk (conv=fsync):      {dd_s:6.2f} s = {mb / dd_s:7.1f} MB/s   -> upload at {dd_s / up_s * 100:.0f}% of dd")
print(f"   server RSS idle {idle / 1024:.1f} MB, peak {peak[0] / 1024:.1f} MB: growth {(peak[0] - idle) / 1024:.1f} MB (limit 64 MB)")
os.remove(src)

# 2. 200 uploads of 5 MB at once.
N, FIVE = 200, 5 * 1024 * 1024
payloads = [b"%PDF-1.4\n" + os.urandom(FIVE - 9) for _ in range(8)]
times, failures = [], []
lock = threading.Lock()
barrier = threading.Barrier(N)
def one(i):
    import io
    body = io.BytesIO(payloads[i % 8][:-4] + i.to_bytes(4, "big"))
    barrier.wait()
    t = time.perf_counter()
    ok, answer = upload(cookie, entries[1 + i // 50], f"work-{i}.pdf", body, FIVE, 4 << 20)
    with lock:
        (times if ok else failures).append(time.perf_counter() - t if ok else answer)
wall = loadclient.run_threads([(one, (i,)) for i in range(N)])
print(f"2. {N} × 5 MB at once: {len(times)} succeeded, {len(failures)} failed; wall {wall:.2f} s ({N * 5 / wall:.0f} MB/s in all)")
if times:
    print(f"   {loadclient.completion(times)}")
files = db.execute("SELECT COUNT(*) FROM entry_file f JOIN entry e USING (entry_id) JOIN account a ON a.account_id = e.account_id WHERE a.email = 'bench@mail.kz'").fetchone()[0]
print(f"   the bench's entry files in the database: {files} (1 + {N})")
if files != 1 + N:
    sys.exit(f"expected {1 + N} files of the bench's entries, found {files}")
if failures:
    print("   first failure:", failures[0][:200])
    sys.exit(1)
