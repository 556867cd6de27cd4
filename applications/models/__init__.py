from applications.models.cases import (
    Application,
    ApplicationFile,
    ApplicationState,
    CaseEvent,
    EventKind,
    Outcome,
)
from applications.models.forms import FieldKind, FormField, FormStep, FormVersion, Prefill

__all__ = [
    "Application",
    "ApplicationFile",
    "ApplicationState",
    "CaseEvent",
    "EventKind",
    "FieldKind",
    "FormField",
    "FormStep",
    "FormVersion",
    "Outcome",
    "Prefill",
]
