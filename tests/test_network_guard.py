"""The autouse guard: loopback is allowed, anything else fails the test."""

import socket

import pytest

from tests.conftest import NetworkBlocked


def test_non_loopback_is_blocked():
    with socket.socket() as s, pytest.raises(NetworkBlocked):
        s.connect(("93.184.216.34", 80))


def test_hostnames_are_blocked():
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("huggingface.co", 443), timeout=1)


def test_loopback_is_allowed():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
