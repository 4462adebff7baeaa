"""The reach report (REP-19): per channel, per wijk, and the white spots."""

import pytest

from budget import reach
from burgerkracht.core.reporting import reports
from initiatives.enums import Channel
from tests.factories import NeighbourhoodFactory, application_in

pytestmark = pytest.mark.django_db


def _table(sections, title):
    return next(t for s in sections for t in s.tables if t.title == title)


def test_counts_per_channel_and_neighbourhood_and_lists_the_white_spots():
    reached, empty = NeighbourhoodFactory(name="Haven"), NeighbourhoodFactory(name="Poort")
    online = application_in("submitted")
    helped = application_in("submitted")
    for application, channel in ((online, Channel.ONLINE), (helped, Channel.PHONE)):
        application.neighbourhood = reached
        application.save(update_fields=["neighbourhood"])
        application.initiative.channel = channel
        application.initiative.save(update_fields=["channel"])
        application.initiative.neighbourhoods.add(reached)
    sections = reports.build(reports.get(reach.SLUG), {})
    per_channel = {r["channel"]: r for r in _table(sections, "Per kanaal").rows}
    assert per_channel["telefonisch"]["applications"] == 1
    assert per_channel["online"]["applications"] == 1
    per_neighbourhood = {
        r["neighbourhood"]: r for r in _table(sections, "Initiatieven en aanvragen per wijk").rows
    }
    assert per_neighbourhood["Haven"] == {
        "neighbourhood": "Haven",
        "initiatives": 2,
        "online": 1,
        "assisted": 1,
    }
    spots = [r["neighbourhood"] for r in _table(sections, "Witte vlekken").rows]
    assert "Poort" in spots and "Haven" not in spots
    assert empty.name == "Poort"
