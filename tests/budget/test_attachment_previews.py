"""Previews of uploaded images and PDFs: made on the server, without EXIF, served only
through the permission-checked view (read-audited for officials), never a server error."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from budget import previews, services
from budget.enums import ApplicationStatus
from budget.models import Attachment
from burgerkracht.core.models import AuditEvent
from burgerkracht.core.services import READ_ACTION
from tests.factories import UserFactory, application_in, filled_application
from tests.language import in_language
from tests.upload_samples import PDF, docx, pdf_pages, photo_with_exif

pytestmark = pytest.mark.django_db


def upload(application, name, data):
    return services.add_attachment(
        application=application,
        by=application.initiative.created_by,
        upload=SimpleUploadedFile(name, data),
    )


def preview_url(attachment):
    return reverse("budget:attachment-preview", args=[attachment.application_id, attachment.pk])


def test_a_photo_gets_a_small_preview_without_its_exif():
    application = filled_application()
    attachment = upload(application, "foto.jpg", photo_with_exif())

    assert attachment.preview.name == f"{attachment.file.name}.preview.png"
    with attachment.preview.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    assert image.format == "PNG"
    assert max(image.size) <= previews.SIZE
    assert not image.getexif()
    assert "exif" not in image.info and "GPS" not in str(image.info)


def test_a_pdf_gets_a_preview_of_its_first_page_and_its_page_count():
    application = filled_application()
    attachment = upload(application, "offerte.pdf", pdf_pages(2))

    assert attachment.preview
    assert attachment.pages == 2
    with in_language_nl():
        assert attachment.description.startswith("PDF, 2 pagina's, ")
        assert attachment.description.endswith(" kB")


class in_language_nl:
    def __enter__(self):
        from django.utils import translation

        self._cm = translation.override("nl")
        self._cm.__enter__()

    def __exit__(self, *args):
        self._cm.__exit__(*args)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("kapot.pdf", PDF),  # a signature but no pages
        ("kapot2.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100),
        ("brief.docx", docx()),
    ],
)
def test_a_file_that_cannot_be_previewed_has_none_and_the_pages_still_work(client, name, data):
    application = filled_application()
    attachment = upload(application, name, data)
    assert not attachment.preview
    client.force_login(application.initiative.created_by)

    for url in (
        reverse("budget:attachments", args=[application.pk]),
        reverse("budget:application-check", args=[application.pk]),
    ):
        page = in_language(client, "nl").get(url)
        assert page.status_code == 200
        assert "Geen voorbeeld" in page.text
    assert client.get(preview_url(attachment)).status_code == 404


def test_the_pages_show_the_thumbnail_with_the_file_name_as_alt_text(client):
    application = filled_application()
    attachment = upload(application, "foto.jpg", photo_with_exif())
    client.force_login(application.initiative.created_by)

    for url in (
        reverse("budget:attachments", args=[application.pk]),
        reverse("budget:application-check", args=[application.pk]),
    ):
        page = in_language(client, "nl").get(url)
        assert f'src="{preview_url(attachment)}"' in page.text
        assert 'alt="foto.jpg"' in page.text
        assert "JPG, " in page.text

    response = client.get(preview_url(attachment))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_preview_has_the_rights_of_the_file_and_officials_reads_are_audited(client):
    facilitator = UserFactory(role="facilitator")
    application = application_in(ApplicationStatus.DRAFT, facilitator=facilitator)
    attachment = upload(application, "foto.jpg", photo_with_exif())
    services.submit_application(application=application, by=application.initiative.created_by)

    client.force_login(UserFactory(role="facilitator"))
    assert client.get(preview_url(attachment)).status_code == 403
    client.force_login(UserFactory(role="resident"))
    assert client.get(preview_url(attachment)).status_code == 403

    client.force_login(application.initiative.created_by)
    assert client.get(preview_url(attachment)).status_code == 200
    assert not AuditEvent.objects.filter(action=READ_ACTION).exists()

    client.force_login(facilitator)
    assert client.get(preview_url(attachment)).status_code == 200
    event = AuditEvent.objects.get(action=READ_ACTION)
    assert event.actor == facilitator
    page = client.get(application.get_absolute_url())
    assert f'src="{preview_url(attachment)}"' in page.text

    other = application_in(ApplicationStatus.SUBMITTED, facilitator=facilitator)
    wrong = reverse("budget:attachment-preview", args=[other.pk, attachment.pk])
    assert client.get(wrong).status_code == 404


def test_removing_a_file_removes_its_preview(django_capture_on_commit_callbacks):
    application = filled_application()
    attachment = upload(application, "foto.jpg", photo_with_exif())
    storage, name = attachment.preview.storage, attachment.preview.name
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_attachment(attachment=attachment, by=application.initiative.created_by)
    assert not storage.exists(name)
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("size", "text"), [(512, "512 bytes"), (340_123, "340 kB"), (2_400_000, "2,4 MB")]
)
def test_sizes_are_written_the_dutch_way(size, text):
    with in_language_nl():
        assert previews.size_label(size) == text
