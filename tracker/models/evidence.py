"""The Annex A evidence catalogue: items, their status history, documents and comments."""

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamps, utcnow
from .enums import EvidenceStatus, Partner
from .users import User

evidence_documents = Table(
    "evidence_documents",
    Base.metadata,
    Column("evidence_item_id", ForeignKey("evidence_items.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class EvidenceItem(Timestamps, Base):
    __tablename__ = "evidence_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    section: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    partner: Mapped[str] = mapped_column(String(30), default=Partner.COUNCIL.value, index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(30), default=EvidenceStatus.NOT_STARTED.value, index=True)
    due_date: Mapped[date | None]
    last_reviewed_on: Mapped[date | None]
    review_every_days: Mapped[int] = mapped_column(default=90)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Person-level data about children: documents are never shown to board members.
    restricted: Mapped[bool] = mapped_column(default=False)
    # One of the inspection's person-level lists (1: EHC plans, 2: SEN support): its file is checked.
    person_list: Mapped[int | None]
    # Where the item sits in the catalogue (reference order), so A2 sorts before A10.
    position: Mapped[int] = mapped_column(default=0)
    archived_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    owner: Mapped[User | None] = relationship(lazy="raise")
    documents: Mapped[list["Document"]] = relationship(
        secondary=evidence_documents, back_populates="evidence_items", lazy="raise"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def status_enum(self) -> EvidenceStatus:
        return EvidenceStatus(self.status)


class StatusChange(Base):
    """One change of an item's status. Never edited or deleted."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_item_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(30))
    to_status: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    user: Mapped[User | None] = relationship(lazy="raise")
    evidence_item: Mapped[EvidenceItem] = relationship(lazy="raise")


class Document(Base):
    """A piece of evidence: a file (with numbered versions) or a link. Can back several items."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    effective_on: Mapped[date | None]
    valid_until: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Person-level data about children: set when it is uploaded to or attached to a restricted item, kept
    # wherever it is attached afterwards, cleared only by an admin (services.document_access).
    restricted: Mapped[bool] = mapped_column(default=False, server_default=false())
    # When a restricted document may be deleted; unset, the end of the inspection plus the retention period.
    retain_until: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    created_by: Mapped[User | None] = relationship(lazy="raise")
    evidence_items: Mapped[list[EvidenceItem]] = relationship(
        secondary=evidence_documents, back_populates="documents", lazy="raise"
    )
    versions: Mapped[list["DocumentVersion"]] = relationship(
        back_populates="document", order_by="DocumentVersion.number.desc()", lazy="raise"
    )

    __mapper_args__ = {"version_id_col": version}


class DocumentVersion(Base):
    """One numbered version of a document: a stored file (by SHA-256) or a URL."""

    __tablename__ = "document_versions"
    __table_args__ = (
        UniqueConstraint("document_id", "number", name="uq_document_versions_document_number"),
        CheckConstraint("(sha256 IS NOT NULL) OR (url IS NOT NULL)", name="file_or_url"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    original_name: Mapped[str | None] = mapped_column(String(255))
    media_type: Mapped[str | None] = mapped_column(String(120))
    size: Mapped[int | None]
    url: Mapped[str | None] = mapped_column(String(2000))
    note: Mapped[str] = mapped_column(Text, default="")
    # The person-level list check of this file (services/list_checks): counts and row numbers, never values.
    list_check: Mapped[dict | None] = mapped_column(JSON)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship(back_populates="versions", lazy="raise")
    uploaded_by: Mapped[User | None] = relationship(lazy="raise")


class Comment(Base):
    """A comment on an evidence item or an action (exactly one of them)."""

    __tablename__ = "comments"
    __table_args__ = (
        CheckConstraint(
            "(evidence_item_id IS NULL) <> (action_id IS NULL)", name="one_target"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_item_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship(lazy="raise")
