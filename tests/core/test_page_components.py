"""Components with meaning (issue #24): status badges, language, breadcrumbs, pagination,
the menu and the municipality's font."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from advice.models import Promise
from burgerkracht.core.models import Municipality
from burgerkracht.core.templatetags.portal_pagination import page_numbers
from burgerkracht.core.ui.colours import STATUS_COLOURS, contrast_ratio
from burgerkracht.core.ui.navigation import VISIBLE_ITEMS, main_navigation, split_navigation
from burgerkracht.core.ui.status import STATUS_MEANINGS, Meaning, badge_for, meaning_of
from tests.factories import UserFactory


def _status_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.name == "status" and getattr(field, "choices", None):
                yield model, field


def test_every_status_of_every_model_has_a_meaning():
    seen = set()
    for model, field in _status_fields():
        label = model._meta.label_lower
        if label.startswith("advice.historical") or ".historical" in label:
            label = label.replace("historical", "")
        seen.add(label)
        assert label in STATUS_MEANINGS, f"{label} has no status meanings"
        values = {str(value) for value, _ in field.choices}
        assert set(STATUS_MEANINGS[label]) == values, label
        assert all(isinstance(m, Meaning) for m in STATUS_MEANINGS[label].values())
    assert seen >= set(STATUS_MEANINGS), "a mapping for a model without a status field"


def test_every_meaning_has_a_colour_with_white_text_at_4_5_to_1():
    assert set(STATUS_COLOURS) == {m.value for m in Meaning}
    for meaning, colour in STATUS_COLOURS.items():
        assert contrast_ratio(colour, "#ffffff") >= 4.5, meaning


def test_an_open_promise_past_its_date_shows_one_badge_late():
    today = timezone.localdate()
    late = Promise(status="on_track", due_on=today - timedelta(days=1))
    on_time = Promise(status="on_track", due_on=today + timedelta(days=1))
    kept = Promise(status="done", due_on=today - timedelta(days=1))

    assert badge_for(late, today).meaning == Meaning.LATE
    assert str(badge_for(late, today).label) in ("Late", "Te laat")
    assert badge_for(on_time, today).meaning == Meaning.ON_TRACK
    assert badge_for(kept, today).meaning == Meaning.DONE
    assert meaning_of(late) == Meaning.ON_TRACK  # the status itself keeps its meaning


def test_the_badge_is_a_status_badge_not_a_button():
    today = timezone.localdate()
    promise = Promise(status="on_track", due_on=today - timedelta(days=1))
    html = Template("{% load status %}{% status_badge p %}").render(Context({"p": promise}))
    assert html.count("utrecht-status-badge") == 1
    assert "portal-status--late" in html
    assert "button" not in html and "<a" not in html


@pytest.mark.django_db
def test_dutch_whatever_the_browser_says_english_only_when_chosen(client):
    home = reverse("core:home")
    page = client.get(home, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="nl"' in page

    client.post(reverse("set_language"), {"language": "en", "next": home})
    page = client.get(home, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert '<html lang="en"' in page
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    client.post(reverse("set_language"), {"language": "nl", "next": home})
    assert '<html lang="nl"' in client.get(home, HTTP_ACCEPT_LANGUAGE="en").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "heading"),
    [
        ("facilitator_coordinator", "Alle initiatieven"),
        ("facilitator", "Initiatieven die ik faciliteer"),
    ],
)
def test_the_officials_list_crumb_is_its_heading(client, role, heading):
    client.force_login(UserFactory(role=role))
    page = client.get(reverse("initiatives:officials-list")).content.decode()
    assert f'<h1 class="utrecht-heading-1">{heading}</h1>' in page
    assert f'aria-current="page">{heading}</span>' in page
    assert "utrecht-breadcrumb-nav__link" in page


def test_page_numbers_show_first_last_and_neighbours():
    assert page_numbers(1, 1) == [1]
    assert page_numbers(1, 3) == [1, 2, 3]
    assert page_numbers(5, 10) == [1, None, 4, 5, 6, None, 10]
    assert page_numbers(10, 10) == [1, None, 9, 10]


def test_the_pagination_include_keeps_the_filters():
    request = RequestFactory().get("/initiatieven/", {"thema": "groen", "pagina": "2"})
    page = Paginator(list(range(100)), 10).page(2)
    html = Template("{% load portal_pagination %}{% pagination page 'pagina' %}").render(
        Context({"page": page, "request": request})
    )
    assert 'class="utrecht-pagination' in html
    assert 'href="?thema=groen&amp;pagina=1"' in html and 'rel="prev"' in html
    assert 'href="?thema=groen&amp;pagina=3"' in html and 'rel="next"' in html
    assert 'aria-current="page"' in html and "<ul" not in html
    one_page = Paginator([1, 2], 10).page(1)
    assert (
        Template("{% load portal_pagination %}{% pagination page %}")
        .render(Context({"page": one_page, "request": request}))
        .strip()
        == ""
    )


@pytest.mark.django_db
def test_the_staff_menu_puts_what_does_not_fit_under_more():
    administrator = UserFactory(role="administrator")
    items = main_navigation(administrator)
    visible, more = split_navigation(items)
    assert len(visible) <= VISIBLE_ITEMS + 1 and visible + more == items
    assert split_navigation(items[: VISIBLE_ITEMS + 1]) == (items[: VISIBLE_ITEMS + 1], [])


@pytest.mark.django_db
def test_the_font_applies_and_the_system_font_only_without_one(client):
    css = client.get(reverse("core:theme-css")).content.decode()
    assert "--utrecht-typography-sans-serif-font-family: system-ui" in css
    assert "@font-face" not in css

    municipality = Municipality.current()
    municipality.font_family = "Fira Sans"
    municipality.save()
    Municipality.forget_current()
    css = client.get(reverse("core:theme-css")).content.decode()
    assert '--utrecht-typography-sans-serif-font-family: "Fira Sans", system-ui' in css


@pytest.mark.django_db
def test_the_menu_puts_the_work_of_a_role_on_the_line_and_the_public_pages_after_it():
    def names(user):
        visible, more = split_navigation(main_navigation(user))
        return [i.url_name for i in visible], [i.url_name for i in more]

    visible, more = names(UserFactory(role="facilitator"))
    assert visible == [
        "core:home", "core:dashboard", "core:tasks", "budget:queue",
        "initiatives:officials-list", "meetlat:register",
    ]  # fmt: skip
    assert more[-5:] == [
        "initiatives:public-list",
        "budget:samen-sterk",
        "initiatives:stories",
        "advice:public-list",
        "accounts:profile",
    ]
    assert names(UserFactory(role="asd_secretary"))[0][:3] == [
        "core:home",
        "core:dashboard",
        "advice:register",
    ]
    resident, nothing_more = names(UserFactory(role="resident"))
    assert (resident, nothing_more) == ([
        "core:home", "core:dashboard", "initiatives:public-list", "budget:samen-sterk",
        "initiatives:stories", "advice:public-list", "accounts:profile",
    ], [])  # fmt: skip
    from django.contrib.auth.models import AnonymousUser

    assert names(AnonymousUser())[0] == [
        "core:home",
        "initiatives:public-list",
        "budget:samen-sterk",
        "initiatives:stories",
        "advice:public-list",
    ]
