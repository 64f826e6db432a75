"""Ports for a system's listeners: never the same one twice (a system picks all of its ports
before any listener binds), and from below the kernel's ephemeral range, so a service's
outgoing connection cannot take one between the pick and the listener's bind."""

from __future__ import annotations

import socket
from pathlib import Path

from canopy_shared.runtime.broker import free_port

EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")


def test_a_picked_port_is_below_the_ephemeral_range_and_can_be_listened_on() -> None:
    ephemeral_low = int(EPHEMERAL_RANGE.read_text().split()[0])
    for _ in range(20):
        port = free_port()
        assert port < ephemeral_low
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", port))
            listener.listen()


def test_a_port_someone_listens_on_is_not_picked() -> None:
    with socket.socket() as held:
        held.bind(("127.0.0.1", free_port()))
        held.listen()
        taken = held.getsockname()[1]
        assert all(free_port() != taken for _ in range(500))


def test_a_port_is_never_handed_out_twice() -> None:
    picked = [free_port() for _ in range(2000)]
    assert len(set(picked)) == len(picked)
