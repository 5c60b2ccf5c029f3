"""`make bench`: build a 100,000-case database, serve it with granian, and load it with wrk.

For each database (SQLite, PostgreSQL) it measures (a) a no-op endpoint on the same stack — the
ceiling —, (b) the filtered case list and (c) the case page with a 50-event timeline, as a
signed-in caseworker, at 1 and at 32 connections; the SQL queries each page makes; and each
page's CPU time in-process, also for a first view (nothing kept from an earlier request).

The server runs as the README's production section says: granian, persistent database
connections, and Redis as the shared cache (sessions, signed-in users, case counts) when one
answers at BENCH_CACHE_URL; its database is emptied first, since the bench data is bulk-built
without the events that would move the cached counts on.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench import documents as bench_documents
from bench import tone as bench_tone

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
POSTGRES_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mekle_bench")
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/9")
# Two worker processes (one per core) with four threads each: enough to overlap database waits
# without more connections than PostgreSQL wants, and without the GIL contention of many threads.
WORKERS, THREADS = 2, 4
TARGET_RPS, TARGET_P99_MS = 300, 50


def database_env(db: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    env |= {"DJANGO_SETTINGS_MODULE": "mekle.settings", "DEBUG": "0", "PYTHONPATH": str(ROOT), "DB_CONN_MAX_AGE": "600"}
    if db == "postgres":
        env["DATABASE_URL"] = POSTGRES_URL
    else:
        env["SQLITE_PATH"] = str(ROOT / "var" / "bench.sqlite3")
    if shared_cache_answers():
        env["CACHE_URL"] = CACHE_URL
    return env


def shared_cache_answers() -> bool:
    """Whether Redis answers at CACHE_URL; then its database is emptied for a fresh run."""
    import redis

    try:
        redis.Redis.from_url(CACHE_URL, socket_connect_timeout=1).flushdb()
    except redis.exceptions.RedisError:
        return False
    return True


def ensure_postgres_database() -> None:
    name = POSTGRES_URL.rsplit("/", 1)[-1]
    server = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def python(module: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", module, *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "granian",
        "mekle.wsgi:application",
        "--interface",
        "wsgi",
        "--workers",
        str(WORKERS),
        "--blocking-threads",
        str(THREADS),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{base}/healthz/", timeout=1) as response:
                if response.status == 200:
                    return server, base
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("granian did not start")


def wrk(url: str, connections: int, seconds: int, cookie: str) -> dict[str, float]:
    threads = min(connections, 2)
    out = subprocess.run(
        [
            "wrk",
            "--latency",
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk saw non-2xx responses from {url}:\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]  # wrk always prints it
        "p50_ms": _latency(out, "50%"),
        "p99_ms": _latency(out, "99%"),
    }


def _latency(out: str, percentile: str) -> float:
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def bench_database(db: str, args: argparse.Namespace) -> dict[str, Any]:
    env = database_env(db)
    if db == "postgres":
        ensure_postgres_database()
    else:
        (ROOT / "var").mkdir(exist_ok=True)
    print(f"[{db}] building data …", flush=True)
    data = python("bench.build_data", env, *(["--rebuild"] if args.rebuild else []))
    print(
        f"[{db}] {data['cases']:,} cases, {data['parties']:,} parties, {data['events']:,} events ({data['built']})",
        flush=True,
    )
    paths = {
        "noop": "/healthz/",
        "case_list": "/workspace/cases/?status=preparing&sort=due",
        "case_page": f"/workspace/cases/{data['page_case']}/",
    }
    queries = python("bench.query_counts", env, json.dumps(paths))
    server, base = start_server(env)
    # As a browser sends it: the session, the language chosen, and the CSRF cookie set on its first page.
    cookie = f"sessionid={data['session']}; csrftoken={data['csrf_cookie']}; django_language=nb"
    results: dict[str, Any] = {
        "data": {k: data[k] for k in ("cases", "parties", "events", "page_case_events")},
        "shared_cache": "CACHE_URL" in env,
        "queries": queries,
    }
    try:
        for name, path in paths.items():
            wrk(base + path, 8, 2, cookie)  # warm up every worker and connection
            results[name] = {f"c{c}": wrk(base + path, c, args.duration, cookie) for c in (1, 32)}
            print(f"[{db}] {name}: {results[name]}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return results


def report(all_results: dict[str, Any]) -> None:
    print("\n| db | endpoint | queries | conns | req/s | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    for db, results in all_results.items():
        for name in ("noop", "case_list", "case_page"):
            for conns in ("c1", "c32"):
                r = results[name][conns]
                q = results["queries"].get(name, {}).get("queries", "")
                print(f"| {db} | {name} | {q} | {conns[1:]} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} |")
        for name in ("case_list", "case_page"):
            cpu = results["queries"].get(name, {})
            print(
                f"{db} {name}: {cpu.get('cpu_ms', '?')} ms CPU a request in-process when viewed again, "
                f"{cpu.get('cpu_ms_first_view', '?')} ms for a first view"
            )
        ceiling = results["noop"]["c32"]["rps"]
        for name in ("case_list", "case_page"):
            c32, c1 = results[name]["c32"], results[name]["c1"]
            verdict = "meets" if c32["rps"] >= TARGET_RPS and c1["p99_ms"] < TARGET_P99_MS else "misses"
            print(
                f"{db} {name}: {c32['rps'] / ceiling:.1%} of the no-op ceiling at 32 connections; "
                f"{verdict} the target (>= {TARGET_RPS} req/s at 32, p99 < {TARGET_P99_MS} ms at 1)"
            )


def _documents() -> dict[str, Any]:
    """The PDF render timings, in a child process so Django's set-up there does not touch this one."""
    code = "import json, bench.documents as d; print(json.dumps(d.run()))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def _tone() -> dict[str, Any]:
    """The tone check on the labelled test split, in a child process like the PDF renders."""
    code = "import json, bench.tone as t; print(json.dumps(t.run()))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the data even if it is there")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument(
        "--only",
        choices=["pages", "documents", "tone"],
        help="run only the page load tests, the PDF renders or the tone check",
    )
    args = parser.parse_args()
    if args.only == "tone":
        bench_tone.report(_tone())
        return
    if args.only in (None, "pages") and shutil.which("wrk") is None:
        sys.exit("The page load tests need wrk, the HTTP load generator: apt-get install wrk")
    tone_result = _tone() if args.only is None else None
    documents_result = _documents() if args.only != "pages" else None
    if args.only == "documents":
        bench_documents.report(documents_result)  # type: ignore[arg-type]  # set above when not "pages"
        return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        check=True,
        env=database_env("sqlite"),
    )
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    all_results = {db: bench_database(db, args) for db in dbs}
    report(all_results)
    if documents_result is not None:
        bench_documents.report(documents_result)
        all_results["documents"] = documents_result
    if tone_result is not None:
        bench_tone.report(tone_result)
        all_results["tone"] = tone_result
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(all_results, indent=2))
    print(f"\nWrote {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
