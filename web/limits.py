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

# The form has two fields (text, csrftoken); a few spare for harmless browser extras.
MAX_FORM_FIELDS = 8

# Body limit by path, for refusing a declared Content-Length before reading (the routes set the
# same limits with max_body_size, which also covers bodies sent without a length).
_PATH_BODY_LIMITS = {"/api/v1/screen/batch": MAX_BATCH_BODY_BYTES}


def body_limit_for(path: str) -> int:
    return _PATH_BODY_LIMITS.get(path.rstrip("/") or "/", MAX_BODY_BYTES)
