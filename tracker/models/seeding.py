"""What the reference data last put into each field it manages, so a reseed can tell a person's edit from
its own earlier wording (services.reference)."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class SeededValue(Base):
    """One field of one reference row as the seed last wrote it: a SHA-256 of the value, not the value."""

    __tablename__ = "seeded_values"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)  # "evidence item", "indicator", ...
    key: Mapped[str] = mapped_column(String(200), primary_key=True)  # its natural key: "A1", "SEND6", ...
    field: Mapped[str] = mapped_column(String(60), primary_key=True)
    value_hash: Mapped[str] = mapped_column(String(64))
