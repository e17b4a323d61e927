"""Size limits of what the web app accepts, in one place.

The petition limit is counted in characters (screening.pipeline.MAX_CHARS); the byte limits
sit above it so that any text within the character limit always gets through the byte limit
and reaches the character check, which answers with the precise Persian message. Persian
letters are 2 bytes in UTF-8 and become 6 bytes once percent-encoded by a form
("%D8%A7") or \\u-escaped by a JSON client that escapes non-ASCII (Python's json.dumps
does by default), so 6 bytes a character is the worst ordinary case.
"""
from __future__ import annotations

from screening.pipeline import MAX_CHARS

WORST_BYTES_PER_CHAR = 6
ENVELOPE_BYTES = 64 * 1024  # form field names, CSRF token, JSON keys and whitespace

# One petition: the HTML form and POST /api/v1/screen.
MAX_BODY_BYTES = MAX_CHARS * WORST_BYTES_PER_CHAR + ENVELOPE_BYTES

# POST /api/v1/screen/batch: at most this many texts, and a body cap that fits a hundred
# ordinary petitions many times over without letting one request hold 100 × 1.2 MB.
MAX_BATCH_TEXTS = 100
MAX_BATCH_BODY_BYTES = 10 * MAX_BODY_BYTES

# The form has two fields (text, csrftoken); spare room for what browser extensions and password
# managers add. More than this is refused with a 400 that says so (not the "form expired" page).
MAX_FORM_FIELDS = 32

# A request body must arrive whole within this time (a 408 past it): 1.2 MB on a slow office
# line takes a few seconds; a client that trickles bytes to hold the connection is cut off.
BODY_TIME_LIMIT_S = 30.0

# Body limit by path, for refusing a declared Content-Length before reading (the routes set the
# same limits with max_body_size, which also covers bodies sent without a length).
_PATH_BODY_LIMITS = {"/api/v1/screen/batch": MAX_BATCH_BODY_BYTES}


def body_limit_for(path: str) -> int:
    return _PATH_BODY_LIMITS.get(path.rstrip("/") or "/", MAX_BODY_BYTES)

# Screening runs in a small pool per worker process, never on the event loop, so that one long
# petition cannot hold up /healthz or the other connections of its worker. Every request has
# a time limit; past it the client gets a typed 503 (code "timeout") at once. Screening is linear
# in the text's length, and the longest petition (200,000 characters) takes a few seconds at
# most, so the limit is only reached on an overloaded machine.
SCREEN_TIME_LIMIT_S = 10.0
BATCH_TIME_LIMIT_S = 60.0  # a batch holds up to 100 texts
# Screening processes per server worker process (see screening_web.pool): two, so that a short
# petition does not wait behind a long one. With threads (an app given its own Screener), a few let
# a short petition finish while a long one is read; they share one interpreter lock.
SCREEN_PROCESSES = 2
SCREEN_THREADS = 4
