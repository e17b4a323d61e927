"""Uvicorn's HTTP/1.1 protocol (httptools, C) with TCP_NODELAY on every connection.

asyncio turns Nagle's algorithm off only for sockets whose `proto` is IPPROTO_TCP. With
`--workers N` uvicorn creates the listening socket itself with proto 0, so accepted connections
keep Nagle on: uvicorn writes a response's head and body separately, and on a keep-alive
connection the body then waits for the client's delayed ACK, about 40 ms per request (measured
here: 43 ms per keep-alive request with 2 workers, 1 ms with the option set).
"""
from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


def set_nodelay(transport: asyncio.BaseTransport) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # not a TCP socket after all; nothing to tune
            pass


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        set_nodelay(transport)
        super().connection_made(transport)
