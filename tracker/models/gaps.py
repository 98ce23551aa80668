"""What the gap analysis keeps: the actions created to close its gaps (the gaps themselves are found afresh)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class GapResponse(Base):
    """An action created to close a gap, so the gap shows it is being addressed.

    A gap has no row of its own; ``gap_key`` names it by its rule, criterion and subject, such as
    ``evidence_not_complete:12:evidence:40``.
    """

    __tablename__ = "gap_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    gap_key: Mapped[str] = mapped_column(String(120), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"), index=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
