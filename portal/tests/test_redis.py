"""With REDIS_URL set, cache, sessions, rate limits and the queue use Redis (when one answers)."""

import os
import socket
import subprocess
import sys

import pytest


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="no Redis on 127.0.0.1:6379")
def test_redis_backs_cache_sessions_and_queue():
    script = """
import django, os, uuid
os.environ['DJANGO_SETTINGS_MODULE'] = 'citizen_office.settings'
django.setup()
from django.conf import settings
from django.core.cache import cache
from huey.contrib.djhuey import HUEY
assert settings.CACHES['default']['BACKEND'].endswith('RedisCache'), settings.CACHES
assert settings.SESSION_ENGINE == 'django.contrib.sessions.backends.cache'
assert type(HUEY).__name__ == 'RedisHuey'
key = 'co-test-' + uuid.uuid4().hex
cache.set(key, 'ok', 5)
assert cache.get(key) == 'ok'
HUEY.pending_count()
print('redis ok')
"""
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/15", "CITIZEN_OFFICE_ENV": "development"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "redis ok" in result.stdout, result.stderr
