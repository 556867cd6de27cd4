"""The SQLite default: WAL, IMMEDIATE transactions, a busy timeout and synchronous=FULL."""

import os
import subprocess
import sys


def test_sqlite_file_database_runs_in_wal_with_full_sync(tmp_path):
    script = """
import django, os
os.environ['DJANGO_SETTINGS_MODULE'] = 'citizen_office.settings'
django.setup()
from django.db import connection
with connection.cursor() as c:
    c.execute('PRAGMA journal_mode'); journal = c.fetchone()[0]
    c.execute('PRAGMA synchronous'); sync = c.fetchone()[0]
    c.execute('PRAGMA busy_timeout'); busy = c.fetchone()[0]
print(journal, sync, busy, connection.settings_dict['OPTIONS']['transaction_mode'])
"""
    env = {**os.environ, "SQLITE_PATH": str(tmp_path / "db.sqlite3"), "CITIZEN_OFFICE_ENV": "development"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["wal", "2", "20000", "IMMEDIATE"]
