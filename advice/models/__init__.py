from advice.models.agendas import Agenda
from advice.models.bodies import (
    AdvisoryBody,
    BodyOrganisation,
    Membership,
    Signal,
    TargetGroup,
    Theme,
)
from advice.models.followup import (
    AdviceEvaluation,
    FactsheetEntry,
    FactsheetVersion,
    Meeting,
    Promise,
    PromiseNote,
    PromiseVerdict,
)
from advice.models.register import (
    Advice,
    AdviceRequest,
    Answer,
    AnswerPromise,
    Recommendation,
)

__all__ = [
    "Advice",
    "AdviceEvaluation",
    "AdviceRequest",
    "AdvisoryBody",
    "Agenda",
    "Answer",
    "AnswerPromise",
    "BodyOrganisation",
    "FactsheetEntry",
    "FactsheetVersion",
    "Meeting",
    "Membership",
    "Promise",
    "PromiseNote",
    "PromiseVerdict",
    "Recommendation",
    "Signal",
    "TargetGroup",
    "Theme",
]  # fmt: skip
