"""Development mail: every email kept as an .eml file and listed on a page that production does not have."""

import io

import pytest
from django.core.mail import EmailMessage, get_connection, send_mail

from core.devmail import DevelopmentEmailBackend, mail_names

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailbox(settings, tmp_path):
    settings.EMAIL_BACKEND = "core.devmail.DevelopmentEmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    return tmp_path


def _send(n: int) -> None:
    connection = get_connection(stream=io.StringIO())
    for i in range(n):
        send_mail(
            f"Message {i:02d}",
            f"Number {i:02d}.\n\nConfirm here: http://127.0.0.1:9000/en/accounts/confirm-email/key-{i:02d}/",
            "Citizen Office <no-reply@citizen-office.local>",
            [f"person{i:02d}@example.org"],
            connection=connection,
        )


def test_the_development_backend_prints_each_email_and_keeps_it_as_an_eml_file(tmp_path):
    stream = io.StringIO()
    backend = DevelopmentEmailBackend(file_path=str(tmp_path / "mail"), stream=stream)
    sent = backend.send_messages([EmailMessage("تأكيد", "Bonjour,\nhttp://x.example/fr/", "a@b.c", ["z@y.x"])])
    assert sent == 1
    assert "Subject: =?utf-8?" in stream.getvalue() and "z@y.x" in stream.getvalue()
    files = list((tmp_path / "mail").iterdir())
    assert [f.suffix for f in files] == [".eml"]
    assert b"To: z@y.x" in files[0].read_bytes()


def test_the_mail_page_lists_the_newest_first_with_links_to_click_and_pages(
    client, mailbox, django_assert_max_num_queries
):
    _send(21)
    assert len(mail_names(mailbox)) == 21
    with django_assert_max_num_queries(8):
        response = client.get("/en/dev/mail/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Message 20") < html.index("Message 01")
    assert "Message 00" not in html  # 20 a page: the oldest is on page two
    assert "person20@example.org" in html
    assert '<a href="http://127.0.0.1:9000/en/accounts/confirm-email/key-20/"' in html
    assert 'rel="next"' in html
    second = client.get("/en/dev/mail/?page=2").content.decode()
    assert "Message 00" in second and "Message 20" not in second


def test_the_mail_page_is_translated_and_says_where_the_files_are(client, mailbox):
    html = client.get("/fr/dev/mail/").content.decode()
    assert str(mailbox) in html and '<html lang="fr"' in html


def test_the_mail_page_does_not_exist_in_production(client, mailbox, settings):
    _send(1)
    settings.PRODUCTION = True
    assert client.get("/en/dev/mail/").status_code == 404


def test_without_emails_the_mail_page_says_how_to_get_one(client, mailbox):
    response = client.get("/en/dev/mail/")
    assert response.status_code == 200 and "No email has been sent yet" in response.content.decode()
