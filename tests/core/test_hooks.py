"""One convention for what an app adds to the core (issue #28): each app's `hooks.py` has
`register()`, which burgerkracht.core.apps.discover_hooks() calls once, in the order of
INSTALLED_APPS. No other AppConfig has a ready() of its own."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from django.apps import AppConfig, apps

from burgerkracht.core.messaging import reminders
from burgerkracht.core.personal import calendar, dashboard, worklist
from burgerkracht.core.postal import subjects
from burgerkracht.core.ui import navigation

OUR_APPS = ("core", "accounts", "meetlat", "initiatives", "budget", "advice")


def test_every_app_has_its_hooks_and_no_ready_of_its_own():
    for label in OUR_APPS:
        config = apps.get_app_config(label)
        assert callable(import_module(f"{config.name}.hooks").register), label
        if label != "core":
            assert type(config).ready is AppConfig.ready, f"{label}: move ready() to hooks.py"


def test_the_registries_hold_what_each_app_registered_once_in_the_apps_order():
    templates = [template for template, _function in dashboard._panels]
    assert templates == [
        "budget/dashboard_actions.html",  # first=True
        "meetlat/dashboard_reflections.html",
        "initiatives/dashboard_panel.html",
        "initiatives/support_dashboard.html",  # support requests that wait too long (#30)
        "budget/dashboard_panel.html",
        "budget/dashboard_payments.html",  # budget.dashboard, imported by budget's hooks
        "budget/dashboard_continuity.html",
        "budget/dashboard_professional.html",
        "budget/dashboard_administrator.html",
        "advice/dashboard_panel.html",
    ]
    modules = [function.__module__ for function in calendar._providers]
    assert modules == ["burgerkracht.meetlat.reflections", "budget.calendar", "advice.calendar"]
    assert len(worklist._providers) == len(set(worklist._providers)) == 5
    assert len(reminders._sources) == 19
    assert {"advice_promise_overdue", "evaluation_soon", "meetlat_reflection_due",
            "backup_facilitator_missing"} <= set(reminders._sources)  # fmt: skip
    stories = import_module("initiatives.story_selectors")._public_sources
    assert [f"{f.__module__}.{f.__name__}" for f in stories] == [
        "budget.public_selectors.public_accountability_stories"
    ]
    # What a letter by post is about: the wider subject first (core.postal.models.about).
    assert [(s.accessor, s.link.__module__) for s in subjects.registered()] == [
        ("initiative_link", "initiatives.post"), ("application_link", "budget.post"),
    ]  # fmt: skip


def test_each_app_puts_its_own_pages_in_the_menu_in_one_order():
    work = [(e.url_name, e.order) for e in navigation._entries if not e.public]
    assert [name for name, _order in work] == [
        "core:tasks", "budget:queue", "initiatives:officials-list", "advice:register",
        "meetlat:register", "budget:fund-list", "core:post-queue", "core:reports",
        "admin:index",
    ]  # fmt: skip
    assert [e.url_name for e in navigation._entries if e.public] == [
        "initiatives:public-list", "budget:samen-sterk", "initiatives:stories",
        "advice:public-list",
    ]  # fmt: skip
    source = Path(navigation.__file__).read_text()
    assert "burgerkracht.accounts" not in source  # core's menu no longer imports accounts
