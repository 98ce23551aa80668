"""The self-evaluation: frameworks of areas and criteria, judgements, generated versions, voices."""

from datetime import date, datetime

from sqlalchemy import JSON, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .enums import Grade, SefStatus, VoiceKind
from .programme import Action
from .users import User


class Framework(Base):
    __tablename__ = "frameworks"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    # The framework the SEF is written against; an admin chooses between them.
    is_selected: Mapped[bool] = mapped_column(default=False)

    areas: Mapped[list["Area"]] = relationship(back_populates="framework", order_by="Area.position", lazy="raise")


class Area(Base):
    __tablename__ = "areas"
    __table_args__ = (UniqueConstraint("framework_id", "key", name="uq_areas_framework_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(300))
    verification: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    # The lead who writes this area's judgements (the SEF is written jointly); admins set it.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # Retired areas leave the SEF but keep their criteria, judgements and history.
    retired_at: Mapped[datetime | None]

    framework: Mapped[Framework] = relationship(back_populates="areas", lazy="raise")
    owner: Mapped[User | None] = relationship(lazy="raise")
    criteria: Mapped[list["Criterion"]] = relationship(
        back_populates="area", order_by="Criterion.position", lazy="raise"
    )


class Criterion(Base):
    """A "what good looks like" statement within an area."""

    __tablename__ = "criteria"
    __table_args__ = (UniqueConstraint("area_id", "key", name="uq_criteria_area_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)
    # Retired criteria leave the SEF but keep their judgement and its history.
    retired_at: Mapped[datetime | None]

    area: Mapped[Area] = relationship(back_populates="criteria", lazy="raise")


class Judgement(Base):
    """The partnership's current self-assessment of one criterion."""

    __tablename__ = "judgements"

    id: Mapped[int] = mapped_column(primary_key=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id"), unique=True)
    grade: Mapped[str] = mapped_column(String(20), default=Grade.NOT_ASSESSED.value)
    current_position: Mapped[str] = mapped_column(Text, default="")
    strengths: Mapped[str] = mapped_column(Text, default="")
    impact: Mapped[str] = mapped_column(Text, default="")
    areas_for_development: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    criterion: Mapped[Criterion] = relationship(lazy="raise")
    updated_by: Mapped[User | None] = relationship(lazy="raise")
    next_steps: Mapped[list["NextStep"]] = relationship(
        back_populates="judgement", order_by="NextStep.position", cascade="all, delete-orphan", lazy="raise"
    )

    __mapper_args__ = {"version_id_col": version}


class NextStep(Base):
    """One next step of a judgement, referring to the programme action that carries it (if any)."""

    __tablename__ = "next_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    judgement_id: Mapped[int] = mapped_column(ForeignKey("judgements.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    # An action deleted from the programme leaves the step standing, without its reference.
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"), index=True)

    judgement: Mapped[Judgement] = relationship(back_populates="next_steps", lazy="raise")
    action: Mapped[Action | None] = relationship(lazy="raise")


class JudgementRevision(Base):
    """A judgement as it stood after each change: the history is never rewritten."""

    __tablename__ = "judgement_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    judgement_id: Mapped[int] = mapped_column(ForeignKey("judgements.id"), index=True)
    snapshot: Mapped[dict] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class SefVersion(Base):
    """A generated SEF: its files and the data it was built from, so what was submitted can be shown."""

    __tablename__ = "sef_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id"))
    status: Mapped[str] = mapped_column(String(10), default=SefStatus.DRAFT.value)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    docx_sha256: Mapped[str | None] = mapped_column(String(64))
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    snapshot: Mapped[dict] = mapped_column(JSON, default=dict)
    # The executive summary beside the full report, in both formats.
    summary_docx_sha256: Mapped[str | None] = mapped_column(String(64))
    summary_pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    # Who marked it Final, and when: a Final version is what the board signed and cannot be deleted.
    finalised_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    finalised_at: Mapped[datetime | None]

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id], lazy="raise")
    finalised_by: Mapped[User | None] = relationship(foreign_keys=[finalised_by_id], lazy="raise")


voice_criteria = Table(
    "voice_criteria",
    Base.metadata,
    Column("voice_id", ForeignKey("voices.id", ondelete="CASCADE"), primary_key=True),
    Column("criterion_id", ForeignKey("criteria.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Voice(Base):
    """An anonymised quote or case study. Only consented voices reach documents."""

    __tablename__ = "voices"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default=VoiceKind.QUOTE.value)
    title: Mapped[str] = mapped_column(String(200), default="")
    source_type: Mapped[str] = mapped_column(String(40))
    occurred_on: Mapped[date | None]
    consent: Mapped[bool] = mapped_column(default=False)
    text: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    criteria: Mapped[list[Criterion]] = relationship(secondary=voice_criteria, lazy="raise")

    __mapper_args__ = {"version_id_col": version}
