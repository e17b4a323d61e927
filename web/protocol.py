"""Uvicorn's HTTP/1.1 protocol (httptools, C) with TCP_NODELAY, a cap on the request head's size
and a time limit on receiving it.

asyncio turns Nagle's algorithm off only for sockets whose `proto` is IPPROTO_TCP. With
`--workers N` uvicorn creates the listening socket itself with proto 0, so accepted connections
keep Nagle on: uvicorn writes a response's head and body separately, and on a keep-alive
connection the body then waits for the client's delayed ACK, about 40 ms per request (measured
here: 43 ms per keep-alive request with 2 workers, 1 ms with the option set).

uvicorn's httptools protocol has no limit of its own on the size of a request's head (request line
and headers: a 200 KB header was read whole) nor on the time a client may take to send it (a
client sending a header line now and then holds the connection for ever). Both are set here:
past `MAX_HEAD_BYTES` the answer is a 431, past `HEAD_TIME_LIMIT_S` a 408, and the connection closes.
"""
from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# Our pages and API need a few hundred bytes of headers (the CSRF cookie is the largest); browsers
# send a few KB. 32 KB is what large proxies allow.
MAX_HEAD_BYTES = 32 * 1024
HEAD_TIME_LIMIT_S = 10.0


def set_nodelay(transport: asyncio.BaseTransport) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # not a TCP socket after all; nothing to tune
            pass


def _plain_response(status: str) -> bytes:
    return f"HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".encode("ascii")


class _HeadTooLarge(Exception):
    pass


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    max_head_bytes = MAX_HEAD_BYTES
    head_time_limit_s = HEAD_TIME_LIMIT_S

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        set_nodelay(transport)
        super().connection_made(transport)
        self._head_bytes = 0
        self._head_too_large = False
        self._head_started = False
        # From the connection on: a client that connects and sends nothing is cut off too.
        self._head_timer: asyncio.TimerHandle | None = self.loop.call_later(self.head_time_limit_s, self._head_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_bytes = 0
        self._head_started = True
        if self._head_timer is None:  # the next request on a kept-alive connection
            self._head_timer = self.loop.call_later(self.head_time_limit_s, self._head_timeout)

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._cancel_head_timer()
        self._head_started = False
        super().on_headers_complete()

    def send_400_response(self, msg: str) -> None:
        if self._head_too_large:  # raised from our callback; httptools reports it as a parser error
            self.transport.write(_plain_response("431 Request Header Fields Too Large"))
            self.transport.close()
            return
        super().send_400_response(msg)

    def _count(self, n: int) -> None:
        self._head_bytes += n
        if self._head_bytes > self.max_head_bytes:
            self._head_too_large = True
            raise _HeadTooLarge()

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timeout(self) -> None:
        self._head_timer = None
        if self.transport.is_closing():
            return
        if self._head_started:
            self.transport.write(_plain_response("408 Request Timeout"))
        self.transport.close()
