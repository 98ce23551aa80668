"""Entities only: no Flask, no business rules. Importing this package registers every table."""

from .audit import AuditEvent
from .base import Base, utcnow
from .evidence import Comment, Document, DocumentVersion, EvidenceItem, StatusChange, evidence_documents
from .gaps import GapResponse
from .indicators import Benchmark, Indicator, IndicatorValue
from .jobs import Job, ReportFile
from .links import ENDPOINTS, LINK_TABLES
from .personal import PurgedDocument
from .programme import Action, RagChange, Risk, Workstream
from .readiness import BoardMeeting, CallInspector, CallItem, InspectionCall
from .seeding import SeededValue
from .sef import Area, Criterion, Framework, Judgement, JudgementRevision, NextStep, SefVersion, Voice, voice_criteria
from .users import ApiToken, Setting, User

__all__ = [
    "PurgedDocument",
    "Action", "ApiToken", "CallInspector", "CallItem", "Area", "AuditEvent", "Base", "Benchmark", "BoardMeeting", "Comment", "Criterion",
    "Document", "DocumentVersion", "ENDPOINTS", "EvidenceItem", "Framework", "GapResponse", "Indicator", "IndicatorValue",
    "InspectionCall", "Job", "Judgement", "JudgementRevision", "LINK_TABLES", "NextStep", "RagChange", "ReportFile",
    "Risk", "SeededValue", "SefVersion",
    "Setting", "StatusChange", "User", "Voice", "Workstream", "evidence_documents", "utcnow", "voice_criteria",
]
