"""The office records' retention default, in one place (imported by the store and the CLI alike)."""
from __future__ import annotations

DEFAULT_RETAIN_DAYS = 365  # how long a kept petition text stays (`--retain-days`)
