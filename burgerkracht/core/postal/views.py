"""/post/: the post queue of the officials (SC-11). Thin: the rules are in core.postal.queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from burgerkracht.core.enums import PostStatus
from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.postal import queue as post_queue
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb

PAGE_SIZE = 50


class PostQueueMixin(LoginRequiredMixin, UserPassesTestMixin):
    raise_exception = False

    def test_func(self) -> bool:
        return post_queue.can_see_post_queue(self.request.user)

    def chosen(self):
        """The letters ticked in the form (only those this person may see)."""
        pks = [int(pk) for pk in self.request.POST.getlist("item") if pk.isdigit()]
        return post_queue.post_items_for(self.request.user).filter(pk__in=pks)


class PostQueueView(PostQueueMixin, BreadcrumbsMixin, TemplateView):
    template_name = "core/post_queue.html"

    def get_breadcrumbs(self):
        return [Crumb(gettext_lazy("Letters by post"))]

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status")
        status = status if status == PostStatus.POSTED else PostStatus.QUEUED
        items = post_queue.post_items_for(self.request.user).filter(status=status)
        if status == PostStatus.POSTED:
            items = items.order_by("-posted_at", "-pk")
        rows = list(items[: PAGE_SIZE + 1])
        return super().get_context_data(
            **kwargs,
            status=status,
            rows=rows[:PAGE_SIZE],
            more=len(rows) > PAGE_SIZE,
            queued=status == PostStatus.QUEUED,
        )


@method_decorator(never_cache, name="dispatch")
class PostPrintView(PostQueueMixin, View):
    """One PDF of the ticked letters, or of every letter waiting (with an address) when none
    is ticked. Prints only: nothing changes, so the form may use GET or POST."""

    def get(self, request):
        items = post_queue.post_items_for(request.user).filter(
            status=PostStatus.QUEUED, address_missing=False
        )
        return self._pdf(items)

    def post(self, request):
        items = self.chosen()
        if not items.exists():
            return self.get(request)
        return self._pdf(items)

    def _pdf(self, items):
        try:
            content = post_queue.batch_pdf(items=items.order_by("created_at", "pk"))
        except DomainError as error:
            messages.error(self.request, error.message)
            return redirect("core:post-queue")
        response = HttpResponse(content, content_type="application/pdf")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="post-{stamp}.pdf"'
        return response


class PostMarkView(PostQueueMixin, View):
    """Mark posted: one letter (the button of its row) or the ticked ones."""

    http_method_names = ["post"]

    def post(self, request):
        only = request.POST.get("only", "")
        items = (
            post_queue.post_items_for(request.user).filter(pk=int(only))
            if only.isdigit()
            else self.chosen()
        )
        try:
            done = post_queue.mark_posted(items=list(items), by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d letter is marked as posted.",
                    "%(count)d letters are marked as posted.",
                    len(done),
                )
                % {"count": len(done)},
            )
        return redirect("core:post-queue")


@method_decorator(never_cache, name="dispatch")
class PostItemPdfView(PostQueueMixin, View):
    """One letter as it goes in the envelope."""

    def get(self, request, pk: int):
        item = post_queue.post_items_for(request.user).filter(pk=pk).first()
        if item is None or not item.pdf:
            raise Http404
        return FileResponse(
            item.pdf.open("rb"), content_type="application/pdf", filename=f"brief-{item.pk}.pdf"
        )
