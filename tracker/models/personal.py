"""What is left of a restricted document once its retention date has passed: that it existed, nothing of it."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class PurgedDocument(Base):
    """A deleted personal-data document: no title or file name (either can name a child)."""

    __tablename__ = "purged_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(index=True)
    item_refs: Mapped[str] = mapped_column(String(500), default="")
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime | None]
    versions: Mapped[int] = mapped_column(default=0)
    retain_until: Mapped[date | None]
    purged_at: Mapped[datetime] = mapped_column(default=utcnow)
