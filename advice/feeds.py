"""The Atom feed of new publications in the public advice register (Woo): every advice that
is on the website, newest publication first. An entry carries what the public page shows —
reference, title, body, the publication dates and the summary — and nothing personal."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.db.models.functions import Greatest, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from advice import selectors
from advice.enums import AnswerStatus
from advice.models import Advice
from burgerkracht.core.models import Municipality

FEED_SIZE = 50


def answer_published_on(advice: Advice):
    answer = getattr(advice, "answer", None)
    if answer is None or answer.status != AnswerStatus.PUBLISHED or answer.published_at is None:
        return None
    return timezone.localdate(answer.published_at)


def publication_date(advice: Advice):
    """The day the advice, or else its answer, last became public: the later of the day the
    advice went on the website and the day its answer was published."""
    days = [d for d in (advice.published_on, answer_published_on(advice)) if d is not None]
    return max(days) if days else None


def _moment(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _day(day) -> str:
    return date_format(day, "j F Y")


class PublicationsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Advices and answers — %(municipality)s") % {
            "municipality": Municipality.current().name
        }

    def subtitle(self):
        return _("New publications in the public register of advices to the municipality.")

    def link(self):
        return reverse("advice:public-list")

    def feed_url(self):
        return reverse("advice:public-feed")

    def items(self):
        newest = Greatest(F("published_on"), TruncDate("answer__published_at"))
        return list(
            selectors.public_advices()
            .select_related("answer")
            .order_by(newest.desc(nulls_last=True), "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: Advice) -> str:
        return f"{item.reference} {item.title}"

    def item_description(self, item: Advice) -> str:
        lines = [
            _("Advice of %(body)s.") % {"body": item.body.name},
        ]
        if item.published_on:
            lines.append(_("Made public on %(day)s.") % {"day": _day(item.published_on)})
        answered = answer_published_on(item)
        lines.append(
            _("The answer of the municipality was published on %(day)s.") % {"day": _day(answered)}
            if answered
            else _("The answer of the municipality is not published yet.")
        )
        if item.summary:
            lines.append(item.summary)
        return " ".join(lines)

    def item_link(self, item: Advice) -> str:
        return item.get_public_url()

    def item_pubdate(self, item: Advice):
        day = item.published_on or publication_date(item)
        return _moment(day) if day else None

    def item_updateddate(self, item: Advice):
        """The moment the answer was published, when that came after the advice itself."""
        answered, day = answer_published_on(item), publication_date(item)
        if answered is not None and answered == day:
            return item.answer.published_at
        return _moment(day) if day else None

    def item_author_name(self, item: Advice) -> str:
        return item.body.name
