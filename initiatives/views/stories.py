"""Stories without money: telling one, the author's own list, the look by a facilitator or
coordinator, and the public list and page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from burgerkracht.core.exceptions import DomainError
from burgerkracht.core.files.uploads import private_file_response
from burgerkracht.core.ui.breadcrumbs import BreadcrumbsMixin, Crumb
from initiatives import permissions, stories
from initiatives import story_selectors as selectors
from initiatives.story_forms import (
    ReviewStoryForm,
    StorySearchForm,
    TellStoryForm,
    WithdrawStoryForm,
)
from initiatives.story_models import Story

STORIES = gettext_lazy("Stories")
MY_STORIES = gettext_lazy("My stories")
TO_REVIEW = gettext_lazy("Stories to look at")


class StoryMixin(BreadcrumbsMixin):
    """Loads `self.story`; one nobody may see here is not found (404), so that the number of
    a waiting story tells an outsider nothing."""

    permission = staticmethod(permissions.can_view_story)

    @cached_property
    def story(self) -> Story:
        story = get_object_or_404(
            Story.objects.select_related("neighbourhood"), pk=self.kwargs["pk"]
        )
        if not permissions.can_view_story(self.request.user, story):
            raise Http404
        return story

    def dispatch(self, request, *args, **kwargs):
        if not type(self).permission(request.user, self.story):
            if not request.user.is_authenticated:
                return redirect(f"{reverse('account_login')}?next={request.path}")
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PublicStoryListView(BreadcrumbsMixin, TemplateView):
    template_name = "initiatives/stories/public_list.html"

    def get_breadcrumbs(self):
        return [Crumb(STORIES)]

    def get_context_data(self, **kwargs):
        form = StorySearchForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        queryset = selectors.public_stories(
            search=filters.get("q", ""), neighbourhood=filters.get("wijk", "")
        )
        page = Paginator(queryset, 20).get_page(self.request.GET.get("pagina"))
        return super().get_context_data(**kwargs, form=form, page=page)


class StoryDetailView(StoryMixin, TemplateView):
    template_name = "initiatives/stories/detail.html"

    def get_breadcrumbs(self):
        return [Crumb(STORIES, reverse("initiatives:stories")), Crumb(self.story.title)]

    def get_context_data(self, **kwargs):
        user, story = self.request.user, self.story
        return super().get_context_data(
            **kwargs, story=story, is_author=user.is_authenticated and story.author_id == user.pk,
            can_review=permissions.can_review_story(user, story),
            can_withdraw=permissions.can_withdraw_story(user, story),
        )  # fmt: skip


class StoryPhotoView(StoryMixin, View):
    """The photo, only where the story may be seen; as Pillow wrote it (no EXIF)."""

    def get(self, request, *args, **kwargs):
        story = self.story
        if not story.photo:
            raise Http404
        content_type = "image/png" if story.photo.name.endswith(".png") else "image/jpeg"
        return private_file_response(story.photo, filename=story.photo.name.rsplit("/", 1)[-1],
                                     content_type=content_type)  # fmt: skip


class TellStoryView(LoginRequiredMixin, BreadcrumbsMixin, FormView):
    template_name = "initiatives/stories/tell.html"
    form_class = TellStoryForm

    def get_breadcrumbs(self):
        return [Crumb(STORIES, reverse("initiatives:stories")), Crumb(_("Tell your story"))]

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            stories.tell_story(
                by=self.request.user, title=data["title"], text=data["text"],
                neighbourhood=data["neighbourhood"], consent=data["consent"],
                photo=data.get("photo") or None, photo_alt=data.get("photo_alt", ""),
            )  # fmt: skip
        except DomainError as error:
            form.add_error("photo" if data.get("photo") else None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Thank you for your story. A facilitator looks at it; you get an e-mail when it "
              "is on the website."),
        )  # fmt: skip
        return redirect("initiatives:my-stories")


class MyStoriesView(LoginRequiredMixin, BreadcrumbsMixin, TemplateView):
    template_name = "initiatives/stories/mine.html"

    def get_breadcrumbs(self):
        return [Crumb(_("My burgerkracht"), "/mijn/"), Crumb(MY_STORIES)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, stories=list(selectors.stories_of(self.request.user))
        )


class WithdrawStoryView(StoryMixin, FormView):
    template_name = "initiatives/stories/action.html"
    permission = staticmethod(permissions.can_withdraw_story)

    def get_breadcrumbs(self):
        return [Crumb(STORIES, reverse("initiatives:stories")), Crumb(_("Withdraw the story"))]

    @property
    def by_author(self) -> bool:
        return self.story.author_id == self.request.user.pk

    def get_form(self, form_class=None):
        return WithdrawStoryForm(**self.get_form_kwargs(), by_author=self.by_author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, story=self.story,
                                        title=_("Withdraw the story"))  # fmt: skip

    def form_valid(self, form):
        try:
            stories.withdraw_story(story=self.story, by=self.request.user,
                                   reason=form.cleaned_data.get("reason", ""))  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The story has been withdrawn."))
        if self.by_author:
            return redirect("initiatives:my-stories")
        return redirect("initiatives:stories-review")


class ReviewMixin(LoginRequiredMixin, BreadcrumbsMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_review_stories(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReviewListView(ReviewMixin, TemplateView):
    template_name = "initiatives/stories/review_list.html"

    def get_breadcrumbs(self):
        return [Crumb(TO_REVIEW)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, waiting=list(selectors.stories_to_review()),
            decided=list(selectors.recently_decided()),
        )  # fmt: skip


class ReviewStoryView(StoryMixin, FormView):
    """Look at a story and publish or decline it in one step."""

    template_name = "initiatives/stories/review.html"
    form_class = ReviewStoryForm
    permission = staticmethod(permissions.can_review_story)

    def get_breadcrumbs(self):
        return [Crumb(TO_REVIEW, reverse("initiatives:stories-review")), Crumb(self.story.title)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, story=self.story)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if data["decision"] == "publish":
                stories.publish_story(story=self.story, by=self.request.user)
                done = _("The story is on the website. The resident has been told.")
            else:
                stories.decline_story(story=self.story, by=self.request.user,
                                      reason=data["reason"])  # fmt: skip
                done = _("The story is not published. The resident has been told why.")
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, done)
        return redirect("initiatives:stories-review")
