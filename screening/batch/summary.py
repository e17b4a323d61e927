"""The closing summary of a batch run: counts per outcome and band, the most frequent gaps."""
from __future__ import annotations

from collections import Counter
from typing import Any

from screening.knowledge.bands import BAND_BY_CODE



class Summary:
    """Counts rows as they are written. Its state is plain data, so a resumed run carries it on."""

    def __init__(self, top: int = 10):
        self.top = top
        self.rows_read = 0
        self.rows_scored = 0
        self.rows_errored = 0
        self.bands: Counter[str] = Counter()
        self.missing_fields: Counter[str] = Counter()
        self.findings: Counter[str] = Counter()

    def add(self, row: dict[str, Any]) -> None:
        self.rows_read += 1
        if row.get("error"):
            self.rows_errored += 1
            return
        self.rows_scored += 1
        self.bands[row.get("risk_band") or "none"] += 1
        self.missing_fields.update(row.get("missing_fields") or [])
        self.findings.update(row.get("findings") or [])

    def state(self) -> dict[str, Any]:
        return {
            "rows_read": self.rows_read,
            "rows_scored": self.rows_scored,
            "rows_errored": self.rows_errored,
            "bands": dict(self.bands),
            "missing_fields": dict(self.missing_fields),
            "findings": dict(self.findings),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], top: int = 10) -> "Summary":
        s = cls(top=top)
        s.rows_read = int(state.get("rows_read", 0))
        s.rows_scored = int(state.get("rows_scored", 0))
        s.rows_errored = int(state.get("rows_errored", 0))
        s.bands.update(state.get("bands", {}))
        s.missing_fields.update(state.get("missing_fields", {}))
        s.findings.update(state.get("findings", {}))
        return s

    def to_dict(self) -> dict[str, Any]:
        """The `--summary-json` document; most frequent first, ties by name (stable output)."""

        def ranked(c: Counter[str]) -> list[dict[str, Any]]:
            items = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[: self.top]
            return [{"code": k, "count": v} for k, v in items]

        return {
            "rows_read": self.rows_read,
            "rows_scored": self.rows_scored,
            "rows_errored": self.rows_errored,
            "risk_bands": dict(sorted(self.bands.items())),
            "top_missing_fields": ranked(self.missing_fields),
            "top_findings": ranked(self.findings),
        }

    def render_fa(self) -> str:
        d = self.to_dict()
        lines = [
            "خلاصهٔ اجرا:",
            f"  ردیف‌های خوانده‌شده: {d['rows_read']}",
            f"  امتیازدهی‌شده: {d['rows_scored']}",
            f"  با خطا: {d['rows_errored']}",
        ]
        if d["risk_bands"]:
            lines.append("  سطح خطر: " + "، ".join(f"{(BAND_BY_CODE[k].summary_fa if k in BAND_BY_CODE else k)} {v}" for k, v in d["risk_bands"].items()))
        if d["top_missing_fields"]:
            lines.append("  پرتکرارترین کمبودها: " + "، ".join(f"{x['code']} ({x['count']})" for x in d["top_missing_fields"]))
        if d["top_findings"]:
            lines.append("  پرتکرارترین یافته‌ها: " + "، ".join(f"{x['code']} ({x['count']})" for x in d["top_findings"]))
        return "\n".join(lines)
