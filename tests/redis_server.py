"""The Redis these machines run on loopback: tests that share state through it start nothing,
and are skipped, saying so, only when it does not answer."""

from __future__ import annotations

import socket

import pytest

REDIS = ("127.0.0.1", 6379)
REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=0.5) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


needs_redis = pytest.mark.skipif(
    not redis_answers(), reason="Redis does not answer on 127.0.0.1:6379: nothing shared to test"
)
