"""What a referral holds, the rules every store enforces, and how its reference is written."""
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Optional
from zoneinfo import ZoneInfo

CONTACT_PREFERENCES = ("phone", "email", "text", "anonymous")
SUMMARY_LIMIT = 1000
# Over-long summaries are cut with this visible note, so the team knows the resident said more.
CUT_NOTE = " [... {count} more characters not kept]"
REQUIRED_FIELDS = ("category", "team", "summary", "channel", "conversation_id")
LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class _ReferralFields:
    category: str
    place: Optional[str]
    district: Optional[str]
    team: str
    summary: str
    contact_preference: str
    contact_detail: Optional[str]
    channel: str
    conversation_id: str


@dataclass(frozen=True)
class ReferralDraft(_ReferralFields):
    def __post_init__(self):
        object.__setattr__(self, "place", (self.place or "").strip() or None)
        object.__setattr__(self, "district", (self.district or "").strip() or None)
        object.__setattr__(self, "summary", capped_summary(self.summary))
        object.__setattr__(self, "contact_detail", (self.contact_detail or "").strip() or None)
        missing = [name for name in REQUIRED_FIELDS if not str(getattr(self, name)).strip()]
        if missing:
            raise ValueError(f"a referral needs {', '.join(missing)}")
        _check_contact(self.contact_preference, self.contact_detail)


@dataclass(frozen=True)
class Referral(_ReferralFields):
    reference: str
    created_at: datetime
    notified_at: Optional[datetime] = None

    @classmethod
    def from_draft(cls, reference: str, created_at: datetime, draft: ReferralDraft,
                   notified_at: Optional[datetime] = None) -> "Referral":
        return cls(reference=reference, created_at=created_at, notified_at=notified_at, **asdict(draft))


def capped_summary(text: str) -> str:
    text = text.strip()
    if len(text) <= SUMMARY_LIMIT:
        return text
    # The note's length depends on the count it shows; the count only shrinks as the note grows.
    kept = SUMMARY_LIMIT - len(CUT_NOTE.format(count=len(text)))
    return text[:kept].rstrip() + CUT_NOTE.format(count=len(text) - kept)


def reference_for(row_id: int, created_at: datetime) -> str:
    return f"HRT-{created_at.astimezone(LONDON):%y}-{row_id:06d}"


def _check_contact(preference: str, detail: Optional[str]) -> None:
    if preference not in CONTACT_PREFERENCES:
        raise ValueError(f"contact preference must be one of {', '.join(CONTACT_PREFERENCES)}")
    if preference == "anonymous" and detail is not None:
        raise ValueError("an anonymous referral cannot carry a contact detail")
    if preference != "anonymous" and detail is None:
        raise ValueError(f"contact by {preference} needs a contact detail")
