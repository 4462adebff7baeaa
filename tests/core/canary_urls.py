"""The portal's URLs plus one view with a bug that quotes an application's content, so the
tests can see what a real server error writes to the log and shows on the page."""

from django.urls import path

from budget.models import Application
from burgerkracht.urls import handler403, handler404
from burgerkracht.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler403", "handler404", "urlpatterns"]


def buggy_view(request, pk):
    application = Application.objects.get(pk=pk)
    raise RuntimeError(f"could not handle {application.result_who!r}")


urlpatterns = [path("kapot/<int:pk>/", buggy_view), *portal_urlpatterns]
