"""A worker killed with SIGKILL in the middle of each kind of task, then new workers: each effect once.

Real `run_worker` processes on a file-based SQLite database (a subprocess cannot see the tests'
in-memory one), or on PostgreSQL when DATABASE_URL is set (a database of its own, made from a
migrated template). The first worker is told to block at a named point (mekle/outbox/pause.py) and
is killed there; then two workers (two machines) take over. Short heartbeat, lease and sweep
settings make the takeover take seconds instead of a minute and a half.

Effects are read the way the world outside sees them: the e-mails from the file backend's
directory (by Message-ID), the webhooks from an HTTP server in this process (by id), the PDFs from
the database and the media directory.
"""

import http.server
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings

pytestmark = pytest.mark.slow

ROOT = Path(settings.BASE_DIR)
FAST = {
    "MEKLE_WORKER_HEARTBEAT_SECONDS": "0.3",
    "MEKLE_TASK_LEASE_SECONDS": "3",
    "MEKLE_SWEEP_SECONDS": "0.5",
    "MEKLE_OUTBOX_CLAIM_SECONDS": "8",
}


class Database:
    """The workers' database, from outside: a SQLite file, or a PostgreSQL database of its own."""

    def __init__(self, env: dict[str, str], *, url: str = "", path: Path | None = None) -> None:
        self.env, self.url, self.path = env, url, path

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        if self.url:
            with psycopg.connect(self.url, autocommit=True) as conn:
                return conn.execute(sql, params).fetchall()
        assert self.path is not None
        lite = sqlite3.connect(self.path, timeout=10)
        try:
            return lite.execute(sql.replace("%s", "?"), params).fetchall()
        finally:
            lite.close()

    def value(self, sql: str, *params: Any) -> Any:
        return self.rows(sql, *params)[0][0]


def manage_env(tmp: Path, database: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SQLITE_PATH", "MEKLE_TEST_PAUSE_AT"}}
    env.update(database)
    env.update(
        {
            "MEKLE_VAR_DIR": str(tmp / "var"),
            "MEDIA_ROOT": str(tmp / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(tmp / "mail"),
            "MEKLE_TEST_PAUSE_DIR": str(tmp),
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "DJANGO_SETTINGS_MODULE": "mekle.settings",
            "SECRET_KEY": "kill-tests-only",
            **FAST,
        }
    )
    (tmp / "var").mkdir(exist_ok=True)
    return env


def run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A migrated database to copy for each test: SQLite file or PostgreSQL template."""
    tmp = tmp_path_factory.mktemp("chaos-template")
    base_url = os.environ.get("DATABASE_URL", "")
    if base_url:
        parts = urllib.parse.urlsplit(base_url)
        # One template per test process (pytest-xdist runs several): `<name>_chaos_<worker>_tpl`.
        name = f"{parts.path.lstrip('/')}_chaos_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_tpl"
        admin_url = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        url = parts._replace(path=f"/{name}").geturl()
        run(manage_env(tmp, {"DATABASE_URL": url}), sys.executable, "manage.py", "migrate", "--no-input", "-v0")
        yield {"kind": "postgres", "admin_url": admin_url, "name": name, "url": url}
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
    else:
        path = tmp / "template.sqlite3"
        run(manage_env(tmp, {"SQLITE_PATH": str(path)}), sys.executable, "manage.py", "migrate", "--no-input", "-v0")
        yield {"kind": "sqlite", "path": str(path)}


@pytest.fixture
def database(template: dict[str, str], tmp_path: Path) -> Iterator[Database]:
    if template["kind"] == "postgres":
        name = f"{template['name'][:-4]}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(template["admin_url"], autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template["name"]}"')
        url = urllib.parse.urlsplit(template["url"])._replace(path=f"/{name}").geturl()
        yield Database(manage_env(tmp_path, {"DATABASE_URL": url}), url=url)
        with psycopg.connect(template["admin_url"], autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "mekle.sqlite3"
        shutil.copy(template["path"], path)
        yield Database(manage_env(tmp_path, {"SQLITE_PATH": str(path)}), path=path)


def scenario(db: Database, name: str, *args: str) -> dict[str, Any]:
    out = run(db.env, sys.executable, "-m", "tests.chaos.scenarios", name, *args)
    found: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return found


def start_worker(db: Database, *, pause_at: str = "") -> subprocess.Popen[bytes]:
    env = {**db.env, "MEKLE_TEST_PAUSE_AT": pause_at}
    log = (Path(db.env["MEKLE_TEST_PAUSE_DIR"]) / f"worker-{uuid.uuid4().hex[:6]}.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_for(check: Callable[[], bool], what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def kill_at(db: Database, point: str) -> None:
    """Start a worker that blocks at `point`, wait until it is there, and SIGKILL it."""
    marker = Path(db.env["MEKLE_TEST_PAUSE_DIR"]) / f"{point}.reached"
    worker = start_worker(db, pause_at=point)
    try:
        wait_for(lambda: marker.exists() or worker.poll() is not None, f"the worker to reach {point}")
        assert worker.poll() is None, "the worker exited before reaching the pause point"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL


def take_over(db: Database, done: Callable[[], bool], what: str) -> None:
    """Two fresh workers (two machines) until `done`; then let them stop gracefully."""
    workers = [start_worker(db), start_worker(db)]
    try:
        wait_for(done, what)
        time.sleep(1.5)  # a few more sweeps: nothing may happen twice afterwards either
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=30)


def message_ids(db: Database) -> list[str]:
    folder = Path(db.env["EMAIL_FILE_PATH"])
    if not folder.exists():
        return []
    text = "".join(path.read_text() for path in sorted(folder.iterdir()))
    return re.findall(r"^Message-ID: (\S+)$", text, flags=re.MULTILINE)


def task_status(db: Database, task_suffix: str) -> list[str]:
    return [
        row[0]
        for row in db.rows(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path LIKE %s", f"%.{task_suffix}"
        )
    ]


# --- PDF -------------------------------------------------------------------------------------------


def test_the_agreement_pdfs_of_a_killed_worker_are_rendered_once_by_the_next(database: Database) -> None:
    version_id = scenario(database, "pdf")["version_id"]
    kill_at(database, "agreement.before_documents")
    assert task_status(database, "follow_up_approved_version") == ["RUNNING"]  # what the library leaves

    def documents() -> list[tuple[Any, ...]]:
        return database.rows(
            "SELECT language, file FROM agreements_document WHERE version_id = %s AND kind = 'agreement'", version_id
        )

    take_over(database, lambda: task_status(database, "follow_up_approved_version") == ["SUCCESSFUL"], "the PDFs")
    languages = sorted(row[0] for row in documents())
    assert languages == ["nb", "nn"]  # Kari reads nynorsk: one PDF in each language, each once
    files = list((Path(database.env["MEDIA_ROOT"]) / "documents").rglob("*.pdf"))
    assert len(files) == 2
    assert database.value("SELECT COUNT(*) FROM agreements_followupreminder WHERE version_id = %s", version_id) == 3
    assert task_status(database, "follow_up_approved_version") == ["SUCCESSFUL"]


# --- Reminder and e-mail ---------------------------------------------------------------------------


@pytest.mark.parametrize("point", ["reminder.queued", "email.before_send"])
def test_a_reminder_whose_worker_was_killed_before_the_send_is_sent_exactly_once(
    database: Database, point: str
) -> None:
    reminder_id = scenario(database, "reminder")["reminder_id"]
    kill_at(database, point)
    assert message_ids(database) == []

    def sent() -> bool:
        return bool(database.value("SELECT COUNT(*) FROM outbox_outboxemail WHERE status = 'sent'") == 1)

    take_over(database, sent, "the reminder's e-mail")
    (email_id,) = database.rows("SELECT id FROM outbox_outboxemail")[0]
    assert len(message_ids(database)) == 1
    assert str(uuid.UUID(str(email_id))) in message_ids(database)[0]
    assert database.value("SELECT sent_at IS NOT NULL FROM agreements_followupreminder WHERE id = %s", reminder_id)


def test_an_e_mail_accepted_just_before_its_worker_was_killed_comes_once_more_with_the_same_message_id(
    database: Database,
) -> None:
    """The documented window: the server accepted it, the record never happened. One repeat, same id."""
    scenario(database, "reminder")
    kill_at(database, "email.after_send")
    assert len(message_ids(database)) == 1

    def sent() -> bool:
        return bool(database.value("SELECT COUNT(*) FROM outbox_outboxemail WHERE status = 'sent'") == 1)

    take_over(database, sent, "the e-mail's record")
    ids = message_ids(database)
    assert len(ids) == 2
    assert len(set(ids)) == 1  # what a receiver de-duplicating by Message-ID keeps


@pytest.mark.parametrize("point", ["email.before_send", "email.after_send"])
def test_an_invitation_whose_worker_was_killed_reaches_the_party_once_by_message_id(
    database: Database, point: str
) -> None:
    invitation_id = scenario(database, "invitation")["invitation_id"]
    kill_at(database, point)

    def sent() -> bool:
        return bool(database.value("SELECT COUNT(*) FROM outbox_outboxemail WHERE status = 'sent'") == 1)

    take_over(database, sent, "the invitation's e-mail")
    ids = message_ids(database)
    assert len(set(ids)) == 1  # one e-mail, whatever the receiver got
    assert len(ids) == (2 if point == "email.after_send" else 1)  # the window: one repeat, same id
    assert database.value("SELECT emailed_at IS NOT NULL FROM parties_portalinvitation WHERE id = %s", invitation_id)
    assert database.value("SELECT body FROM outbox_outboxemail") == ""  # the sign-in link is not kept
    assert database.value("SELECT html_body FROM outbox_outboxemail") == ""  # in neither part


@pytest.mark.parametrize("kind", ["notice", "cancellation"])
def test_staff_notices_and_meeting_cancellations_of_a_killed_worker_reach_each_recipient_once(
    database: Database, kind: str
) -> None:
    """Withdrawal notices, threat alerts and staff messages share the notice e-mail; cancellations
    carry a calendar file. Killed with the first e-mail claimed and not sent."""
    recipients = scenario(database, kind)["recipients"]
    kill_at(database, "email.before_send")
    assert message_ids(database) == []

    def all_sent() -> bool:
        return bool(database.value("SELECT COUNT(*) FROM outbox_outboxemail WHERE status = 'sent'") == recipients)

    take_over(database, all_sent, f"the {kind} e-mails")
    ids = message_ids(database)
    assert len(ids) == recipients == len(set(ids))
    assert database.value("SELECT COUNT(*) FROM outbox_outboxemail") == recipients


# --- Webhook ---------------------------------------------------------------------------------------


class Receiver:
    """A referrer's webhook endpoint in this process: which delivery ids arrived, in order."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                assert body["id"] == self.headers["Mekle-Delivery-Id"]
                receiver.ids.append(body["id"])
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.stop()


def delivered(database: Database, delivery_id: int) -> Callable[[], bool]:
    return lambda: (
        database.value("SELECT status FROM referrals_outcomedelivery WHERE id = %s", delivery_id) == ("delivered")
    )


def test_a_webhook_whose_worker_was_killed_before_the_post_is_received_exactly_once(
    database: Database, receiver: Receiver
) -> None:
    world = scenario(database, "webhook", receiver.url)
    kill_at(database, "webhook.before_send")
    assert receiver.ids == []
    take_over(database, delivered(database, world["delivery_id"]), "the webhook")
    assert receiver.ids == [world["id"]]


def test_a_webhook_accepted_just_before_its_worker_was_killed_comes_once_more_with_the_same_id(
    database: Database, receiver: Receiver
) -> None:
    world = scenario(database, "webhook", receiver.url)
    kill_at(database, "webhook.after_send")
    assert receiver.ids == [world["id"]]
    take_over(database, delivered(database, world["delivery_id"]), "the webhook's record")
    assert receiver.ids == [world["id"], world["id"]]  # one id: the receiver acts once
