"""The intake steps: which fields each step fills, and which steps are complete.

Pure functions over an initiative; the services save, the views render.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from initiatives.enums import INTAKE_STEPS, InitiatorRole, Scale

if TYPE_CHECKING:
    from initiatives.models import Initiative

STEP_FIELDS: dict[int, list[str]] = {
    1: ["title", "summary", "theme"],
    2: ["why", "goal", "distance_to_goal", "actions_needed"],
    3: ["scale", "neighbourhoods", "target_group", "expected_participants"],
    4: [],  # people: initiators, backup, motivation (save_people)
    5: ["support_wanted", "support_other", "publication_consent"],
}
STEP_NUMBERS = [number for number, _title in INTAKE_STEPS]


def step_complete(initiative: Initiative, step: int) -> bool:
    i = initiative
    if step == 1:
        return bool(i.title and i.summary and i.theme)
    if step == 2:
        return bool(i.why and i.goal and i.actions_needed)
    if step == 3:
        has_place = i.scale == Scale.CITY or i.neighbourhoods.exists()
        return bool(i.scale and has_place and i.target_group and i.expected_participants)
    if step == 4:
        # A lead who has accepted (for assisted intake: the resident confirmed). Read from
        # all() so that a list that prefetched the initiators asks nothing more.
        return any(p.is_active and p.role == InitiatorRole.LEAD for p in i.initiators.all())
    if step == 5:
        return bool(i.support_wanted)
    raise ValueError(step)


def missing_steps(initiative: Initiative) -> list[int]:
    return [step for step in STEP_NUMBERS if not step_complete(initiative, step)]
