import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from burgerkracht.core import models as models_module
from burgerkracht.core.models import Municipality
from burgerkracht.core.ui.colours import contrast_ratio

pytestmark = pytest.mark.django_db


def test_current_returns_unsaved_default_when_not_configured():
    municipality = Municipality.current()

    assert (municipality.pk, municipality.name) == (None, "Gemeente")


def test_only_one_municipality_can_exist():
    Municipality.objects.create(name="Gemeente A")

    with pytest.raises(IntegrityError):
        Municipality.objects.create(name="Gemeente B")


def test_primary_colour_must_keep_white_text_readable():
    municipality = Municipality(name="Gemeente Geel", primary_colour="#ffdd00")

    with pytest.raises(ValidationError) as excinfo:
        municipality.full_clean()

    assert list(excinfo.value.message_dict) == ["primary_colour"]


def test_dark_primary_colour_is_accepted():
    Municipality(name="Gemeente Blauw", primary_colour="#1d4f91").full_clean()


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#767676", "#ffffff", 4.54)],
)
def test_contrast_ratio_matches_wcag_examples(first, second, ratio):
    assert round(contrast_ratio(first, second), 2) == ratio


def test_theme_stylesheet_uses_configured_colours(client):
    Municipality.objects.create(name="Gemeente Groen", primary_colour="#0b5d1e")

    response = client.get("/thema.css")

    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert "--utrecht-button-primary-action-background-color: #0b5d1e;" in response.text


def test_municipality_name_is_on_every_page(client):
    Municipality.objects.create(name="Gemeente Zeewolde-Test")

    response = client.get("/")

    assert "Gemeente Zeewolde-Test" in response.text


# --- kept per process -----------------------------------------------------------------------


def test_a_saved_change_is_on_the_next_page_of_this_process(client):
    Municipality.objects.create(name="Gemeente Oud")
    client.get("/")  # now kept
    municipality = Municipality.current()
    municipality.name = "Gemeente Nieuw"
    municipality.save()

    assert "Gemeente Nieuw" in client.get("/").text


def test_another_process_s_change_is_seen_once_the_kept_copy_expires(monkeypatch):
    Municipality.objects.create(name="Gemeente Oud")
    Municipality.current()
    # As another gunicorn worker saves it: this process's copy is not told.
    Municipality.objects.update(name="Gemeente Nieuw")
    now = models_module.time.monotonic()

    before = Municipality.current().name
    monkeypatch.setattr(
        models_module.time, "monotonic", lambda: now + models_module.MUNICIPALITY_CACHE_SECONDS
    )
    after = Municipality.current().name

    assert (before, after) == ("Gemeente Oud", "Gemeente Nieuw")


def test_a_changed_copy_does_not_change_the_kept_one(django_assert_num_queries):
    Municipality.objects.create(name="Gemeente Vast")
    Municipality.current().name = "Gemeente Veranderd, niet bewaard"

    with django_assert_num_queries(0):
        assert Municipality.current().name == "Gemeente Vast"


def test_a_deleted_municipality_is_forgotten():
    Municipality.objects.create(name="Gemeente Weg")
    Municipality.current().delete()

    assert Municipality.current().pk is None
