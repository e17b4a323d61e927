"""Checks over a parsed petition. Each check is a small function that returns findings;
`RULES` lists them by name so a reader can see (and a caller can choose) what runs.

Legal knowledge lives in `screening.knowledge`; the checks only apply those tables.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from screening.text import ids
from screening.text.digits import fa_number, to_fa_digits
from screening.text.jalali import InvalidJalaliDate, format_jalali, parse_jalali_date
from screening.knowledge.claim_types import MOVABLE_CLAIM_CUE, REVIEW_EVIDENCE, ClaimTypeSpec, cue
from screening.knowledge.fields import ARTICLE_51_FIELDS as _ARTICLE_51
from screening.knowledge.findings import FINDING_TYPES, MISSING_FIELD_FINDING
from screening.knowledge.deadlines import RULE_BY_CODE
from screening.knowledge.forums import FORUM_BY_CODE
from screening.checks.forum import final_ruling
from screening.knowledge.grounds import AUTHORITY_ROLES, GROUND_RULES, GroundRule
from screening.text.normalize import NormalisedText
from screening.checks.parse import ParsedPetition
from screening.report import EvidenceCheck, Finding, Forum, Party, PetitionKind, Span

ARTICLE_51_FIELDS = tuple(f.code for f in _ARTICLE_51)

_MONEY_WORDS = cue(r"مطالبه|مبلغ|وجه|ریال|تومان|خسارت|بها")
_ORDINARY_DEED = cue(r"مبایعه_?نامه_?(?:عادی)?|قول_?نامه|سند_عادی|قرارداد_(?:عادی|فروش)")
_REGISTRATION_LAW_START = (1403, 4, 3)  # الزام به ثبت رسمی معاملات اموال غیرمنقول in force
_CADASTRAL = cue(r"حدنگار|کاداستر|کاداستری")
_ROLE_FA = {"plaintiff": "خواهان", "defendant": "خوانده", "representative": "وکیل یا نماینده"}


@dataclass
class CheckContext:
    """Everything a check may read."""

    nt: NormalisedText
    parsed: ParsedPetition
    spec: ClaimTypeSpec
    forum: Forum
    forum_uncertain: bool
    addressed: str | None  # forum code the draft addressed
    review: bool  # a review petition (appeal, objection, cassation, retrial): petition_kind is not first_instance
    evidence_checklist: list[EvidenceCheck] = field(default_factory=list)
    petition_kind: PetitionKind = PetitionKind.FIRST_INSTANCE
    ruling_court: str | None = None  # for a review: forum code of the court whose ruling is attacked
    review_kind: str | None = None  # for a review: the code of its row in knowledge.deadlines

    @property
    def fields(self):
        return self.parsed.fields

    def span(self, start: int, end: int) -> Span:
        return Span(*self.nt.span_to_original(start, end))

    def locate(self, needle: str, after: int = 0) -> Span | None:
        """Where `needle` (as it stands in the normalised text) is, in the original text."""
        if not needle:
            return None
        k = self.nt.text.find(needle, after)
        if k < 0:
            k = self.nt.text.find(needle)
        return self.span(k, k + len(needle)) if k >= 0 else None


def make_finding(code: str, span: Span | None = None, **values: object) -> Finding:
    row = FINDING_TYPES[code]
    values = {k: v for k, v in values.items()}
    return Finding(
        code=code,
        severity=row.severity,
        basis=row.basis.format_map(_Blank(values)),
        message_fa=row.message_fa.format_map(_Blank(values)),
        span=span,
    )


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _party_label(party: Party) -> str:
    who = _ROLE_FA.get(party.role, party.role)
    return f"{who} ({party.name})" if party.name else who


# --- the checks ------------------------------------------------------------------------------------

def needs_other_side(ctx: CheckContext) -> bool:
    """A defendant is needed unless the matter is non-contentious (حصر وراثت) or the review names none."""
    if ctx.review_kind is not None:
        return RULE_BY_CODE[ctx.review_kind].names_other_side
    return ctx.spec.contentious


def find_missing_fields(ctx: CheckContext) -> list[str]:
    """Article 51 items that are missing, in the order of the article."""
    f = ctx.fields
    missing = []
    if not any(p.name or p.national_id or p.legal_id for p in f.plaintiffs):
        missing.append("plaintiff")
    if needs_other_side(ctx) and not any(p.name or p.national_id or p.legal_id for p in f.defendants):
        missing.append("defendant")
    if not f.claim:
        missing.append("claim")
    # An unrecognised claim is financial when it asks for money or a thing (a car, goods): CPC 51(3), 62.
    needs_value = ctx.spec.financial if ctx.spec.code != "other" else bool(f.claim and (_MONEY_WORDS.search(f.claim) or MOVABLE_CLAIM_CUE.search(f.claim)))
    if needs_value and f.claim_value_rial is None:
        missing.append("claim_value")
    if not f.facts:
        missing.append("facts")
    if not f.request:
        missing.append("request")
    if not f.evidence:
        missing.append("evidence")
    if not f.signature:
        missing.append("signature")
    return missing


def check_missing_fields(ctx: CheckContext) -> list[Finding]:
    return [make_finding(MISSING_FIELD_FINDING[code]) for code in find_missing_fields(ctx)]


def check_party_details(ctx: CheckContext) -> list[Finding]:
    f = ctx.fields
    out: list[Finding] = []
    if f.plaintiffs and not any(p.address for p in f.plaintiffs):
        out.append(make_finding("MISSING_PLAINTIFF_ADDRESS", f.plaintiffs[0].span))
    for party in f.defendants:
        if party.address_unknown:
            out.append(make_finding("DEFENDANT_ADDRESS_UNKNOWN", party.span))
        elif not party.address:
            out.append(make_finding("MISSING_DEFENDANT_ADDRESS", party.span, party=_party_label(party)))
    for party in f.plaintiffs:
        # Companies have no father; only natural persons are asked for one.
        if party.name and not party.father_name and not party.legal_id and not _is_entity(party.name):
            out.append(make_finding("MISSING_FATHER_NAME", party.span, party=_party_label(party)))
    return out


_ENTITY_RE = cue(r"^(?:شرکت|موسسه|مؤسسه|بانک|اداره|سازمان|شهرداری|دانشگاه|تعاونی|وزارت|بنیاد|انجمن)")


def _is_entity(name: str) -> bool:
    return bool(_ENTITY_RE.search(name))


def check_identifiers(ctx: CheckContext) -> list[Finding]:
    f = ctx.fields
    out: list[Finding] = []
    for party in (*f.plaintiffs, *f.defendants, *f.representatives):
        label = _party_label(party)
        after = 0
        if party.national_id and not ids.is_valid_national_id(party.national_id):
            out.append(make_finding("INVALID_NATIONAL_ID", ctx.locate(party.national_id, after), party=label, value=party.national_id))
        if party.legal_id and not ids.is_valid_legal_id(party.legal_id):
            out.append(make_finding("INVALID_LEGAL_ID", ctx.locate(party.legal_id, after), party=label, value=party.legal_id))
        if party.postal_code and not ids.check_postal_code(party.postal_code).valid:
            out.append(make_finding("INVALID_POSTAL_CODE", ctx.locate(party.postal_code, after), party=label, value=party.postal_code))
        if party.mobile and ids.normalise_mobile(party.mobile) is None:
            out.append(make_finding("INVALID_MOBILE", ctx.locate(party.mobile, after), party=label, value=party.mobile))
    return out


def check_claim_value(ctx: CheckContext) -> list[Finding]:
    f = ctx.fields
    out: list[Finding] = []
    if f.claim_value_rial is None:
        return out
    span = f.spans.get("claim_value")
    match = next((a for a in ctx.parsed.amount_matches if f.claim_value_text and ctx.nt.text[a.start:a.end] == f.claim_value_text), None)
    if match is None:
        return out
    if match.digits_rial is not None and match.words_rial is not None and match.digits_rial != match.words_rial:
        out.append(make_finding("VALUE_MISMATCH", span, digits=fa_number(match.digits_rial), words=fa_number(match.words_rial)))
    if match.reversed_groups:
        out.append(make_finding("REVERSED_DIGIT_GROUPS", span, value=f.claim_value_text, rial=fa_number(f.claim_value_rial)))
    if match.unit_assumed:
        out.append(make_finding("AMOUNT_UNIT_ASSUMED", span))
    return out


def check_evidence(ctx: CheckContext) -> list[Finding]:
    """Fill the claim type's evidence checklist; raise each absent key item's own finding."""
    spec = ctx.spec
    if spec.code == "other" or not spec.evidence:
        return []
    f = ctx.fields
    # Attached evidence is read from the evidence list; without a list (none, or documents named in
    # the prose: «به استناد …», «به پیوست …»), anything the text cites counts.
    where = ctx.parsed.evidence_text if f.evidence and ctx.parsed.evidence_listed else ctx.nt.text
    out: list[Finding] = []
    for item in spec.evidence:
        present = any(p.search(where) for p in item.patterns) and not any(p.search(where) for p in item.not_if)
        key = item.key or any(p.search(ctx.nt.text) for p in item.key_when)
        ctx.evidence_checklist.append(EvidenceCheck(item.code, item.label_fa, present, key))
        if present or not key:
            continue
        lost = item.lost_fa or "بدون آن، دعوا به احتمال زیاد به نتیجه نمی‌رسد؛"
        out.append(make_finding(item.missing_code, f.spans.get("evidence"), claim_type=spec.label_fa, evidence=item.label_fa,
                                evidence_basis=item.basis or spec.basis, lost=lost))
    return out


def check_forum(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    if ctx.review:
        return out
    span = ctx.fields.spans.get("addressed_court")
    if ctx.forum_uncertain and ctx.fields.claim_value_rial is not None:
        # Immovables under the cap: whether the Peace Court's cap reaches them is unverified (DOMAIN §5.1),
        # so the Peace Court or the general court may be right; only another court is wrong.
        if ctx.addressed and ctx.addressed not in ("peace_court", "general_civil_court"):
            out.append(make_finding("WRONG_FORUM", span, addressed=FORUM_BY_CODE[ctx.addressed].label_fa, competent=ctx.forum.label_fa))
        else:
            out.append(make_finding("FORUM_UNCERTAIN", span))
    elif ctx.addressed and ctx.addressed != ctx.forum.code and not ctx.forum_uncertain:
        out.append(make_finding("WRONG_FORUM", span, addressed=FORUM_BY_CODE[ctx.addressed].label_fa, competent=ctx.forum.label_fa))
    return out


_KIND_FA = {PetitionKind.APPEAL: "تجدیدنظرخواهی", PetitionKind.OBJECTION: "اعتراض (واخواهی)",
            PetitionKind.OTHER_REVIEW: "فرجام‌خواهی یا اعاده دادرسی"}


def check_review_evidence(ctx: CheckContext) -> list[Finding]:
    """A review petition's own key evidence: the ruling attacked and its service notice (knowledge.REVIEW_EVIDENCE)."""
    where = ctx.parsed.evidence_text if ctx.fields.evidence else ctx.nt.text
    out: list[Finding] = []
    for item in REVIEW_EVIDENCE:
        present = any(p.search(where) for p in item.patterns)
        ctx.evidence_checklist.append(EvidenceCheck(item.code, item.label_fa, present, item.key))
        if not present and item.key:
            out.append(make_finding("MISSING_REVIEW_EVIDENCE", ctx.fields.spans.get("evidence"),
                                    kind=_KIND_FA.get(ctx.petition_kind, "اعتراض"), evidence=item.label_fa))
    return out


def check_appealability(ctx: CheckContext) -> list[Finding]:
    """An appeal against a ruling the law makes final (DRC-1402 art. 12 note 5; CPC 331) is fruitless."""
    if ctx.petition_kind is not PetitionKind.APPEAL:
        return []
    value = ctx.fields.claim_value_rial
    finality = final_ruling(ctx.spec, value, ctx.ruling_court)
    if finality is None:
        return []
    return [make_finding("NOT_APPEALABLE", ctx.fields.spans.get("claim_value") or ctx.fields.spans.get("claim"),
                         finality_basis=finality.basis, ruling_court=FORUM_BY_CODE[finality.ruling_court].label_fa,
                         value=fa_number(value), threshold=f" (رأی‌های مالی تا {fa_number(finality.final_up_to_rial)} ریال قطعی است)")]


# A dot glued to the next letter or digit («1403.02.03») or after a one-letter word («ش.م.») ends nothing.
_SENTENCE_END = re.compile(r"(?<![\s.][^\W\d_])\.(?![^\W_])|[!?؟\n]")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: up to a full stop (not inside a number, a date or an abbreviation), ?, ! or a line break."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _ground_hit(rule: GroundRule, text: str, bounds_of: Callable[[], list[tuple[int, int]]]) -> tuple[int, int, str] | None:
    """(start, end, words) of a ground's cue, with its conditions read in the cue's own sentence
    (scope "sentence") or anywhere in the text."""
    if rule.scope != "sentence":
        hit = next((m for p in rule.cues if (m := p.search(text))), None)
        if hit is None or (rule.requires and not all(p.search(text) for p in rule.requires)):
            return None
        return hit.start(), hit.end(), hit.group()
    # Only the sentences where a cue stands are read (cues are searched in the whole text, once), and
    # none when a required cue is nowhere in the text.
    if rule.requires and not all(p.search(text) for p in rule.requires):
        return None
    hits = sorted((m.start(), m.end()) for p in rule.cues for m in p.finditer(text))
    if not hits:
        return None
    bounds = bounds_of()  # the sentences, split only for a text where some sentence-scoped cue stands
    starts = [b[0] for b in bounds]
    seen: set[int] = set()
    for h_start, h_end in hits:
        k = bisect_right(starts, h_start) - 1
        if k < 0 or k in seen or h_end > bounds[k][1]:
            continue
        seen.add(k)
        s_start, s_end = bounds[k]
        sentence = text[s_start:s_end]
        hit = next((m for p in rule.cues if (m := p.search(sentence))), None)
        if hit is None:
            continue
        if rule.requires and not all(p.search(sentence) for p in rule.requires):
            continue
        if any(p.search(sentence) for p in rule.sentence_unless):
            continue
        return s_start + hit.start(), s_start + hit.end(), hit.group()
    return None


def check_grounds(ctx: CheckContext) -> list[Finding]:
    text = ctx.nt.text
    bounds_of = functools.cache(lambda: sentences(text))
    out: list[Finding] = []
    for rule in GROUND_RULES:
        if rule.claim_types and ctx.spec.code not in rule.claim_types:
            continue
        if any(f.code == rule.code for f in out):
            continue  # one finding per ground, whichever of its rows read it
        hit = _ground_hit(rule, text, bounds_of)
        if hit is None:
            continue
        if rule.unless and any(p.search(text) for p in rule.unless):
            continue
        if rule.in_evidence_unless and any(p.search(ctx.parsed.evidence_text or text) for p in rule.in_evidence_unless):
            continue
        start, end, words = hit
        out.append(make_finding(rule.code, ctx.span(start, end), value=" ".join(words.split())[:60]))
    return out


def check_authority(ctx: CheckContext) -> list[Finding]:
    """CPC 84(5): each representative's authority is proved by its own document only — a lawyer by a
    وکالت‌نامه, a company's signatory by the روزنامه رسمی, a guardian by the child's birth certificate,
    an heir by the heirship certificate (AUTHORITY_ROLES)."""
    text = ctx.nt.text
    where = ctx.parsed.evidence_text if ctx.parsed.evidence_listed else text  # as check_evidence reads it
    claim = ctx.parsed.claim_text or ""
    out: list[Finding] = []
    for role in AUTHORITY_ROLES:
        if role.entity_plaintiff:
            # a legal person always acts through someone: its signatory is the representative
            party = next((p for p in ctx.fields.plaintiffs if p.legal_id or (p.name and _is_entity(p.name))), None)
            if party is None:
                continue
            hit_span = party.span
        else:
            hit = next((m for p in role.cues if (m := p.search(text))), None)
            if role.code == "lawyer" and hit is None and (rep := ctx.parsed.sections.get("representative")) is not None \
                    and any(p.name for p in ctx.fields.representatives) and not _NOT_A_LAWYER.search(rep.text):
                hit = re.search("وکیل", text)  # a «وکیل یا نماینده قانونی» row naming someone, who is no guardian
            if hit is None:
                continue
            hit_span = ctx.span(hit.start(), hit.end())
        if any(p.search(where) for p in role.proofs) or any(p.search(claim) for p in role.unless_claim):
            continue
        out.append(make_finding(role.finding, hit_span, role=role.label_fa, proof=role.proof_fa, role_basis=role.basis))
    return out


_NOT_A_LAWYER = cue(r"ولی|قیم|مدیر_?عامل|نماینده_حقوقی|معرفی_?نامه")


def _cadastral(text: str) -> bool:
    return bool(_CADASTRAL.search(text))


def check_immovable_deal(ctx: CheckContext) -> list[Finding]:
    """1403 registration law (DOMAIN.md §7): an ordinary-deed sale of an immovable is FRUITLESS only when
    the deed is dated from 1403/04/03 *and* the property has a cadastral (حدنگار) title; otherwise WARN,
    since the law's reach is disputed."""
    if ctx.spec.code not in ("deed_transfer", "dispossession"):
        return []
    text = ctx.nt.text
    mentions = list(_ORDINARY_DEED.finditer(text))
    if not mentions:
        return []
    # The deed is named several times (claim, evidence list, facts); the date is where one mention has it.
    m, deed_date = mentions[0], None
    for mention in mentions:
        if (deed_date := _deed_date(ctx, mention)) is not None:
            m = mention
            break
    after_law = deed_date is not None and (deed_date.year, deed_date.month, deed_date.day) >= _REGISTRATION_LAW_START
    where = ctx.span(m.start(), m.end())
    if after_law and _cadastral(text):
        return [make_finding("UNREGISTERED_IMMOVABLE_DEAL_BARRED", where, date=to_fa_digits(format_jalali(deed_date)))]
    detail = f" و پس از ۱۴۰۳/۰۴/۰۳ ({to_fa_digits(format_jalali(deed_date))}) انجام شده است" if after_law else " انجام شده است"
    return [make_finding("UNREGISTERED_IMMOVABLE_DEAL", where, detail=detail)]


def _deed_date(ctx: CheckContext, deed: re.Match[str]):
    """The date of the ordinary deed: the first valid date in the sentence that names the deed (or,
    when that sentence has none, in the next 120 characters)."""
    text = ctx.nt.text
    s_start, s_end = next(((a, b) for a, b in sentences(text) if a <= deed.start() < b), (deed.start(), deed.end()))
    candidates = [d for d in ctx.parsed.dates if s_start <= d[0] < s_end and d[0] >= deed.start()] or \
                 [d for d in ctx.parsed.dates if s_start <= d[0] < s_end] or \
                 [d for d in ctx.parsed.dates if 0 <= d[0] - deed.end() <= 120]
    for _, _, raw in candidates:
        try:
            return parse_jalali_date(raw)
        except InvalidJalaliDate:
            continue
    return None


def check_dates(ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for start, end, raw in ctx.parsed.dates:
        parts = re.split(r"[/\-.]", raw)
        if not any(len(p) == 4 for p in parts) and not any(len(p) == 2 for p in parts[:1] + parts[2:]):
            continue  # not a date shape we read (e.g. 1/2/3)
        try:
            d = parse_jalali_date(raw)
        except InvalidJalaliDate:
            out.append(make_finding("INVALID_DATE", ctx.span(start, end), value=raw))
            continue
        if getattr(d, "two_digit_year", False):
            out.append(make_finding("TWO_DIGIT_YEAR", ctx.span(start, end), value=raw))
    return out


# CPC 84 grounds about the one who files (capacity, authority) hold for a review petition too; the
# others are about the claim, which the court that ruled has already weighed.
FILER_GROUNDS = frozenset({"PLAINTIFF_INCAPACITY", "AUTHORITY_UNPROVEN"})


def check_filer_grounds(ctx: CheckContext) -> list[Finding]:
    return [f for f in check_grounds(ctx) if f.code in FILER_GROUNDS]


Check = Callable[[CheckContext], list[Finding]]

# Which petitions a rule reads. A review petition is judged on the ruling it attacks: the first-instance
# claim's key evidence, forum and CPC 84 wording are for the court that already ruled (DOMAIN §5.1, §7).
FIRST_INSTANCE_ONLY = frozenset({"evidence", "forum", "admissibility", "immovable_registration"})
REVIEW_ONLY = frozenset({"review_evidence", "appealability", "filer_grounds"})


def applies(rule_name: str, kind: PetitionKind) -> bool:
    if kind is PetitionKind.FIRST_INSTANCE:
        return rule_name not in REVIEW_ONLY
    return rule_name not in FIRST_INSTANCE_ONLY

RULES: tuple[tuple[str, Check], ...] = (
    ("article_51", check_missing_fields),
    ("party_details", check_party_details),
    ("identifiers", check_identifiers),
    ("claim_value", check_claim_value),
    ("evidence", check_evidence),
    ("forum", check_forum),
    ("admissibility", check_grounds),
    ("authority", check_authority),
    ("immovable_registration", check_immovable_deal),
    ("dates", check_dates),
    ("review_evidence", check_review_evidence),
    ("appealability", check_appealability),
    ("filer_grounds", check_filer_grounds),
)
