#!/usr/bin/env python3
"""Latency under load: N concurrent clients GET each URL in turn until the duration ends
or the file STOP exists; prints p50, p99 and max per URL, in milliseconds.
Usage: latency.py --clients 10 --seconds 5 [--until-gone PID] URL...
Standard library only (the bench must run on a machine without extra packages)."""
import argparse, http.client, os, threading, time, urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--until-gone", type=int, default=0, help="run until this PID exits")
    ap.add_argument("--label", default="")
    ap.add_argument("urls", nargs="+")
    a = ap.parse_args()
    samples = {u: [] for u in a.urls}
    errors = {u: 0 for u in a.urls}
    lock = threading.Lock()
    t_end = time.monotonic() + a.seconds

    def alive():
        if a.until_gone:
            try:
                os.kill(a.until_gone, 0)
                return True
            except OSError:
                return False
        return time.monotonic() < t_end

    def client():
        conns = {}
        while alive():
            for u in a.urls:
                p = urllib.parse.urlsplit(u)
                c = conns.get(p.netloc) or http.client.HTTPConnection(p.netloc, timeout=30)
                conns[p.netloc] = c
                t = time.perf_counter()
                try:
                    c.request("GET", p.path or "/")
                    r = c.getresponse()
                    r.read()
                    ok = r.status < 500
                except Exception:
                    ok = False
                    conns.pop(p.netloc, None)
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    if ok:
                        samples[u].append(ms)
                    else:
                        errors[u] += 1

    threads = [threading.Thread(target=client, daemon=True) for _ in range(a.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for u in a.urls:
        s = sorted(samples[u])
        if not s:
            print(f"{a.label} {u}: no answers ({errors[u]} errors)")
            continue
        pct = lambda q: s[min(len(s) - 1, int(q * len(s)))]
        print(f"{a.label} {u}: n={len(s)} p50={pct(0.5):.1f} ms p99={pct(0.99):.1f} ms max={s[-1]:.1f} ms errors={errors[u]}")


if __name__ == "__main__":
    main()
