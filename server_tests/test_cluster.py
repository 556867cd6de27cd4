"""Issue 11 §4: `make cluster` — nginx in front of two app servers and a worker, on PostgreSQL and Redis — driven
through the proxy: a citizen's requests land on both servers, a file uploaded through one is read through the other,
the citizen carries on when one server is killed, and the sign-in lockout counts failures served by both."""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.pdf import minimal_pdf
from server_tests.conftest import Answer, Browser, free_port

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
PG = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)
REDIS_DB = 9
# Hashed static files are collected once (about 40 s) and kept between runs: the script collects again only when a
# source changed. Under var/, like `make run`'s, and apart from it.
STATIC_ROOT = ROOT / "var" / "cluster-test-static"
CITIZEN = "samira@example.org"
OTHER = "karim@example.org"
PASSWORD = "a-long-and-good-password-2026"  # noqa: S105
SETUP = f"""
import json
from allauth.account.models import EmailAddress
from accounts.models import Assurance, User
from applications import services
from applications.models import FieldKind
from applications.tests.factories import online_procedure

def person(email, name):
    user = User.objects.create_user(
        email=email, password="{PASSWORD}", full_name=name, assurance_level=Assurance.EMAIL_VERIFIED
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user

citizen = person("{CITIZEN}", "Samira Bennani")
person("{OTHER}", "Karim Alaoui")
application, _created = services.application_start(actor=citizen, procedure=online_procedure())
field = next(f for f in services.form_fields(application) if f.kind == FieldKind.FILE)
print(json.dumps({{"application": application.public_id, "step": field.step_id, "field": field.key}}))
"""


def answers(address: tuple[str, int]) -> bool:
    try:
        with socket.create_connection(address, timeout=2):
            return True
    except OSError:
        return False


def missing() -> list[str]:
    needs = {
        "nginx": NGINX is not None,
        "PostgreSQL at 127.0.0.1:5432": answers(PG),
        "Redis at 127.0.0.1:6379": answers(REDIS),
    }
    return [name for name, present in needs.items() if not present]


def flush_redis() -> None:
    import redis

    redis.Redis(host=REDIS[0], port=REDIS[1], db=REDIS_DB).flushdb()


def served_by(answer: Answer) -> str:
    """The app server's label: app1 or app2 (the header is ``<label>/<pid>``)."""
    return answer.headers["X-Served-By"].split("/", 1)[0]


def descendants(pid: int) -> list[int]:
    """The process's children, their children, … (gunicorn's workers), from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@dataclass
class Cluster:
    url: str
    work: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    output: Path

    def shell(self, code: str) -> str:
        result = subprocess.run(  # noqa: S603 — our own interpreter
            [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def kill(self, name: str) -> list[int]:
        """SIGKILL an app server: its gunicorn master and every worker, as a machine that dies would."""
        master = int((self.work / f"{name}.pid").read_text())
        pids = [*descendants(master), master]
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        deadline = time.time() + 10
        while any(alive(pid) for pid in pids) and time.time() < deadline:
            time.sleep(0.1)
        assert not any(alive(pid) for pid in pids)
        return pids

    def logs(self) -> str:
        parts = [self.output.read_text(errors="replace")]
        parts += [
            f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}" for log in (self.work / "logs").glob("*.log")
        ]
        return "\n".join(parts)


def environment() -> dict[str, str]:
    env = {**os.environ, "CITIZEN_OFFICE_ENV": "development"}
    for name in ("DATABASE_URL", "REDIS_URL", "SITE_URL", "PYTEST_CURRENT_TEST", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    return env


def wait_for_proxy(url: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310 — loopback http
                if response.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.3)
    raise AssertionError("the cluster did not answer /healthz through nginx")


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    if needs := missing():
        pytest.skip(f"make cluster needs nginx, PostgreSQL and Redis; this machine lacks: {', '.join(needs)}")
    database = f"co_cluster_test_{uuid.uuid4().hex[:12]}"
    port = free_port()
    work = tmp_path / "cluster"
    env = {
        **environment(),
        "CLUSTER_DIR": str(work),
        "CLUSTER_DB": database,
        "CLUSTER_REDIS_DB": str(REDIS_DB),
        "CLUSTER_DEMO": "0",
        "STATIC_ROOT": str(STATIC_ROOT),
    }
    flush_redis()
    output = tmp_path / "cluster.out"
    with open(output, "wb") as out:
        process = subprocess.Popen(  # noqa: S603 — our own script
            ["bash", "scripts/cluster.sh", "127.0.0.1", str(port)],  # noqa: S607
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    started = time.time()
    try:
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for_proxy(url, process, seconds=180)
        except AssertionError:
            pytest.fail("the cluster did not start:\n" + output.read_text(errors="replace"))
        print(f"cluster up through nginx in {time.time() - started:.1f} s")
        settings = {}
        for line in (work / "env").read_text().splitlines():
            if line and not line.startswith("#"):
                name, value = shlex.split(line)[0].split("=", 1)
                settings[name] = value
        yield Cluster(url, work, {**environment(), **settings}, process, output)
    finally:
        _stop(process)
        subprocess.run(  # noqa: S603
            ["dropdb", "-h", PG[0], "-p", str(PG[1]), "-U", "postgres", "--if-exists", "--force", database],  # noqa: S607
            check=False,
            capture_output=True,
        )
        flush_redis()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ctrl-C as an operator would (the script stops what it started), then anything left in its session."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = b""
    for name, value in fields.items():
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    for name, (filename, data) in files.items():
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/pdf\r\n\r\n"
            ).encode()
            + data
            + b"\r\n"
        )
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def raw(browser: Browser, path: str, body: bytes | None = None, content_type: str = "") -> tuple[int, str, bytes]:
    """A request whose answer is kept as bytes: (status, which server, body)."""
    request = urllib.request.Request(browser.url + path, data=body, headers={"Connection": "close"})  # noqa: S310
    if body is not None:
        request.add_header("Content-Type", content_type)
        request.add_header("Referer", browser.url + path)
    try:
        with browser.opener.open(request, timeout=30) as response:
            return response.status, response.headers["X-Served-By"].split("/")[0], response.read()
    except urllib.error.HTTPError as error:
        return error.code, (error.headers["X-Served-By"] or "").split("/")[0], error.read()


def sign_in(browser: Browser, email: str, password: str, token: str = "") -> Answer:
    token = token or browser.csrf("/en/accounts/login/")
    return browser.request("/en/accounts/login/", {"csrfmiddlewaretoken": token, "login": email, "password": password})


def test_a_citizen_carries_on_through_the_proxy_when_an_app_server_dies(cluster: Cluster):
    draft = json.loads(cluster.shell(SETUP).strip().splitlines()[-1])
    citizen = Browser(cluster.url)
    assert sign_in(citizen, CITIZEN, PASSWORD).status == 302, cluster.logs()

    # Signed in once, answered by both app servers: the session is in Redis, not in a process.
    pages = [citizen.request("/en/me/") for _ in range(6)]
    assert all(page.status == 200 and "Samira Bennani" in page.body for page in pages)
    assert {served_by(page) for page in pages} == {"app1", "app2"}

    # A document uploaded through one server is read, the same bytes, through the other.
    step = f"/en/applications/{draft['application']}/steps/{draft['step']}/"
    pdf = minimal_pdf("Plan de situation")
    token = citizen.csrf(step)
    fields = {"csrfmiddlewaretoken": token, "action": "later", "_shown": draft["field"]}
    status, uploaded_by, _body = raw(citizen, step, *multipart(fields, {draft["field"]: ("plan.pdf", pdf)}))
    assert status == 302, _body[:2000]
    file_id = (
        cluster.shell(
            f"from applications.models import ApplicationFile; "
            f"print(ApplicationFile.objects.get(application__public_id='{draft['application']}').public_id)"
        )
        .strip()
        .splitlines()[-1]
    )
    reads = [raw(citizen, f"/en/applications/{draft['application']}/files/{file_id}/") for _ in range(3)]
    by_the_other = [body for status, server, body in reads if status == 200 and server != uploaded_by]
    assert by_the_other and by_the_other[0] == pdf

    # Five wrong passwords for another account, answered by both servers, before one of them dies.
    other = Browser(cluster.url)
    token = other.csrf("/en/accounts/login/")
    failures = [sign_in(other, OTHER, "wrong-password-12345", token) for _ in range(5)]
    assert all(a.status == 200 and "Too many" not in a.body for a in failures)
    assert {served_by(a) for a in failures} == {"app1", "app2"}

    cluster.kill("app1")
    after = [citizen.request("/en/me/") for _ in range(6)]
    assert all(page.status == 200 and "Samira Bennani" in page.body for page in after), cluster.logs()
    assert {served_by(page) for page in after} == {"app2"}
    assert cluster.process.poll() is None  # the script reports the loss and keeps the others running
    assert "app1 (pid" in cluster.output.read_text() and "has stopped" in cluster.output.read_text()

    # The survivor, which answered only some of the five failures itself, refuses the right password.
    right = sign_in(other, OTHER, PASSWORD, token)
    assert served_by(right) == "app2" and sum(served_by(a) == "app2" for a in failures) < 5
    assert right.status == 200 and "Too many failed login attempts" in right.body
    assert "sessionid" not in {cookie.name for cookie in other.jar}
