"""`make bench`: build a 100,000-case database, serve it with granian, and load it with wrk.

The load is a day at an office, not one URL again and again: each request is drawn at random by a
wrk Lua script — one of four signed-in caseworkers at three offices; for the case list a status
filter (or none), a sort and a page from 1 to 10; for the case page one of the caseworker's
office's cases with a 50-event timeline (10,000 such cases in all). The same draws load the plain
Django pages of the same shape (``bench/plain.py``: 25 rows with prefetch, a case with its 50
events; no sign-in, no permission filter, no access log), served in the same run as the baseline.

For each cache setting (Redis as the shared cache, and none: the per-process cache only) it
measures a no-op endpoint (the ceiling), the case list, the case page and the two plain pages at 1
and 32 connections; the SQL queries each page makes; and each page's CPU time in-process, also for
a first view. ``--before REV`` also serves the source tree at git revision REV (with this bench/
copied in) and measures it side by side, page by page, so the two share the machine's mood.

The server runs as the README's production section says: granian, persistent database
connections, and Redis as the shared cache when one answers at BENCH_CACHE_URL; its database is
emptied first, since the bench data is bulk-built without the events that would move the cached
counts on.
"""

import argparse
import http.client
import json
import os
import re
import secrets
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
# One key for every process of a run (the data builder's sessions must be valid on the server).
BENCH_SECRET_KEY = "bench-" + secrets.token_urlsafe(40)
TARGET_P99_MS, TARGET_TIMES_PLAIN = 50, 2.0
PAGES = ("noop", "case_list", "case_page", "plain_list", "plain_page")
SORTS = ("received", "oldest", "due", "reference", "status")


def database_env(db: str, tree: Path = ROOT, shared_cache: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH", "CACHE_URL")}
    env |= {"DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "0", "PYTHONPATH": str(tree), "DB_CONN_MAX_AGE": "600"}
    if db == "postgres":
        env["DATABASE_URL"] = POSTGRES_URL
        # Production-shaped (DEBUG off, DATABASE_URL): the entry points want a key of their own.
        env.setdefault("SECRET_KEY", BENCH_SECRET_KEY)
    else:
        env["SQLITE_PATH"] = str(ROOT / "var" / "bench.sqlite3")
    if shared_cache:
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


def python(module: str, env: dict[str, str], *args: str, tree: Path = ROOT) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", module, *args], env=env, cwd=tree, check=True, capture_output=True, text=True
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def before_tree(revision: str) -> Path:
    """The source tree at `revision`, with this bench/ in it, static files collected."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", revision], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    tree = ROOT / "var" / f"bench-before-{commit}"
    if not tree.exists():
        tree.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        (tree / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.rmtree(tree / "bench", ignore_errors=True)
    shutil.copytree(ROOT / "bench", tree / "bench", ignore=shutil.ignore_patterns("__pycache__"))
    collect_static(tree)
    return tree


def collect_static(tree: Path) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=tree,
        check=True,
        env=database_env("sqlite", tree),
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(env: dict[str, str], tree: Path) -> tuple[subprocess.Popen[bytes], str]:
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
    server = subprocess.Popen(command, env=env, cwd=tree)
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


def check_signed_in(base: str, data: dict[str, Any]) -> None:
    """Every caseworker's session opens their case list with a 200, not a redirect to a sign-in step
    (wrk counts only 4xx and 5xx as errors, so a load of redirects would look like a fast page)."""
    for caseworker in data["caseworkers"]:
        host, port = base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        cookie = f"sessionid={caseworker['session']}; django_language=nb"
        connection.request("GET", "/workspace/cases/", headers={"Cookie": cookie})
        status = connection.getresponse().status
        connection.close()
        if status != 200:
            raise RuntimeError(f"{caseworker['username']}'s session got {status} from {base}, not 200")


def _lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string of ASCII is a valid Lua string


def load_script(page: str, data: dict[str, Any]) -> Path:
    """A wrk script that draws each request: a caseworker, then a filtered list page or one of their cases."""
    users = ",\n".join(
        "  {cookie = "
        + _lua_string(f"sessionid={c['session']}; csrftoken={data['csrf_cookie']}; django_language=nb")
        + f", office = {c['office_id']:d}, cases = {{"
        + ", ".join(_lua_string(reference) for reference in c["cases"])
        + "}}"
        for c in data["caseworkers"]
    )
    statuses = ", ".join(_lua_string(s) for s in ["", *data["statuses"]])
    sorts = ", ".join(_lua_string(s) for s in SORTS)
    script = f"""-- Written by bench/run.py: one request drawn at random each time.
local users = {{
{users}
}}
local statuses = {{{statuses}}}
local sorts = {{{sorts}}}
local page = {_lua_string(page)}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
end

local function query(u)
  return "status=" .. statuses[math.random(#statuses)] .. "&sort=" .. sorts[math.random(#sorts)]
    .. "&page=" .. math.random(10)
end

function request()
  local u = users[math.random(#users)]
  local path, headers
  if page == "case_list" then
    path = "/workspace/cases/?" .. query(u)
  elseif page == "case_page" then
    path = "/workspace/cases/" .. u.cases[math.random(#u.cases)] .. "/"
  elseif page == "plain_list" then
    path = "/bench/plain/cases/?office=" .. u.office .. "&" .. query(u)
  elseif page == "plain_page" then
    path = "/bench/plain/cases/" .. u.cases[math.random(#u.cases)] .. "/"
  else
    path = "/healthz/"
  end
  if page == "case_list" or page == "case_page" then
    headers = {{Cookie = u.cookie}}
  else
    headers = {{Cookie = "django_language=nb"}}
  end
  return wrk.format("GET", path, headers)
end
"""
    path = ROOT / "var" / "bench-lua" / f"{page}.lua"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script)
    return path


def wrk(base: str, script: Path, connections: int, seconds: int) -> dict[str, float]:
    threads = min(connections, 2)
    out = subprocess.run(
        ["wrk", "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "-s", str(script), base],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk saw non-2xx responses from {base} with {script.name}:\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]  # wrk always prints it
        "p50_ms": _latency(out, "50%"),
        "p99_ms": _latency(out, "99%"),
    }


def _latency(out: str, percentile: str) -> float:
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def sample_paths(data: dict[str, Any]) -> dict[str, str]:
    """One request of each page, for counting its queries and timing it in-process."""
    office = data["caseworkers"][0]["office_id"]
    return {
        "noop": "/healthz/",
        "case_list": "/workspace/cases/?status=preparing&sort=due&page=3",
        "case_page": f"/workspace/cases/{data['page_case']}/",
        "plain_list": f"/bench/plain/cases/?office={office}&status=preparing&sort=due&page=3",
        "plain_page": f"/bench/plain/cases/{data['page_case']}/",
    }


def bench_database(db: str, args: argparse.Namespace, trees: dict[str, Path]) -> dict[str, Any]:
    if db == "postgres":
        ensure_postgres_database()
    else:
        (ROOT / "var").mkdir(exist_ok=True)
    print(f"[{db}] building data …", flush=True)
    build_args = ["--cases", str(args.cases), *(["--rebuild"] if args.rebuild else [])]
    data = python("bench.build_data", database_env(db), *build_args)
    print(
        f"[{db}] {data['cases']:,} cases ({data['long_cases']:,} with {data['page_case_events']} events), "
        f"{data['parties']:,} parties, {data['events']:,} events ({data['built']})",
        flush=True,
    )
    scripts = {page: load_script(page, data) for page in PAGES}
    paths = sample_paths(data)
    caches = {"redis": True, "none": False} if args.cache == "both" else {args.cache: args.cache == "redis"}
    results: dict[str, Any] = {"data": {k: data[k] for k in ("cases", "parties", "events", "long_cases")}}
    for cache_name, shared in caches.items():
        if shared and not shared_cache_answers():
            print(f"[{db}] no Redis at {CACHE_URL}: skipping the shared cache", flush=True)
            continue
        run: dict[str, Any] = {}
        results[cache_name] = run
        servers = {}
        try:
            for tree_name, tree in trees.items():
                env = database_env(db, tree, shared)
                run[tree_name] = {"queries": python("bench.query_counts", env, json.dumps(paths), tree=tree)}
                servers[tree_name] = start_server(env, tree)
                check_signed_in(servers[tree_name][1], data)
            for page in PAGES:
                for tree_name, (_server, base) in servers.items():
                    wrk(base, scripts[page], 8, 2)  # warm up every worker and connection
                    measured = {f"c{c}": wrk(base, scripts[page], c, args.duration) for c in (1, 32)}
                    run[tree_name][page] = measured
                    print(f"[{db}, {cache_name} cache, {tree_name}] {page}: {measured}", flush=True)
        finally:
            for server, _base in servers.values():
                server.terminate()
                server.wait(timeout=20)
    return results


def report(all_results: dict[str, Any]) -> None:
    for db, results in all_results.items():
        print(f"\n{db}: {results['data']}")
        print(
            "\n| shared cache | page | tree | queries | req/s at 32 | p50 ms at 1 | p99 ms at 1 | p99 ms at 32 | CPU ms (again / first) |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for cache_name in ("redis", "none"):
            run = results.get(cache_name)
            if run is None:
                continue
            for page in PAGES:
                for tree_name, measured in run.items():
                    q = measured["queries"].get(page, {})
                    c1, c32 = measured[page]["c1"], measured[page]["c32"]
                    cpu = f"{q.get('cpu_ms', '')} / {q.get('cpu_ms_first_view', '')}" if page != "noop" else ""
                    print(
                        f"| {cache_name} | {page} | {tree_name} | {q.get('queries', '')} | {c32['rps']:.0f} | "
                        f"{c1['p50_ms']:.1f} | {c1['p99_ms']:.1f} | {c32['p99_ms']:.1f} | {cpu} |"
                    )
            for tree_name, measured in run.items():
                for page, plain in (("case_list", "plain_list"), ("case_page", "plain_page")):
                    times = measured[page]["c32"]["rps"] / measured[plain]["c32"]["rps"]
                    p99 = measured[page]["c1"]["p99_ms"]
                    verdict = "meets" if times >= TARGET_TIMES_PLAIN and p99 < TARGET_P99_MS else "misses"
                    print(
                        f"{db}, {cache_name} cache, {tree_name}: {page} {times:.2f}× {plain} at 32 connections, "
                        f"p99 {p99:.1f} ms at 1: {verdict} the target (>= {TARGET_TIMES_PLAIN:.0f}×, < {TARGET_P99_MS} ms)"
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
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="postgres")
    parser.add_argument("--cases", type=int, default=100_000, help="cases to build (default 100,000)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the data even if it is there")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--cache", choices=["redis", "none", "both"], default="both", help="shared cache or not")
    parser.add_argument("--before", metavar="REV", help="also serve git revision REV and measure it side by side")
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
    collect_static(ROOT)
    trees = {"after": ROOT} if args.before is None else {"before": before_tree(args.before), "after": ROOT}
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    all_results: dict[str, Any] = {db: bench_database(db, args, trees) for db in dbs}
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
