"""The named rule steps of the pipeline: normalise, parse, petition_kind, claim_type, forum, check
(the deadline step is in `deadlines.step`)."""
from __future__ import annotations

from screening.checks.claim_type import ClaimTypeRecogniser, spec_of
from screening.checks.deadlines.detect import detect
from screening.checks.forum import (
    addressed_forum,
    petition_kind_of,
    review_forum,
    review_kind_of_addressee,
    route_forum,
    ruling_court_named,
)
from screening.text.jalali import format_jalali
from screening.text.normalize import Normaliser, get_normaliser
from screening.checks.parse import PetitionParser
from screening.document import Document
from screening.knowledge.forums import FORUM_BY_CODE
from screening.report import Forum
from screening.checks.rules import RULES, Check, CheckContext, applies, find_missing_fields, make_finding


class Normalise:
    name = "normalise"

    def __init__(self, normaliser: Normaliser | None = None):
        self.normaliser = normaliser or get_normaliser()

    def __call__(self, doc: Document) -> Document:
        doc.normalised = self.normaliser.normalise(doc.text)
        return doc


class Parse:
    name = "parse"

    def __init__(self, parser: PetitionParser | None = None):
        self.parser = parser or PetitionParser()

    def __call__(self, doc: Document) -> Document:
        doc.parsed = self.parser.parse(doc.normalised)
        doc.fields = doc.parsed.fields
        doc.is_petition = doc.parsed.is_petition
        return doc


class ClassifyPetition:
    """First instance, appeal, objection or another review; the service dates named (one detector for both)."""

    name = "petition_kind"

    def __call__(self, doc: Document) -> Document:
        cues = detect(doc.normalised.text, default_kind=review_kind_of_addressee(doc.fields.addressed_court))
        doc.review_cues = cues
        doc.petition_kind = petition_kind_of(cues.kind)
        # The report's service date is the detector's, whatever the parser's headings held.
        doc.fields.service_date = format_jalali(cues.service_date) if cues.service_date else None
        return doc


class RecogniseClaimType:
    name = "claim_type"

    def __init__(self, recogniser: ClaimTypeRecogniser | None = None):
        self.recogniser = recogniser or ClaimTypeRecogniser()

    def __call__(self, doc: Document) -> Document:
        if not doc.is_petition:
            return doc  # no guess at a claim type for text that is not a petition
        doc.claim_type, doc.claim_ranking = self.recogniser.predict(doc.normalised.text, doc.parsed.claim_text)
        return doc


class RouteForum:
    name = "forum"

    def __call__(self, doc: Document) -> Document:
        if not doc.is_petition:
            return doc
        spec = spec_of(doc.claim_type.code)
        # Insolvency is heard by the court of the main claim: the next-best claim type, if any.
        main = next((s for _, s in doc.claim_ranking if s.code != spec.code), None)
        doc.forum, doc.forum_uncertain = route_forum(spec, doc.fields.claim_value_rial, main,
                                                     claim_text=doc.parsed.claim_text or "", facts=doc.fields.facts or "")
        if doc.petition_kind.is_review:
            # The ruling attacked is that of the court the petition names as having ruled, else the court
            # that hears this claim at first instance; the review goes where DOMAIN §5.1 sends it.
            text, addressee = doc.normalised.text, doc.fields.addressed_court
            k = text.find(addressee) if addressee else -1
            named = ruling_court_named(text, (k, k + len(addressee)) if k >= 0 else None)
            ruling = doc.forum if named in (None, doc.forum.code) else _named_forum(named)
            # Known when the petition names it, or the claim type routes to it; an unrecognised claim's
            # route is only a guess, and finality (NOT_APPEALABLE) must not rest on a guess.
            doc.ruling_court = named or (ruling.code if spec.code != "other" and not doc.forum_uncertain else None)
            doc.forum = review_forum(doc.review_cues.kind, ruling)
            doc.forum_uncertain = False
        return doc


def _named_forum(code: str) -> Forum:
    from_table = FORUM_BY_CODE[code]
    return Forum(code, from_table.label_fa, f"{from_table.basis} (دادگاهی که رأی داده، به گفته دادخواست)")


class CheckRules:
    name = "check"

    def __init__(self, rules: tuple[tuple[str, Check], ...] = RULES):
        self.rules = rules

    @property
    def rule_names(self) -> list[str]:
        return [name for name, _ in self.rules]

    def __call__(self, doc: Document) -> Document:
        if not doc.is_petition:
            # One finding that says what is wrong; Article 51 items of a non-petition are not listed.
            doc.findings.append(make_finding("NOT_A_PETITION"))
            return doc
        ctx = CheckContext(
            nt=doc.normalised,
            parsed=doc.parsed,
            spec=spec_of(doc.claim_type.code),
            forum=doc.forum,
            forum_uncertain=doc.forum_uncertain,
            addressed=addressed_forum(doc.fields.addressed_court),
            review=doc.petition_kind.is_review,
            petition_kind=doc.petition_kind,
            ruling_court=doc.ruling_court,
            review_kind=doc.review_cues.kind if doc.review_cues is not None else None,
        )
        doc.missing_fields = find_missing_fields(ctx)
        for name, check in self.rules:
            if applies(name, doc.petition_kind):
                doc.findings.extend(check(ctx))
        doc.evidence_checklist = ctx.evidence_checklist
        return doc
