"""Grounds of inadmissibility that show in a draft's own words (CPC 84 and related rules).

Each row: a finding code, the cues that raise it, and optional conditions: claim types it
applies to, cues that must also be present (`requires`) or that cancel it (`unless`, e.g. a
guardian named for a minor plaintiff). Cues are over normalised text (see knowledge.claim_types.cue).
These are screening heuristics: the finding says "looks like", and the expert decides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from screening.knowledge.claim_types import cue


@dataclass(frozen=True)
class GroundRule:
    code: str
    cues: tuple[re.Pattern[str], ...]
    claim_types: tuple[str, ...] = ()  # empty: any claim type
    requires: tuple[re.Pattern[str], ...] = ()  # all must match somewhere in the text
    unless: tuple[re.Pattern[str], ...] = ()  # any match cancels the ground
    in_evidence_unless: tuple[re.Pattern[str], ...] = field(default=())  # cancelled if listed as evidence


def _c(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(cue(p) for p in patterns)


GROUND_RULES: tuple[GroundRule, ...] = (
    # CPC 84(9): a speculative or conditional claim is not heard.
    GroundRule("NOT_DEFINITIVE", _c(r"احتمالا", r"در_صورت_(?:اثبات|احراز|وقوع)", r"ممکن_است_(?:خوانده|در_آینده)", r"شاید",
                                   r"(?:خسارات?|ضرر)_(?:احتمالی|آتی)", r"در_آینده_(?:ممکن|احتمال)")),
    # CPC 84(6): the same dispute was finally judged before.
    GroundRule("RES_JUDICATA", _c(r"(?:قبلا|پیش_تر|سابقا)[^.\n]{0,80}(?:حکم|دادنامه)[^.\n]{0,30}قطعی",
                                  r"(?:حکم|دادنامه)_قطعی[^.\n]{0,60}(?:همین_موضوع|همین_دعوا|موضوع_مشابه|(?:در_)?(?:این|همین)_(?:خصوص|مورد|باره))",
                                  r"به_همین_خواسته[^.\n]{0,60}(?:حکم|رای|رأی)[^.\n]{0,20}(?:قطعی|صادر)")),
    # CPC 84(2): the same or a related dispute is pending elsewhere.
    GroundRule("LIS_PENDENS", _c(r"(?:همین_دعوا|همین_موضوع|همین_خواسته)[^.\n]{0,60}(?:در_حال_رسیدگی|مطرح_است|تحت_رسیدگی)",
                                 r"(?:پرونده|دعوای)[^.\n]{0,40}(?:در_حال_رسیدگی|تحت_رسیدگی)[^.\n]{0,40}(?:شعبه|دادگاه)")),
    # CPC 84(3), CC 1218: a minor or interdicted plaintiff without guardian.
    GroundRule("PLAINTIFF_INCAPACITY", _c(r"خواهان[^.\n]{0,40}(?:صغیر|نابالغ|محجور|سفیه|مجنون)", r"(?:اینجانب|خواهان)[^.\n]{0,20}(?:\d{1,2}|ده|یازده|دوازده|سیزده|چهارده|پانزده)_ساله",
                                          r"سن_(?:خواهان_)?(?:\d|1[0-7])_سال"),
               unless=_c(r"ولی_قهری", r"\bقیم\b", r"قیم_?نامه", r"با_ولایت", r"به_ولایت", r"پدر_(?:و_ولی|خواهان)")),
    # CPC 84(5): acting for someone else without proof of authority in the annexes.
    GroundRule("AUTHORITY_UNPROVEN", _c(r"به_(?:وکالت|نمایندگی|قیمومت|ولایت)_از", r"^\s*وکیل(?:_خواهان)?\s*[:：]\s*\S"),
               in_evidence_unless=_c(r"وکالت_?نامه", r"قیم_?نامه", r"معرفی_?نامه", r"حکم_(?:قیمومت|حصر_وراثت)", r"شناسنامه_(?:طفل|فرزند|صغیر)", r"روزنامه_رسمی")),
    # CC 1206: relatives (not the wife) may claim maintenance only for the future.
    GroundRule("PAST_RELATIVE_MAINTENANCE", _c(r"نفقه_(?:معوقه|گذشته|ایام_گذشته)", r"نفقه[^.\n]{0,30}(?:از_تاریخ|از_سال|ماه_های_گذشته|معوقه)"),
               claim_types=("nafaqa",),
               requires=_c(r"(?:پدر|مادر|فرزند|پسر|دختر|نوه|جد)(?:_ام|_م)?(?:_اینجانب)?[^.\n]{0,20}(?:نفقه|خوانده)|نفقه_(?:اقارب|فرزند|پدر|مادر|والدین)"),
               unless=_c(r"نفقه_(?:زوجه|همسر)", r"زوجه", r"همسرم")),
    # CPC 84(7): gift or endowment without delivery has no legal effect.
    GroundRule("NO_LEGAL_EFFECT", _c(r"(?:هبه|وقف)[^.\n]{0,60}(?:بدون|عدم)_(?:قبض|تحویل)", r"(?:قبض|تحویل)_(?:نشده|صورت_نگرفته)[^.\n]{0,40}(?:هبه|وقف)")),
    # CPC 84(10), CPC 2: the plaintiff is not a party to the document sued on.
    GroundRule("NO_INTEREST", _c(r"(?:در_وجه|به_نام)_(?:برادر|خواهر|پدر|مادر|همسر|دوست|شریک)_(?:اینجانب|بنده|خواهان)",
                                 r"اینجانب[^.\n]{0,30}(?:طرف|ذی_نفع)_(?:قرارداد|سند|معامله)?_?نیستم")),
    # CPC 84(4): the claim is not against this defendant.
    GroundRule("NOT_AGAINST_DEFENDANT", _c(r"خوانده[^.\n]{0,40}(?:صادرکننده|امضاکننده|ظهرنویس)[^.\n]{0,15}(?:نیست|نبوده)",
                                           r"(?:چک|سفته)[^.\n]{0,40}توسط_(?:شخص_)?(?:دیگری|ثالث)[^.\n]{0,20}(?:صادر|امضا)")),
)
