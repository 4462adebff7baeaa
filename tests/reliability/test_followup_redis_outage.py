"""R3 (refused): Redis down: residents still write their view of an evaluation and send in their
accountability through the real web server; the e-mails those cause go out once Redis is
back, exactly once.

Everything is real: gunicorn, a Celery worker with beat, Redis and an SMTP server.
"""

import time

import pytest
from django.urls import reverse

from budget.models import Accountability, Evaluation
from burgerkracht.core.models import OutboxMessage
from tests.factories import UserFactory, application_in, fill_accountability, open_line
from tests.processes import Browser, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.reliability,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_residents_submit_while_redis_is_down_and_the_mail_follows_once(
    redis_server, smtp_sink, web_process, celery_worker_process, figure
):
    line, _holder = open_line(allocation="5000.00")
    facilitator = UserFactory(role="facilitator")
    application = application_in("granted", line=line, facilitator=facilitator)
    lead = application.initiative.created_by
    evaluation = application.evaluations.get()
    accountability = fill_accountability(application.accountability, lead, submit=False)
    assert wait_for(lambda: not OutboxMessage.objects.filter(status="pending").exists(),
                    timeout=60)  # fmt: skip
    before = len(smtp_sink.messages)
    redis_server.stop()

    browser = Browser(web_process.url, lead)
    view = browser.post(
        reverse("budget:resident-view", args=[evaluation.pk]),
        {"resident_view": "Het gaat goed, ook tijdens de storing."},
    )
    sent_in = browser.post(reverse("budget:accountability-submit", args=[accountability.pk]), {})

    log = web_process.log_text()[-2000:]
    accepted = (view == (302, evaluation.get_absolute_url())) + (
        sent_in == (302, accountability.get_absolute_url())
    )
    assert view == (302, evaluation.get_absolute_url()), log
    assert sent_in == (302, accountability.get_absolute_url()), log
    assert Evaluation.objects.get(pk=evaluation.pk).resident_view.endswith("storing.")
    assert Accountability.objects.get(pk=accountability.pk).status == "submitted"
    pending = list(OutboxMessage.objects.filter(status="pending").values_list("to", flat=True))
    assert pending == [[facilitator.email]]  # the facilitator hears of the accountability

    time.sleep(2)
    assert len(smtp_sink.messages) == before  # nothing goes out while Redis is down
    redis_server.start()
    # The worker reconnects with a growing back-off (up to tens of seconds on a loaded machine).
    delivered = wait_for(lambda: len(smtp_sink.messages) >= before + 1, timeout=120)
    assert delivered, celery_worker_process.log_text()[-3000:]
    time.sleep(3)  # a second delivery, if there were one, would have come by now
    mails = len(smtp_sink.messages) - before
    figure("R3", submissions=2, accepted=accepted, lost=int(mails < 1), duplicate=max(0, mails - 1))
    assert mails == 1
    assert smtp_sink.messages[-1].rcpt_tos == [facilitator.email]
    assert not OutboxMessage.objects.exclude(status="sent").exists()
