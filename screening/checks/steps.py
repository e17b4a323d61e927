"""The named rule steps of the pipeline: normalise, parse, claim_type, forum, check (the deadline step is in `deadlines.step`)."""
from __future__ import annotations

from screening.checks.claim_type import ClaimTypeRecogniser, spec_of
from screening.checks.forum import addressed_forum, is_review_petition, route_forum
from screening.text.normalize import Normaliser, get_normaliser
from screening.checks.parse import PetitionParser
from screening.document import Document
from screening.report import Forum, Span
from screening.checks.rules import RULES, Check, CheckContext, find_missing_fields, make_finding
from screening.text.digits import fa_number


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
        return doc


class RecogniseClaimType:
    name = "claim_type"

    def __init__(self, recogniser: ClaimTypeRecogniser | None = None):
        self.recogniser = recogniser or ClaimTypeRecogniser()

    def __call__(self, doc: Document) -> Document:
        doc.claim_type, doc.claim_ranking = self.recogniser.predict(doc.normalised.text, doc.parsed.claim_text)
        return doc


class RouteForum:
    name = "forum"

    def __call__(self, doc: Document) -> Document:
        spec = spec_of(doc.claim_type.code)
        # Insolvency is heard by the court of the main claim: the next-best claim type, if any.
        main = next((s for _, s in doc.claim_ranking if s.code != spec.code), None)
        doc.forum, doc.forum_uncertain = route_forum(spec, doc.fields.claim_value_rial, main)
        if is_review_petition(doc.fields.addressed_court):
            # An appeal or cassation petition goes to the court of review it names; the forum
            # reported is the first-instance court for this claim, and the basis says so.
            doc.forum = Forum(doc.forum.code, doc.forum.label_fa,
                              f"{doc.forum.basis} — دادگاه نخستین این دعوا؛ این دادخواست به «{doc.fields.addressed_court}» داده می‌شود")
        return doc


class CheckRules:
    name = "check"

    def __init__(self, rules: tuple[tuple[str, Check], ...] = RULES):
        self.rules = rules

    @property
    def rule_names(self) -> list[str]:
        return [name for name, _ in self.rules]

    def __call__(self, doc: Document) -> Document:
        ctx = CheckContext(
            nt=doc.normalised,
            parsed=doc.parsed,
            spec=spec_of(doc.claim_type.code),
            forum=doc.forum,
            forum_uncertain=doc.forum_uncertain,
            addressed=addressed_forum(doc.fields.addressed_court),
            review=is_review_petition(doc.fields.addressed_court),
        )
        doc.missing_fields = find_missing_fields(ctx)
        for _, check in self.rules:
            doc.findings.extend(check(ctx))
        if doc.replaced_characters:
            first = doc.first_replaced or 0
            doc.findings.append(make_finding("INVALID_CHARACTERS", Span(first, first + 1), count=fa_number(doc.replaced_characters)))
        doc.evidence_checklist = ctx.evidence_checklist
        return doc
