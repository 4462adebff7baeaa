"""The advice register and the retention table: nothing to purge, and why.

Advice, requests, answers, promises, evaluations and meetings are the public record of the
advisory bodies and the municipality's answers; the municipality keeps them under the
Archiefwet. The people named in them act in a role (council member, official), and their
accounts follow the account rules of the retention table. Residents' own data is not here:
signals from practice are recorded with anonymised cases (requirements ENT-65).
"""

from burgerkracht.core.privacy.retention import exempt

PUBLIC_RECORD = (
    "Public record of the advisory bodies and the municipality's answers, kept under the "
    "Archiefwet; people in it act in a role."
)
for label in (
    "AdvisoryBody", "BodyOrganisation", "AdviceRequest", "HistoricalAdviceRequest", "Advice",
    "HistoricalAdvice", "Recommendation", "HistoricalRecommendation", "Answer",
    "HistoricalAnswer", "AnswerPromise", "Promise", "HistoricalPromise", "PromiseNote",
    "AdviceEvaluation", "HistoricalAdviceEvaluation", "PromiseVerdict", "Meeting",
    "FactsheetVersion", "FactsheetEntry", "Agenda",
):  # fmt: skip
    exempt(f"advice.{label}", PUBLIC_RECORD)
exempt("advice.Theme", "Reference data.")
exempt("advice.TargetGroup", "Reference data.")
exempt(
    "advice.Membership",
    "Who sits on an advisory body, a public fact; the account follows the account rules.",
)
exempt("advice.Signal", "Signals from practice, recorded with anonymised cases (ENT-65).")
