"""The guided fix: which answers a petition still needs, and the corrected petition written from them.

`questions(report)` says what to ask (each missing Article 51 item, a party's missing or invalid
details, an absent key document); `write_petition(text, report, answers)` writes the petition in
the official form's order (CPC 51: title, party rows, «خواسته و بهای آن», «دلایل و منضمات
دادخواست», «شرح دادخواست», signature) from the user's own text plus the answers; `petition_docx`
turns that text into a right-to-left Word file. Nothing here stores anything: the caller re-screens
the new text and hands it back to the person.
"""
from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from num2words import num2words

from screening.report import Party, Report
from screening.text.digits import to_ascii_digits
from screening.text.ids import is_valid_national_id, normalise_national_id

__all__ = [
    "Answers",
    "PartyAnswers",
    "Questions",
    "amount_in_words",
    "petition_docx",
    "questions",
    "write_petition",
]

# The form's section headings, as printed (DOMAIN.md §10).
TITLE_FA = "برگ دادخواست به {court}"
ROLE_HEADINGS = {"plaintiff": "خواهان", "defendant": "خوانده"}
CLAIM_HEADING = "خواسته و بهای آن"
EVIDENCE_HEADING = "دلایل و منضمات دادخواست"
STATEMENT_HEADING = "شرح دادخواست"
SIGNATURE_HEADING = "محل امضا"
DATE_HEADING = "تاریخ"

# Value problems the expert fixes by giving the right amount again.
VALUE_CODES = frozenset({"VALUE_MISMATCH", "REVERSED_DIGIT_GROUPS", "AMOUNT_UNIT_ASSUMED"})
_DIGITS_ONLY = re.compile(r"[^0-9]")


def amount_in_words(rial: int) -> str:
    """450000000 → «چهارصد و پنجاه میلیون» (num2words' Persian; the screener reads it back)."""
    return num2words(int(rial), lang="fa")


def parse_rial(value: str | None) -> int | None:
    """An amount typed in digits of any script, with any separators, as an integer; None if none."""
    digits = _DIGITS_ONLY.sub("", to_ascii_digits(value or ""))
    return int(digits) if digits and len(digits) <= 18 else None


@dataclass
class PartyAnswers:
    name: str = ""
    father_name: str = ""
    national_id: str = ""
    address: str = ""

    def any(self) -> bool:
        return any(v.strip() for v in (self.name, self.father_name, self.national_id, self.address))


@dataclass
class Answers:
    """What the expert typed into the guided-fix fields (all optional)."""

    plaintiff: PartyAnswers = field(default_factory=PartyAnswers)
    defendant: PartyAnswers = field(default_factory=PartyAnswers)
    claim: str = ""
    claim_value_rial: int | None = None
    facts: str = ""
    request: str = ""
    evidence: list[str] = field(default_factory=list)

    @classmethod
    def from_form(cls, form: Mapping[str, object], evidence_items: list[str] | None = None) -> "Answers":
        """Read the fields of the web form (names as in `questions()`); `evidence_items` are ticked documents."""

        def get(name: str) -> str:
            value = form.get(name)
            return " ".join(value.split()) if isinstance(value, str) else ""

        def party(role: str) -> PartyAnswers:
            return PartyAnswers(get(f"{role}_name"), get(f"{role}_father_name"), get(f"{role}_national_id"), get(f"{role}_address"))

        raw_evidence = form.get("evidence")
        typed = [line.strip(" -–\t") for line in raw_evidence.splitlines()] if isinstance(raw_evidence, str) else []
        facts = form.get("facts")
        return cls(
            plaintiff=party("plaintiff"),
            defendant=party("defendant"),
            claim=get("claim"),
            claim_value_rial=parse_rial(get("claim_value")),
            facts=facts.strip() if isinstance(facts, str) else "",
            request=get("request"),
            evidence=[*(evidence_items or []), *(line for line in typed if line)],
        )


@dataclass
class Questions:
    """Which guided-fix fields a report needs, with what the petition already says as the default."""

    parties: dict[str, PartyAnswers]  # role → prefilled answers, only for roles that need some
    claim: bool
    claim_value: bool
    claim_value_default: str
    facts: bool
    request: bool
    evidence: bool
    absent_documents: list[str]  # labels of key documents the petition does not list

    def any(self) -> bool:
        return bool(self.parties or self.claim or self.claim_value or self.facts or self.request or self.evidence)


def _first(parties: list[Party]) -> Party | None:
    return parties[0] if parties else None


def _party_needs(party: Party | None) -> bool:
    if party is None:
        return True
    if party.legal_id:  # a company: name and address are what the form needs
        return not (party.name and (party.address or party.address_unknown))
    return not (
        party.name and party.father_name and party.national_id and is_valid_national_id(party.national_id)
        and (party.address or party.address_unknown)
    )


def questions(report: Report) -> Questions:
    """The guided-fix fields for this report: each missing Article 51 item, a party's missing or
    invalid details, the value when it is missing or inconsistent, and absent key documents."""
    f = report.fields
    missing = set(report.missing_fields)
    codes = set(report.finding_codes)
    parties: dict[str, PartyAnswers] = {}
    for role, found in (("plaintiff", f.plaintiffs), ("defendant", f.defendants)):
        party = _first(found)
        if _party_needs(party):
            parties[role] = PartyAnswers(
                name=(party.name or "") if party else "",
                father_name=(party.father_name or "") if party else "",
                national_id=(party.national_id or "") if party else "",
                address=(party.address or "") if party else "",
            )
    absent = [e.label_fa for e in report.evidence_checklist if e.key and not e.present]
    value_needed = "claim_value" in missing or bool(codes & VALUE_CODES)
    return Questions(
        parties=parties,
        claim="claim" in missing,
        claim_value=value_needed,
        claim_value_default=str(f.claim_value_rial) if (value_needed and f.claim_value_rial) else "",
        facts="facts" in missing,
        request="request" in missing,
        evidence="evidence" in missing or bool(absent),
        absent_documents=absent,
    )


# --- writing ------------------------------------------------------------------------------------

def _cut(text: str, report: Report, name: str) -> str | None:
    span = report.fields.spans.get(name)
    if span is None:
        return None
    piece = text[span.start : span.end].strip()
    return piece or None


def _party_text(text: str, report: Report, party: Party) -> str:
    """The party's own words, cut before any other section the parser found inside them (in a
    narrative petition a party's span can run on into the claim)."""
    if not party.span:
        return ""
    end = party.span.end
    for name in ("claim", "claim_value", "evidence", "facts", "request", "signature"):
        other = report.fields.spans.get(name)
        if other is not None and party.span.start < other.start < end:
            end = other.start
    row = text[party.span.start : end]
    row = re.sub(r"\s*(?:دادخواستی\s+)?به\s+خواسته\s*$", "", row.rstrip())
    return row.strip(" \t\n،,")


def _digit_pattern(ascii_digits: str) -> re.Pattern[str]:
    """The digits of an ID in whatever script and spacing they were written."""
    classes = [f"[{d}{'۰۱۲۳۴۵۶۷۸۹'[int(d)]}{'٠١٢٣٤٥٦٧٨٩'[int(d)]}]" for d in ascii_digits]
    return re.compile(r"[\s\-]?".join(classes))


def _insert_after(row: str, anchor: str | None, addition: str) -> str:
    if anchor and anchor in row:
        at = row.index(anchor) + len(anchor)
        return row[:at] + addition + row[at:]
    return row + addition


def _party_row(text: str, report: Report, party: Party | None, answers: PartyAnswers) -> str | None:
    """The party's row: the user's own wording, with the answered details put where they belong."""
    if party is None or not party.span:
        parts = [answers.name]
        if answers.father_name:
            parts.append(f"فرزند {answers.father_name}")
        if answers.national_id:
            parts.append(f"به کد ملی {normalise_national_id(answers.national_id) or answers.national_id}")
        if answers.address:
            parts.append(f"به نشانی {answers.address}")
        row = " ".join(p for p in parts if p)
        return row or None

    row = _party_text(text, report, party)
    if answers.name and not party.name:
        row = f"{answers.name} {row}"
    name = party.name or answers.name
    if answers.father_name and not party.father_name:
        row = _insert_after(row, name, f" فرزند {answers.father_name}")
    new_id = normalise_national_id(answers.national_id) or answers.national_id
    if new_id and new_id != (party.national_id or ""):
        old = _digit_pattern(party.national_id).search(row) if party.national_id else None
        if old:
            row = row[: old.start()] + new_id + row[old.end() :]
        else:
            after = f"فرزند {party.father_name or answers.father_name}" if (party.father_name or answers.father_name) else name
            row = _insert_after(row, after, f" به کد ملی {new_id}")
    if answers.address and not party.address:
        row = f"{row} به نشانی {answers.address}"
    return row


def _value_phrase(rial: int) -> str:
    return f"مقوم به {rial:,} ریال ({amount_in_words(rial)} ریال)"


def _claim_line(text: str, report: Report, answers: Answers) -> str | None:
    claim = _cut(text, report, "claim") or answers.claim
    if answers.claim and "claim" in report.missing_fields:
        claim = answers.claim
    rial = answers.claim_value_rial
    if rial is None:
        return claim or None
    old_value = _cut(text, report, "claim_value")
    if claim and old_value and old_value in claim:
        # Replace the old amount (and the «مقوم به» before it) with the answered one.
        head, tail = claim.split(old_value, 1)
        head = re.sub(r"\s*(?:مقوم|به\s+مبلغ|به\s+ارزش|به\s+بهای)(?:\s+به)?\s*$", "", head)
        return f"{head.rstrip()} {_value_phrase(rial)}{tail}".strip()
    return f"{claim} {_value_phrase(rial)}".strip() if claim else _value_phrase(rial)


def _statement(text: str, report: Report, answers: Answers) -> str:
    facts = _cut(text, report, "facts")
    if not facts:
        # A narrative petition: its own text is the statement.
        facts = answers.facts or text.strip()
    elif answers.facts and "facts" in report.missing_fields:
        facts = answers.facts
    request = _cut(text, report, "request") or answers.request
    if answers.request and "request" in report.missing_fields:
        request = answers.request
    if request and request not in facts:
        facts = f"{facts}\n{request}" if facts else request
    return facts


def _court(report: Report) -> str:
    if "WRONG_FORUM" in report.finding_codes and report.forum:
        return report.forum.label_fa
    return report.fields.addressed_court or (report.forum.label_fa if report.forum else "دادگاه")


def write_petition(text: str, report: Report, answers: Answers) -> str:
    """The petition in the official form's order, from `text` (screened into `report`) plus `answers`.

    What the person wrote is kept in their words; the answers fill the gaps. A wrong court is
    replaced by the competent one the report names. The signature box stays as written: only the
    citizen can sign.
    """
    f = report.fields
    lines = [TITLE_FA.format(court=_court(report)), ""]
    for role, found in (("plaintiff", f.plaintiffs), ("defendant", f.defendants)):
        given: PartyAnswers = getattr(answers, role)
        rows = [_party_row(text, report, p, given if i == 0 else PartyAnswers()) for i, p in enumerate(found)] or [
            _party_row(text, report, None, given)
        ]
        for row in rows:
            if row:
                lines.append(f"{ROLE_HEADINGS[role]}: {row}")
    lines.append("")
    claim = _claim_line(text, report, answers)
    if claim:
        lines += [f"{CLAIM_HEADING}: {claim}", ""]
    evidence = list(dict.fromkeys([*f.evidence, *answers.evidence]))
    if evidence:
        lines.append(f"{EVIDENCE_HEADING}:")
        lines += [f"{i}- {item}" for i, item in enumerate(evidence, start=1)]
        lines.append("")
    lines += [f"{STATEMENT_HEADING}:", _statement(text, report, answers), ""]
    lines.append(f"{SIGNATURE_HEADING}: {f.signature or ''}".rstrip())
    if f.date:
        lines.append(f"{DATE_HEADING}: {f.date}")
    return "\n".join(lines).strip() + "\n"


# --- Word -----------------------------------------------------------------------------------------

DOCX_FONT = "Vazirmatn"  # falls back to the system's Persian font where Vazirmatn is not installed


def petition_docx(petition: str, font: str = DOCX_FONT) -> bytes:
    """The petition as a .docx: one right-to-left paragraph per line, the title centred and bold."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(12)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)

    headings = (CLAIM_HEADING, EVIDENCE_HEADING, STATEMENT_HEADING, SIGNATURE_HEADING, *ROLE_HEADINGS.values())
    for i, line in enumerate(petition.rstrip("\n").split("\n")):
        paragraph = document.add_paragraph()
        p_pr = paragraph._p.get_or_add_pPr()
        p_pr.append(OxmlElement("w:bidi"))  # right-to-left paragraph: it starts at the right margin
        if i == 0:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if not line:
            continue
        heading = next((h for h in headings if line.startswith(h + ":")), None)
        parts = [(line, i == 0)] if heading is None else [(heading + ":", True), (line[len(heading) + 1 :], False)]
        for piece, bold in parts:
            if not piece:
                continue
            run = paragraph.add_run(piece)
            r_pr = run._r.get_or_add_rPr()
            r_pr.append(OxmlElement("w:rtl"))
            lang = OxmlElement("w:lang")
            lang.set(qn("w:bidi"), "fa-IR")
            r_pr.append(lang)
            if bold:
                run.bold = True
                run.font.cs_bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
