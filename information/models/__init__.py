"""Access to information (law 31-13): publications, requests, complaints to the head."""

from information.models.publications import Category, Publication, PublicationFile, PublicationState
from information.models.reports import DataReport, ReportReason, ReportState
from information.models.requests import (
    AnswerFile,
    Complaint,
    ComplaintDecision,
    ComplaintState,
    DeadlineKind,
    DeliveryFormat,
    EventKind,
    InformationDeadline,
    InformationRequest,
    Outcome,
    RefusalGround,
    RequestEvent,
    RequestFollower,
    RequestState,
)

__all__ = [
    "AnswerFile",
    "Category",
    "Complaint",
    "ComplaintDecision",
    "ComplaintState",
    "DataReport",
    "DeadlineKind",
    "DeliveryFormat",
    "EventKind",
    "InformationDeadline",
    "InformationRequest",
    "Outcome",
    "Publication",
    "PublicationFile",
    "PublicationState",
    "RefusalGround",
    "ReportReason",
    "ReportState",
    "RequestEvent",
    "RequestFollower",
    "RequestState",
]
