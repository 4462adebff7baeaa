"""Components with meaning in a real browser (issue #24), at 320 and 1280 px wide: status
badges, the Utrecht pagination and breadcrumbs, one select style, the staff menu on one line
under "More", the municipality's logo in the header. axe-core finds no violation at 320 px.

Set H3_SHOTS to a folder to keep screenshots of every page at both widths."""

import io
import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from advice.models import Promise
from burgerkracht.core.models import Municipality
from tests.advice.factories import advice_in
from tests.factories import InitiativeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (320, 1280)


def _logo() -> None:
    png = io.BytesIO()
    Image.new("RGB", (120, 40), (255, 255, 255)).save(png, "PNG")
    municipality = Municipality.current()
    municipality.name = "Gemeente Voorbeeld"
    municipality.logo.save("logo.png", ContentFile(png.getvalue()), save=False)
    municipality.save()
    Municipality.forget_current()


def _shoot(page, name: str, width: int) -> None:
    folder = os.environ.get("H3_SHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _visit(browser, live_server, login_cookie, url, name, assert_accessible):
    for width in WIDTHS:
        context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
        if login_cookie:
            context.add_cookies([{**login_cookie, "url": live_server.url}])
        page = context.new_page()
        assert page.goto(live_server.url + url).status == 200
        _shoot(page, name, width)
        if width == 320:
            _no_sideways_scroll(page)
            assert_accessible(page, f"{name} at 320 px")
        yield width, page
        context.close()


def _cookie(user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {"name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value}  # fmt: skip


def test_public_list_pagination_select_and_logo(browser, live_server, assert_accessible):
    _logo()
    for _ in range(45):
        InitiativeFactory(active=True)
    url = reverse("initiatives:public-list") + "?pagina=2"
    for _width, page in _visit(browser, live_server, None, url, "public-list", assert_accessible):
        assert page.locator(".portal-header__logo").is_visible()
        nav = page.locator("nav.utrecht-pagination")
        assert nav.count() == 1
        assert nav.locator("[aria-current=page]").inner_text().strip().endswith("2")
        assert page.locator("ul.pagination").count() == 0
        badges = page.locator(".utrecht-status-badge")
        assert badges.count() == 20
        assert badges.first.evaluate("e => getComputedStyle(e).cursor") == "default"
        select = page.locator("main select").first
        assert select.evaluate("e => getComputedStyle(e).backgroundImage").startswith("url(")


def test_advice_with_a_late_promise_shows_one_badge_and_crumbs(
    browser, live_server, assert_accessible, meetlat_v1
):
    advice = advice_in("answered", is_public=True)
    Promise.objects.filter(advice=advice).update(
        status="on_track", due_on=timezone.localdate() - timedelta(days=3)
    )
    cookie = _cookie(advice.contact)
    url = reverse("advice:advice-detail", args=[advice.pk])
    for _, page in _visit(browser, live_server, cookie, url, "advice-detail", assert_accessible):
        text = page.locator("main").inner_text()
        assert "Te laat" in text and "Op schema" not in text
        crumbs = page.locator("nav.utrecht-breadcrumb-nav")
        assert crumbs.count() == 1
        first = crumbs.locator("a").first
        colour = first.evaluate("e => getComputedStyle(e).color")
        assert colour != "rgb(0, 0, 238)"  # not the browser's own blue


def test_the_staff_menu_fits_one_line_at_1280(browser, live_server, assert_accessible):
    for role in ("administrator", "facilitator_coordinator"):
        cookie = _cookie(UserFactory(role=role))
        url = reverse("core:dashboard")
        for width, page in _visit(
            browser, live_server, cookie, url, f"menu-{role}", assert_accessible
        ):
            items = page.locator(".portal-nav__list > li")
            if width == 1280:
                tops = {round(box["y"]) for box in items.evaluate_all(
                    "els => els.map(e => e.getBoundingClientRect().toJSON())")}  # fmt: skip
                assert len(tops) == 1, f"{role}: the menu wraps"
            more = page.locator(".portal-nav__more summary")
            if more.count():
                more.click()
                assert page.locator(".portal-nav__sublist a").first.is_visible()
                _shoot(page, f"menu-{role}-open", width)


def test_a_short_page_grows_its_content_not_its_header_or_footer(
    browser, live_server, assert_accessible
):
    cookie = _cookie(UserFactory(role="advice_coordinator"))
    url = reverse("advice:agendas")
    for width, page in _visit(browser, live_server, cookie, url, "short-page", assert_accessible):
        gaps = page.evaluate("""() => ['header', 'footer'].map(tag => {
            const box = document.querySelector(tag);
            const last = box.lastElementChild.getBoundingClientRect();
            return Math.round(box.getBoundingClientRect().bottom - last.bottom
                              - parseFloat(getComputedStyle(box).paddingBottom));
        })""")
        assert gaps == [0, 0], f"{width} px: empty space in the header or footer {gaps}"
        footer_bottom = page.evaluate(
            "document.querySelector('footer').getBoundingClientRect().bottom"
        )
        assert round(footer_bottom) >= 900 - 1, "the footer sits at the bottom of the window"


def test_a_form_with_a_select(browser, live_server, assert_accessible):
    initiative = InitiativeFactory()
    cookie = _cookie(initiative.created_by)
    for step in range(1, 6):
        url = reverse("initiatives:intake-step", args=[initiative.pk, step])
        for _, page in _visit(
            browser, live_server, cookie, url, f"intake-{step}", assert_accessible
        ):
            assert page.locator("main").inner_text().count("Stap ") == 1
            for select in page.locator("main select:not([multiple])").all():
                style = "e => getComputedStyle(e).backgroundImage"
                assert select.evaluate(style).startswith("url(")
