#!/usr/bin/env python3
"""Ingestion load for /api/v1/entries:batch: N entries in batches from C concurrent clients.

Each client has its own token (given comma-separated); the entries go to the officers the
first token can read (GET /officers), each with a task of its position's catalog in force
on a day of the last 40 days. Prints the wall time, the entries per second and the
per-batch latency percentiles; exits 1 if any batch is not answered 200 with every entry
created."""
import argparse
import datetime as dt
import json
import statistics
import sys
import threading
import time
import urllib.request


def call(base, token, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method="POST" if data else "GET")
    req.add_header("Authorization", "Bearer " + token)
    if data:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=120) as res:
        return res.status, json.loads(res.read())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--tokens", required=True)
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--prefix", default="bench")
    a = ap.parse_args()
    tokens = a.tokens.split(",")
    _, officers = call(a.base, tokens[0], "/officers?per_page=500")
    people = [o for o in officers["officers"] if o["active"] and o["person_id"] and o["position_code"]]
    today = dt.date.today()
    days = [today - dt.timedelta(days=d) for d in range(2, 40)]
    tasks = {}
    for o in people:
        code = o["position_code"]
        if code not in tasks:
            _, cat = call(a.base, tokens[0], f"/positions/{code}/catalog?date={days[-1]}")
            tasks[code] = [t["code"] for t in cat["tasks"]]
    people = [o for o in people if tasks[o["position_code"]]]
    n_batches = a.entries // a.batch
    latencies, failures, lock = [], [], threading.Lock()

    def batch(b):
        entries = []
        for i in range(a.batch):
            k = b * a.batch + i
            o = people[k % len(people)]
            t = tasks[o["position_code"]]
            entries.append({
                "external_id": f"{a.prefix}-{k:07d}", "person_id": o["person_id"],
                "work_date": str(days[k % len(days)]), "task_code": t[k % len(t)],
                "quantity": 1 + k % 3, "document": f"{k}/UBND-VP",
            })
        return {"entries": entries}

    def client(c):
        for b in range(c, n_batches, len(tokens)):
            body = batch(b)
            t0 = time.perf_counter()
            try:
                status, res = call(a.base, tokens[c], "/entries:batch", body)
            except Exception as e:  # noqa: BLE001
                with lock:
                    failures.append(f"batch {b}: {e}")
                continue
            took = time.perf_counter() - t0
            with lock:
                latencies.append(took)
                if status != 200 or res["created"] != a.batch:
                    failures.append(f"batch {b}: {status} created {res.get('created')} refused {res.get('refused')}")

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(c,)) for c in range(len(tokens))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat = sorted(latencies)
    pct = lambda p: lat[min(len(lat) - 1, int(round(p / 100 * (len(lat) - 1))))] if lat else float("nan")
    print(f"{a.entries} entries in {n_batches} batches of {a.batch} from {len(tokens)} clients: "
          f"wall {wall:.2f} s, {a.entries / wall:.0f} entries/s; per batch p50 {pct(50) * 1000:.0f} ms, "
          f"p99 {pct(99) * 1000:.0f} ms, max {lat[-1] * 1000 if lat else 0:.0f} ms, mean {statistics.mean(lat) * 1000 if lat else 0:.0f} ms")
    if failures:
        print("FAILED:", *failures[:10], sep="\n  ")
        sys.exit(1)


if __name__ == "__main__":
    main()
