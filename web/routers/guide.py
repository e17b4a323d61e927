"""The Persian guide for office staff (/guide, and /راهنما which leads to it)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from screening.knowledge.bands import RISK_BANDS
from screening.pipeline import MAX_CHARS, Screener
from screening.report import SEVERITY_LABELS_FA, SEVERITY_RANK
from screening_web.dependencies import get_screener
from screening_web.presentation import BAND_MEANINGS_FA, SEVERITY_CSS, model_quality_fa
from screening_web.routers.pages import model_dir_of, office_name
from screening_web.templating import templates

router = APIRouter(include_in_schema=False)

# What each severity means for the petition (DOMAIN.md §0; CPC 53–56, 84, 89).
SEVERITY_MEANINGS_FA = {
    "BLOCKER": "دادخواست بدون مهلت رفع نقص رد می‌شود؛ پیش از ثبت باید کامل شود (ماده ۵۶ قانون آیین دادرسی مدنی).",
    "FRUITLESS": "دعوا احتمالاً با قرار رد دعوا، عدم استماع یا عدم صلاحیت به نتیجه نمی‌رسد (مواد ۸۴ و ۸۹ قانون آیین دادرسی مدنی).",
    "DEFECT": "اخطار رفع نقص صادر می‌شود و از ابلاغ آن ۱۰ روز (مقیم خارج: دو ماه) فرصت هست؛ وگرنه دادخواست رد می‌شود (مواد ۵۳ و ۵۴).",
    "WARN": "خطر یا قاعده‌ای که قطعی نیست؛ کارشناس بازبینی کند.",
}


@router.get("/guide", response_class=HTMLResponse, name="guide")
def guide(request: Request, screener: Annotated[Screener, Depends(get_screener)]) -> HTMLResponse:
    scorer_info = next((getattr(getattr(s, "scorer", None), "info", None) for s in screener.steps if hasattr(s, "scorer")), None)
    severities = [
        (sev, SEVERITY_LABELS_FA[sev], SEVERITY_MEANINGS_FA[sev.value], SEVERITY_CSS[sev])
        for sev in sorted(SEVERITY_RANK, key=SEVERITY_RANK.get)
    ]
    context = {
        "severities": severities,
        "bands": [(b.label_fa, BAND_MEANINGS_FA.get(b.code, "")) for b in RISK_BANDS],
        "quality_fa": model_quality_fa(scorer_info, model_dir_of(screener)) if scorer_info else "",
        "has_model": scorer_info is not None,
        "max_chars": MAX_CHARS,
        "office_name": office_name(),
    }
    return templates.TemplateResponse(request, "guide.html", context)


@router.get("/راهنما", include_in_schema=False)
def guide_persian_path() -> RedirectResponse:
    return RedirectResponse("/guide", status_code=308)
