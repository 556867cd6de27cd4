"""Issue 11 §5: the crash drill. Citizens file information requests and applications from concurrent clients
through the real pages; half-way the web server (gunicorn master and workers) and the task worker are killed with
SIGKILL and started again, and the clients press again what failed, with the same form. Afterwards every receipt a
client got exists once, nothing exists twice, the audit chain verifies and every message is delivered.

On SQLite and on PostgreSQL. ``DRILL_FILINGS`` sets the size (80 in `make test`; `make drill` runs 1000).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from server_tests.conftest import ROOT, Answer, Browser, Platform, base_env, free_port, platform_on

pytestmark = pytest.mark.server

FILINGS = int(os.environ.get("DRILL_FILINGS", "80"))
CLIENTS = 8
PER_USER = 8  # filings per citizen: the information form allows 20 posts an hour per person (two per filing)
PASSWORD = "a-long-and-good-password-2026"  # noqa: S105
PATIENCE = 180.0  # seconds a client keeps pressing again before the drill fails
MESSAGE_ID = re.compile(rb"^Message-ID: <notification-(\d+)@citizen-office>", re.MULTILINE)

SETUP = """
import json
from django.contrib.auth.hashers import make_password
from allauth.account.models import EmailAddress
from accounts.models import Assurance, User
from applications.tests.factories import online_procedure
from institutions.tests.factories import InstitutionFactory
institution = InstitutionFactory(slug="drill-commune", short_code="DRILL", name_fr="Commune du drill")
procedure = online_procedure(institution, documents=0)
hashed = make_password("{password}")  # one Argon2 hash for every citizen: computing {users} would take minutes
users = User.objects.bulk_create(
    User(email=f"drill{{i}}@example.org", full_name=f"Citoyen {{i}}", preferred_language="fr", password=hashed,
         assurance_level=Assurance.EMAIL_VERIFIED)
    for i in range({users})
)
EmailAddress.objects.bulk_create(EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users)
print(json.dumps({{"apply": f"/en/procedures/{{institution.slug}}/{{procedure.slug}}/apply/"}}))
"""

FINDINGS = """
import json
from django.db.models import Count
from applications.models import Application
from audit.models import AuditEvent
from information.models import InformationRequest
from notifications.models import Notification
requests = InformationRequest.objects.all()
applications = Application.objects.all()
email = Notification.objects.filter(channel="email")
print(json.dumps({
    "requests": list(requests.values_list("reference", flat=True)),
    "twice_by_key": requests.values("requester", "submission_key").annotate(n=Count("id")).filter(n__gt=1).count(),
    "applications": list(applications.exclude(reference="").values_list("reference", flat=True)),
    "drafts_left": applications.filter(state="draft").count(),
    "audit_submitted": list(
        AuditEvent.objects.filter(action__in=["information.submitted", "applications.submitted"])
        .values_list("object_type", "object_id")
    ),
    "email": {str(pk): state for pk, state in email.values_list("pk", "state")},
    "email_keys": list(email.values_list("key", flat=True)),
}))
"""


# --- The platform and its processes ------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def drill_platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Platform]:
    """A fresh platform (its own database, queue file and mail folder) set up as `make run` serves it."""
    for name in ("media", "private", "mail"):
        (tmp_path / name).mkdir()
    env = base_env(tmp_path)
    env.update({"HUEY_IMMEDIATE": "false", "TRUSTED_PROXY_COUNT": "1", "WEB_WORKERS": "2"})
    with platform_on(request.param, tmp_path, env, request) as platform:
        yield platform


@dataclass
class Stack:
    """gunicorn (2 workers, scripts/gunicorn.conf.py) and `manage.py run_huey`, as scripts/serve.sh starts them."""

    platform: Platform
    port: int = field(default_factory=free_port)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    starts: int = 0
    sent_at_kill: Counter[int] = field(default_factory=Counter)  # messages in the mail folder when it was killed

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.starts += 1
        env = {**self.platform.env, "HOST": "127.0.0.1", "PORT": str(self.port), "SITE_URL": self.url}
        commands = {
            "gunicorn": ["-m", "gunicorn", "citizen_office.wsgi:application", "-c", "scripts/gunicorn.conf.py"],
            "worker": ["manage.py", "run_huey", "--quiet"],
        }
        for name, args in commands.items():
            log = open(self.platform.work / f"{name}-{self.starts}.log", "wb")  # noqa: SIM115 — kept by the child
            # A process group of its own: SIGKILL reaches the gunicorn master and every worker it forked at once.
            self.processes.append(
                subprocess.Popen(  # noqa: S603 — our own interpreter and scripts
                    [sys.executable, *args],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
            log.close()

    def wait_serving(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(Failed):
                Client(self.url).send("/healthz")
                return
            time.sleep(0.1)
        pytest.fail(
            "the app server did not start:\n" + (self.platform.work / f"gunicorn-{self.starts}.log").read_text()
        )

    def kill(self) -> None:
        for process in self.processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        self.processes.clear()

    def stop(self) -> None:
        for process in self.processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            process.wait(timeout=30)
        self.processes.clear()


# --- The clients ---------------------------------------------------------------------------------------------------


class FormReader(HTMLParser):
    """What a browser would send from each form of a page: hidden and text inputs, checked boxes, selections."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self.actions: list[str] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({})
            self.actions.append(a.get("action", ""))
        elif not self.forms or "name" not in a or "form" in a:
            return
        elif tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") not in ("radio", "checkbox") or "checked" in a:
                self.forms[-1][a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and ("selected" in a or self._select not in self.forms[-1]):
            self.forms[-1][self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.forms[-1][a["name"]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1][self._textarea] += data


def form_with(page: Answer, name: str, action: str = "") -> dict[str, str]:
    """The fields of the page's form that has a field called ``name`` (and posts to ``action``, when given)."""
    reader = FormReader()
    reader.feed(page.body)
    found = [f for f, to in zip(reader.forms, reader.actions, strict=True) if name in f and to.endswith(action)]
    assert found, f"no form with {name!r} on a page ({page.status})"
    return found[0]


REFERENCE = re.compile(r'class="reference"[^>]*>([A-Z]{3}-[A-Z0-9]+-\d{4}-\d{6})<')


@dataclass
class Filing:
    kind: str  # "information" or "application"
    citizen: int
    reference: str = ""
    retries: int = 0  # requests made again after a failure (a person pressing again)
    done_at: float = 0.0


class Failed(Exception):
    """No usable answer (connection refused or cut, or a server error): the person will press again."""


@dataclass
class Client(Browser):
    """One person at one address (behind one proxy of ours) filing through the pages."""

    address: str = "198.51.100.1"

    def send(self, path: str, data: dict[str, str] | None = None, expect: int = 200) -> Answer:
        try:
            answer = self.request(path, data, headers={"X-Forwarded-For": self.address})
        except (OSError, ConnectionError) as error:
            raise Failed(str(error)) from error
        except Exception as error:  # http.client's own errors when a worker dies mid-answer
            raise Failed(repr(error)) from error
        if answer.status != expect:
            raise Failed(f"{path}: {answer.status}")
        return answer


@dataclass
class Drill:
    """The clients' shared state: what they filed, and the crash the test is waiting to cause."""

    url: str
    apply_path: str
    filings: list[Filing] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    done: int = 0
    started_at: float = 0.0
    errors: list[str] = field(default_factory=list)

    def again(self, filing: Filing | None, step: Callable[[], Answer]) -> Answer:
        """Do one step; when it fails, wait a moment and do exactly the same again (same form, same key)."""
        deadline = time.monotonic() + PATIENCE
        while True:
            try:
                return step()
            except Failed:
                if time.monotonic() > deadline:
                    raise
                if filing is not None:
                    filing.retries += 1
                time.sleep(0.2)

    def finished(self, filing: Filing, page: Answer) -> None:
        match = REFERENCE.search(page.body)
        assert match, "a receipt without a reference"
        filing.reference = match.group(1)
        with self.lock:
            self.done += 1
            filing.done_at = time.monotonic()

    def sign_in(self, client: Client, citizen: int) -> None:
        login = "/en/accounts/login/"
        form = form_with(self.again(None, lambda: client.send(login)), "login")
        form.update(login=f"drill{citizen}@example.org", password=PASSWORD)
        self.again(None, lambda: client.send(login, form, expect=302))

    def information(self, client: Client, filing: Filing) -> None:
        ask = "/en/information/ask/"
        form = form_with(self.again(filing, lambda: client.send(ask)), "submission_key")
        form.update(
            institution="drill-commune",
            subject=f"Drill {filing.citizen}: budget lines",
            body="The commune's budget for this year, line by line.",
            delivery_format="electronic",
            visibility="public",
        )
        self.again(filing, lambda: client.send(ask, {**form, "step": "check"}))
        # After a crash the person presses "send" again: the same form, with the same submission key.
        sent = self.again(filing, lambda: client.send(ask, {**form, "step": "send"}, expect=302))
        self.finished(filing, self.again(filing, lambda: client.send(sent.headers["Location"])))

    def application(self, client: Client, filing: Filing) -> None:
        detail = self.apply_path.removesuffix("apply/")
        start = form_with(self.again(filing, lambda: client.send(detail)), "csrfmiddlewaretoken", self.apply_path)
        started = self.again(filing, lambda: client.send(self.apply_path, start, expect=302))
        tasks = started.headers["Location"]  # /en/applications/<id>/tasks/
        case = tasks.rsplit("/tasks/", 1)[0]
        page = self.again(filing, lambda: client.send(tasks))
        step = re.search(r'href="(/en/applications/[^"]+/steps/\d+/)"', page.body)
        assert step, "no step on the task list"
        form = form_with(self.again(filing, lambda: client.send(step.group(1))), "_shown")
        form.update(nom=f"Citoyen {filing.citizen}", lotissement="no", pieces="3", action="continue")
        self.again(filing, lambda: client.send(step.group(1), form, expect=302))
        check = {"csrfmiddlewaretoken": form["csrfmiddlewaretoken"]}
        self.again(filing, lambda: client.send(f"{case}/check/", check, expect=302))
        self.finished(filing, self.again(filing, lambda: client.send(f"{case}/received/")))

    def run_client(self, number: int, citizens: list[int]) -> None:
        try:
            for citizen in citizens:
                client = Client(self.url, address=f"198.51.100.{number + 1}")
                self.sign_in(client, citizen)
                for filing in [f for f in self.filings if f.citizen == citizen]:
                    getattr(self, filing.kind)(client, filing)
        except Exception as error:  # noqa: BLE001 — reported by the test, with the client that failed
            self.errors.append(f"client {number}: {error!r}")


def plan(n: int) -> tuple[list[Filing], dict[int, list[int]]]:
    """``n`` filings, alternately requests and applications, spread over citizens and the clients."""
    citizens = max(CLIENTS, -(-n // PER_USER))
    citizens += -citizens % CLIENTS
    filings = [Filing("information" if i % 2 == 0 else "application", citizen=i % citizens) for i in range(n)]
    by_client = {c: list(range(c, citizens, CLIENTS)) for c in range(CLIENTS)}
    return filings, by_client


# --- The drill -----------------------------------------------------------------------------------------------------


def delivered(mail: Path) -> Counter[int]:
    """How many times each notification's message is in the mail folder (by its Message-ID)."""
    found: Counter[int] = Counter()
    for path in mail.iterdir():
        found.update(int(pk) for pk in MESSAGE_ID.findall(path.read_bytes()))
    return found


def released_after_restart(platform: Platform) -> list[int]:
    """The messages the restarted worker found claimed by the killed one (notifications.tasks, its log)."""
    released: set[int] = set()
    for line in (platform.work / "worker-2.log").read_text().splitlines():
        if "messages of a dead worker queued again" in line:
            released.update(json.loads(line)["notifications"])
    return sorted(released)


def findings(platform: Platform) -> dict[str, Any]:
    return dict(json.loads(platform.shell(FINDINGS).strip().splitlines()[-1]))


def wait_drained(platform: Platform, timeout: float) -> dict[str, Any]:
    """The platform's state once no email is waiting to be delivered (or when ``timeout`` runs out)."""
    deadline = time.monotonic() + timeout
    while True:
        found = findings(platform)
        if all(state == "sent" for state in found["email"].values()) or time.monotonic() > deadline:
            return found
        time.sleep(1)


def crash_when_half_done(drill: Drill, stack: Stack, n: int) -> dict[str, float]:
    """SIGKILL the web server and the worker once half the filings have their receipt, note what the dead
    worker had sent, and start both again. Times in seconds."""
    while drill.done < n // 2 and not drill.errors:
        time.sleep(0.01)
    killed_at = time.monotonic()
    filed_before = drill.done
    stack.kill()
    stack.sent_at_kill = delivered(stack.platform.work / "mail")
    restarted_at = time.monotonic()
    stack.start()
    stack.wait_serving()
    serving_at = time.monotonic()
    return {
        "filed_before": filed_before,
        "rate_before": filed_before / (killed_at - drill.started_at),
        "restart": serving_at - restarted_at,
        "killed_at": killed_at,
        "serving_at": serving_at,
    }


def test_a_crash_half_way_loses_nothing_and_files_nothing_twice(drill_platform: Platform):
    platform, n = drill_platform, FILINGS
    filings, by_client = plan(n)
    users = sum(len(c) for c in by_client.values())
    setup = json.loads(platform.shell(SETUP.format(password=PASSWORD, users=users)).strip().splitlines()[-1])
    stack = Stack(platform)
    stack.start()
    try:
        stack.wait_serving()
        drill = Drill(stack.url, setup["apply"], filings)
        threads = [threading.Thread(target=drill.run_client, args=(c, by_client[c])) for c in range(CLIENTS)]
        drill.started_at = time.monotonic()
        for thread in threads:
            thread.start()
        times = crash_when_half_done(drill, stack, n)
        for thread in threads:
            thread.join()
        finished_at = time.monotonic()
        assert not drill.errors, drill.errors
        found = wait_drained(platform, timeout=120)
        drained_at = time.monotonic()
    finally:
        stack.stop()
    # Some filings were cut off by the crash and pressed again.
    assert any(f.retries for f in filings)
    check_findings(platform, drill, found, stack.sent_at_kill)
    after = [f.done_at for f in filings if f.done_at > times["serving_at"]]
    report = {
        "database": "PostgreSQL" if "DATABASE_URL" in platform.env else "SQLite",
        "filings": n,
        "filings per second before the crash": round(times["rate_before"], 1),
        "kill to serving again (s)": round(times["serving_at"] - times["killed_at"], 1),
        "restart to serving (s)": round(times["restart"], 1),
        "kill to first receipt after restart (s)": round(min(after, default=drained_at) - times["killed_at"], 1),
        "filings pressed again": sum(1 for f in filings if f.retries),
        "messages the killed worker had claimed": len(released_after_restart(platform)),
        "messages delivered twice (same Message-ID)": sum(
            1 for c in delivered(platform.work / "mail").values() if c > 1
        ),
        "total (s)": round(drained_at - drill.started_at, 1),
        "clients done to messages drained (s)": round(drained_at - finished_at, 1),
    }
    print("\nCRASH DRILL " + json.dumps(report))


def check_findings(platform: Platform, drill: Drill, found: dict[str, Any], sent_at_kill: Counter[int]) -> None:
    receipts = [f.reference for f in drill.filings]
    # Every receipt a client got exists, once; nothing exists that no client was given; nothing twice.
    assert len(set(receipts)) == len(receipts) == FILINGS
    stored = found["requests"] + found["applications"]
    assert sorted(stored) == sorted(receipts)
    assert found["twice_by_key"] == 0 and found["drafts_left"] == 0
    platform.manage("verify_audit_chain")
    assert len(set(map(tuple, found["audit_submitted"]))) == len(found["audit_submitted"]) == FILINGS
    # One received-message per filing, each delivered: once, or twice only when the killed worker had sent it
    # but not yet recorded it (its copy then carries the same Message-ID, which a mail server uses to drop it).
    assert len(found["email_keys"]) == FILINGS
    assert set(found["email"].values()) == {"sent"}
    copies = delivered(platform.work / "mail")
    assert set(copies) == {int(pk) for pk in found["email"]}
    twice = {pk for pk, count in copies.items() if count > 1}
    assert twice <= set(released_after_restart(platform))
    assert all(copies[pk] == 2 and sent_at_kill[pk] == 1 for pk in twice), twice
