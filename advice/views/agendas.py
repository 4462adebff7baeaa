"""Agendas (SC-10): the list, an agenda's page with its progress per phase and status and its
promises (filterable), registering an agenda, importing its topics from a file (preview
first, then all or nothing), the example file, and promises on their own."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from advice import agenda_files, permissions
from advice.agenda_selectors import AgendaPromiseFilter, agenda_progress, visible_agendas
from advice.forms.promises import AgendaFileForm, AgendaForm, PromiseForm
from advice.models import Agenda
from advice.promise_selectors import PromiseTable, promise_register
from advice.services import agenda_import
from advice.services import promises as services
from advice.views.bodies import Access, ServiceFormView
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.ui.breadcrumbs import Crumb

AGENDAS = gettext_lazy("Agendas")
MIME = {"csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip


def agendas_crumb() -> Crumb:
    return Crumb(AGENDAS, reverse("advice:agendas"))


class AgendaListView(Access, TemplateView):
    template_name = "advice/agendas/list.html"

    def allowed(self):
        return permissions.can_view_agendas(self.request.user)

    def get_breadcrumbs(self):
        return [Crumb(AGENDAS)]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs, agendas=list(visible_agendas(user)),
            can_manage=permissions.can_manage_promises(user),
        )  # fmt: skip


class AgendaCreateView(ServiceFormView):
    title = gettext_lazy("Register an agenda")
    intro = gettext_lazy("An agenda a working group or body handed to the municipality. Add "
                         "its topics afterwards, one by one or from a file.")  # fmt: skip
    form_class = AgendaForm

    def allowed(self):
        return permissions.can_manage_promises(self.request.user)

    def get_breadcrumbs(self):
        return [agendas_crumb(), Crumb(self.title)]

    def act(self, form):
        agenda = services.create_agenda(by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The agenda has been registered."))
        return redirect(agenda.get_absolute_url())


class AgendaMixin(Access):
    """An agenda from the URL; who may see it is who may follow it."""

    @cached_property
    def agenda(self) -> Agenda:
        return get_object_or_404(Agenda.objects.select_related("body"), pk=self.kwargs["pk"])

    def allowed(self):
        return permissions.can_view_agenda(self.request.user, self.agenda)


class AgendaDetailView(AgendaMixin, SingleTableMixin, FilterView):
    """Progress per phase and status, and the agenda's promises, filterable."""

    template_name = "advice/agendas/detail.html"
    table_class = PromiseTable
    filterset_class = AgendaPromiseFilter
    table_pagination = {"per_page": 25}

    def get_queryset(self):
        return promise_register().filter(agenda=self.agenda)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "agenda": self.agenda}

    def get_table_kwargs(self):
        return {"exclude": ("source",)}

    def get_breadcrumbs(self):
        return [agendas_crumb(), Crumb(self.agenda.title)]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs, agenda=self.agenda,
            progress=agenda_progress(self.agenda, timezone.localdate()),
            can_manage=permissions.can_manage_promises(user),
        )  # fmt: skip


class AgendaChangeView(AgendaMixin, ServiceFormView):
    title = gettext_lazy("Change the agenda")
    form_class = AgendaForm

    def allowed(self):
        return permissions.can_manage_promises(self.request.user)

    def get_initial(self):
        return {name: getattr(self.agenda, name) for name in services.AGENDA_FIELDS}

    def get_breadcrumbs(self):
        return [agendas_crumb(), Crumb(self.agenda.title, self.agenda.get_absolute_url()),
                Crumb(self.title)]  # fmt: skip

    def act(self, form):
        services.change_agenda(agenda=self.agenda, by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The agenda has been changed."))
        return redirect(self.agenda.get_absolute_url())


class AgendaImportView(AgendaMixin, TemplateView):
    """GET: the upload form. POST with a file: the preview, row by row. POST "confirm" with
    the signed rows: create all of them, or none."""

    template_name = "advice/agendas/import.html"

    def allowed(self):
        return permissions.can_manage_promises(self.request.user)

    def get_breadcrumbs(self):
        return [agendas_crumb(), Crumb(self.agenda.title, self.agenda.get_absolute_url()),
                Crumb(_("Import topics"))]  # fmt: skip

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", AgendaFileForm())
        return super().get_context_data(**kwargs, agenda=self.agenda, columns=agenda_files.COLUMNS)

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = AgendaFileForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                preview = agenda_import.read_import(
                    by=request.user, agenda=self.agenda, filename=upload.name,
                    content=upload.read(),
                )  # fmt: skip
            except DomainError as error:
                form.add_error("file", error.message)
            else:
                return self.render_to_response(self.get_context_data(preview=preview))
        return self.render_to_response(self.get_context_data(form=form))

    def confirm(self, request):
        try:
            created = agenda_import.confirm_import(
                by=request.user, agenda=self.agenda, token=request.POST.get("token", "")
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, ngettext(
            "Imported: %(count)d promise.", "Imported: %(count)d promises.", len(created)
        ) % {"count": len(created)})  # fmt: skip
        return redirect(self.agenda.get_absolute_url())


class AgendaExampleView(Access, View):
    """The example file with the columns the import reads."""

    def allowed(self):
        return permissions.can_manage_promises(self.request.user)

    def get(self, request, fmt: str):
        if fmt not in MIME:
            raise Http404
        response = HttpResponse(agenda_files.example_file(fmt), content_type=MIME[fmt])
        response["Content-Disposition"] = f'attachment; filename="voorbeeld-agenda.{fmt}"'
        return response


class PromiseCreateView(ServiceFormView):
    title = gettext_lazy("A promise on its own")
    intro = gettext_lazy("A promise that is not made in an answer to an advice: a commitment "
                         "of a wethouder or the college, a topic of an agenda, or something "
                         "else. The owner is told.")  # fmt: skip
    form_class = PromiseForm

    def allowed(self):
        return permissions.can_manage_promises(self.request.user)

    def get_initial(self):
        agenda = Agenda.objects.filter(pk=self.request.GET.get("agenda") or 0).first()
        return {"agenda": agenda, "source_kind": "agenda"} if agenda else {}

    def get_breadcrumbs(self):
        return [Crumb(_("Promises"), reverse("advice:promises")), Crumb(self.title)]

    def act(self, form):
        promise = services.create_promise(by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The promise has been saved."))
        return redirect(promise.get_absolute_url())


class PromiseChangeView(ServiceFormView):
    title = gettext_lazy("Change the promise")
    form_class = PromiseForm

    @cached_property
    def promise(self):
        return get_object_or_404(
            promise_register().select_related("agenda__body"), pk=self.kwargs["pk"]
        )

    def allowed(self):
        return permissions.can_change_promise(self.request.user, self.promise)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "change": True}

    def get_initial(self):
        p = self.promise
        return {name: getattr(p, name) for name in services.SOURCE_FIELDS}

    def get_breadcrumbs(self):
        return [Crumb(_("Promises"), reverse("advice:promises")),
                Crumb(self.promise.text[:60], self.promise.get_absolute_url()),
                Crumb(self.title)]  # fmt: skip

    def act(self, form):
        data = form.cleaned_data
        services.change_promise(
            promise=self.promise, by=self.request.user, reason=data.pop("reason"), **data
        )
        messages.success(self.request, _("The promise has been changed."))
        return redirect(self.promise.get_absolute_url())
