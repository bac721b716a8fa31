"""What bench/upload.py and bench/scaleout.py share: a server function call, the resumable
upload protocol as the browser speaks it, a process's RSS. Standard library only."""

import json, sys, threading, time, urllib.parse

SAME = {"sec-fetch-site": "same-origin"}


def call(conn, endpoint, form, cookie=""):
    """POSTs a server function as a page's script does; exits on an error answer."""
    c = conn()
    c.request("POST", f"/api/{endpoint}", urllib.parse.urlencode(form),
              {**SAME, "content-type": "application/x-www-form-urlencoded", "accept": "application/json", "cookie": cookie})
    r = c.getresponse()
    body = r.read()
    if r.status >= 400:
        sys.exit(f"{endpoint}: {r.status} {body[:200]!r}")
    return r


def session_cookie(response):
    """`name=value` of the session cookie a login or registration set."""
    return next(v for k, v in response.getheaders() if k.lower() == "set-cookie" and "session" in v).split(";")[0]


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def upload(c, cookie, entry, name, read, size, piece):
    """Resumable upload over connection `c` of `size` bytes from `read(n)`, `piece` bytes at
    a time: (ok, the last answer)."""
    h = {**SAME, "cookie": cookie}
    c.request("POST", "/uploads", json.dumps({"entry": entry, "name": name, "size": size}), {**h, "content-type": "application/json"})
    r = c.getresponse()
    body = r.read()
    if r.status != 201:
        return False, body
    uid = json.loads(body)["id"]
    offset = 0
    while offset < size:
        chunk = read(min(piece, size - offset))
        c.request("PATCH", f"/uploads/{uid}", chunk, {**h, "upload-offset": str(offset), "content-length": str(len(chunk))})
        r = c.getresponse()
        body = r.read()
        if r.status != 200:
            return False, body
        answer = json.loads(body)
        offset = answer["offset"]
        if answer["done"]:
            return True, answer
    return False, b"ended early"


def run_threads(targets):
    """Starts every (function, args) at once and waits for all: the wall time in seconds."""
    threads = [threading.Thread(target=f, args=a) for f, a in targets]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return time.perf_counter() - t


def completion(times):
    """`p50 …, p99 …, max …` of completion times in seconds."""
    times = sorted(times)
    p = lambda q: times[min(len(times) - 1, int(round(q * (len(times) - 1))))]
    return f"completion p50 {p(0.5):.2f} s, p99 {p(0.99):.2f} s, max {times[-1]:.2f} s"
