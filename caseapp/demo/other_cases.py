"""Invented demo cases, one per review status, so the demo shows the whole workflow.

Companies, places and people here are made up; the patterns follow well-documented situations.
"""
from caseapp.demo import more_sources

CASES = [
    {
        "status": "verified",
        "record": {
            "title": "Fishing crew kept at sea for eleven months",
            "summary": "Deckhands recruited through an agency in Myanmar say their trawler transferred its catch at "
                       "sea and never called at port. Wages were paid to the agency. Ko Aung Min, who swam ashore "
                       "near Ranong, called his sister Ma Thida from a borrowed phone (081 234 5678).",
            "country": "TH", "sector": "fishing", "period_start": "2023-02", "period_end": "2024-01",
            "worker_groups": [{"origin": "MM", "count_min": 22, "count_max": 22, "count_qualifier": "exact",
                               "gender_note": "Men"}],
            "conditions": {"daily_hours": 20, "rest_days_per_month": 0, "wage_recipient": "agent",
                           "movement_confined": True, "phones_taken": True},
            "parties": [{"name": "Andaman Blue Fishing Co.", "role": "employer"},
                        {"name": "Golden Road Manpower", "role": "recruiter"}],
        },
        # Named in the summary: advocates see them as [W-1] and [F-1] (need-to-know), coordinators by name.
        "people": [{"name": "Ko Aung Min", "role": "worker", "aliases": ["Aung Min"], "contact": "081 234 5678",
                    "consent": "given", "consent_date": "2024-02-20", "risk": "high"},
                   {"name": "Ma Thida", "role": "family_member", "consent": "unknown"}],
        "source": {"title": more_sources.FISHING_TITLE, "text": more_sources.FISHING_TEXT, "language": "en",
                   "quotes": more_sources.FISHING_QUOTES, "findings": more_sources.FISHING_FINDINGS},
    },
    {
        # The caseworker's work in progress: a source to quote, proposals to weigh, then submit for review.
        "status": "draft",
        "record": more_sources.KITCHEN_RECORD,
        "source": {"title": more_sources.KITCHEN_TITLE, "text": more_sources.KITCHEN_TEXT, "language": "en",
                   "quotes": [], "findings": {}},
    },
    {
        "status": "in_review",
        "record": {
            "title": "Domestic workers whose passports are held by the agency",
            "summary": "Women placed in private homes report that the placement agency keeps their passports "
                       "and charges them for their visas.",
            "country": "LB", "sector": "domestic_work", "period_start": "2024",
            "worker_groups": [{"origin": "ET", "count_min": 5, "count_qualifier": "at_least", "gender_note": "Women"}],
            "conditions": {"document_holder": "agent", "housing_type": "employer_house", "days_per_week": 7},
            "parties": [{"name": "Cedar Home Services", "role": "recruiter"}],
        },
    },
    {
        "status": "returned",
        "comment": "Please add where the debt figure comes from and the period the pickers worked.",
        "record": {
            "title": "Greenhouse pickers repaying recruitment loans",
            "summary": "Seasonal pickers say a loan for their travel and fees grows each month through charges "
                       "for housing and transport.",
            "country": "ES", "sector": "agriculture",
            "worker_groups": [{"origin": "MA", "count_min": 40, "count_max": 60, "count_qualifier": "about"}],
            "conditions": {"recruitment_fee": 1200, "wage_currency": "EUR", "debt": 1800},
        },
    },
    {
        "status": "submitted",
        "record": {
            "title": "Garment workers locked in the factory overnight",
            "summary": "Workers describe doors locked during overnight shifts before export deadlines.",
            "country": "BD", "sector": "manufacturing", "period_start": "2024-10",
            "conditions": {"work_start": "08:00", "work_end": "02:00", "movement_confined": True},
        },
    },
    {
        "status": "closed",
        "record": {
            "title": "Care workers on visas tied to one employer",
            "summary": "Care workers say they cannot change employer without losing their visa; after a complaint "
                       "the sponsor licence was reviewed and the workers moved to other employers.",
            "country": "GB", "sector": "care", "period_start": "2022", "period_end": "2023",
            "actions": [{"kind": "complaint", "date": "2023-03", "outcome": "Sponsor licence reviewed."}],
        },
    },
]

# The moves that bring a new draft to each status, and who makes them.
ROUTES = {
    "draft": [],
    "submitted": [("caseworker", "submitted")],
    "in_review": [("caseworker", "submitted"), ("coordinator", "in_review")],
    "returned": [("caseworker", "submitted"), ("coordinator", "returned")],
    "verified": [("caseworker", "submitted"), ("coordinator", "in_review"), ("coordinator", "verified")],
    "closed": [("caseworker", "submitted"), ("coordinator", "in_review"), ("coordinator", "verified"),
               ("coordinator", "closed")],
}
