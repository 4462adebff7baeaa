"""Special-category free text is encrypted at rest, readable with the keys, and rotatable."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection

from budget.models import Application
from burgerkracht.core.privacy import crypto
from burgerkracht.core.privacy.encryption import encrypted_fields
from burgerkracht.core.privacy.migration_ops import encrypt_existing
from tests.factories import filled_application

pytestmark = pytest.mark.django_db

CANARY = "CANARY-copd-7f3a9c Mevrouw Jansen heeft COPD"


def raw(application, column="result_who") -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM budget_application WHERE id = %s", [application.pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_the_database_holds_ciphertext_and_the_model_reads_the_text():
    application = filled_application()
    Application.objects.filter(pk=application.pk).update(result_who=CANARY)

    assert CANARY not in raw(application)
    assert "COPD" not in raw(application)
    assert raw(application).startswith("gAAAAA")  # a Fernet token
    assert Application.objects.get(pk=application.pk).result_who == CANARY
    assert Application.objects.values_list("result_who", flat=True).get(pk=application.pk) == CANARY


def test_history_rows_are_encrypted_too():
    application = filled_application()
    application.result_who = CANARY
    application.save()

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT result_who FROM budget_historicalapplication WHERE id = %s", [application.pk]
        )
        stored = [row[0] for row in cursor.fetchall()]
    assert stored and not any(CANARY in value for value in stored)
    assert application.history.first().result_who == CANARY


def test_empty_text_stays_empty_so_it_can_still_be_asked_whether_anything_was_written():
    application = filled_application()
    Application.objects.filter(pk=application.pk).update(reach="")

    assert raw(application, "reach") == ""
    assert Application.objects.filter(pk=application.pk, reach="").exists()
    assert not Application.objects.filter(pk=application.pk).exclude(reach="").exists()


def test_the_content_cannot_be_searched_or_compared():
    with pytest.raises(ValueError, match="empty text"):
        Application.objects.filter(result_who="Jansen").exists()
    with pytest.raises(FieldError):
        Application.objects.filter(result_who__icontains="Jansen").exists()


def test_a_value_no_key_can_read_is_refused_not_shown(settings):
    application = filled_application()
    Application.objects.filter(pk=application.pk).update(result_who=CANARY)
    settings.FIELD_ENCRYPTION_KEYS = [crypto.new_key()]

    with pytest.raises(crypto.DecryptionError) as error:
        Application.objects.get(pk=application.pk)
    assert CANARY not in str(error.value)


def test_key_rotation_re_encrypts_everything_so_the_old_key_can_go(settings):
    old, new = settings.FIELD_ENCRYPTION_KEYS[0], crypto.new_key()
    application = filled_application()
    Application.objects.filter(pk=application.pk).update(result_who=CANARY, reach="Via de huisarts")
    before = raw(application)

    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    call_command("rotate_encryption_keys")
    after = raw(application)
    settings.FIELD_ENCRYPTION_KEYS = [new]

    assert after != before
    assert Fernet(new.encode()).decrypt(after.encode()).decode() == CANARY
    got = Application.objects.get(pk=application.pk)
    assert (got.result_who, got.reach) == (CANARY, "Via de huisarts")


def test_the_system_check_refuses_a_missing_or_broken_key():
    assert crypto.key_problems([]) == ["FIELD_ENCRYPTION_KEYS is empty."]
    assert crypto.key_problems([crypto.new_key(), "not-a-key"]) == [
        "Key 2 of FIELD_ENCRYPTION_KEYS is not a valid Fernet key."
    ]
    assert crypto.key_problems([crypto.new_key()]) == []


def test_the_migration_encrypts_plain_text_and_decrypts_it_again_backwards():
    application = filled_application()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE budget_application SET result_who = %s WHERE id = %s", [CANARY, application.pk]
        )
    operation = encrypt_existing([("budget", "application", ["result_who"])])
    from django.apps import apps

    with connection.schema_editor(atomic=False) as editor:
        operation.code(apps, editor)
        assert CANARY not in raw(application)
        assert Application.objects.get(pk=application.pk).result_who == CANARY
        operation.reverse_code(apps, editor)
    assert raw(application) == CANARY


def test_the_special_category_fields_are_the_documented_ones():
    labels = {model._meta.label: names for model, names in encrypted_fields().items()}
    assert labels == {
        "budget.Application": [
            "residents_in_lead",
            "result_who",
            "result_how",
            "reach",
            "iban",
            "account_holder",
        ],
        "budget.HistoricalApplication": [
            "residents_in_lead",
            "result_who",
            "result_how",
            "reach",
            "iban",
            "account_holder",
        ],
        "budget.PaymentOrder": ["rows"],
        "budget.Evaluation": ["present", "going_well", "hard", "resident_view"],
        "budget.Accountability": ["what_got_in_the_way"],
        "meetlat.Decision": ["resident_input_who", "resident_input_how"],
        "meetlat.HistoricalDecision": ["resident_input_who", "resident_input_how"],
        "accounts.User": ["bsn"],  # DigiD (docs/privacy.md, "The BSN")
    }
