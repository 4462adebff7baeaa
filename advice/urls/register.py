from django.urls import path, re_path

from advice.enums import RequestStatus
from advice.feeds import PublicationsFeed
from advice.views import advice_pages as pages
from advice.views import documents, public
from advice.views import register as views

urlpatterns = [
    path("", public.PublicListView.as_view(), name="public-list"),
    path("<int:pk>/", public.PublicDetailView.as_view(), name="public-detail"),
    path("<int:pk>/advies-en-antwoord.pdf", public.PublicPdfView.as_view(), name="public-pdf"),
    path("publicaties.atom", PublicationsFeed(), name="public-feed"),
    # The reference printed on the letter and the PDF also leads to the public page (Woo).
    re_path(
        r"^(?P<reference>ADV-[0-9]{4}-[0-9]{3,6})/$",
        public.PublicReferenceView.as_view(),
        name="public-reference",
    ),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("register/nieuw/", pages.AdviceCreateView.as_view(), name="advice-create"),
    path("register/<int:pk>/", pages.AdviceDetailView.as_view(), name="advice-detail"),
    path("register/<int:pk>/wijzigen/", pages.AdviceEditView.as_view(), name="advice-edit"),
    path(
        "register/<int:pk>/aanbevelingen/",
        pages.RecommendationsView.as_view(),
        name="recommendations",
    ),
    path("register/<int:pk>/versturen/", pages.AdviceSendView.as_view(), name="advice-send"),
    path(
        "register/<int:pk>/terugnemen/",
        pages.AdviceTakeBackView.as_view(),
        name="advice-take-back",
    ),
    path(
        "register/<int:pk>/intrekken/", pages.AdviceWithdrawView.as_view(), name="advice-withdraw"
    ),
    path(
        "register/<int:pk>/aanspreekpunten/",
        pages.AdviceContactsView.as_view(),
        name="advice-contacts",
    ),
    path(
        "register/<int:pk>/document/",
        documents.AdviceDocumentView.as_view(),
        name="advice-document",
    ),
    path(
        "aanvragen/<int:pk>/document/",
        documents.RequestDocumentView.as_view(),
        name="request-document",
    ),
    path("register/<int:pk>/openbaar/", pages.AdvicePublicView.as_view(), name="advice-public"),
    path(
        "register/<int:pk>/advies-en-antwoord.pdf",
        pages.AnswerPdfView.as_view(),
        name="answer-pdf",
    ),
    path("aanvragen/nieuw/", views.RequestCreateView.as_view(), name="request-create"),
    path("aanvragen/<int:pk>/", views.RequestDetailView.as_view(), name="request-detail"),
    path("aanvragen/<int:pk>/wijzigen/", views.RequestEditView.as_view(), name="request-edit"),
    path(
        "aanvragen/<int:pk>/verlopen/",
        views.RequestStatusView.as_view(status=RequestStatus.LAPSED),
        name="request-lapse",
    ),
    path(
        "aanvragen/<int:pk>/intrekken/",
        views.RequestStatusView.as_view(status=RequestStatus.WITHDRAWN),
        name="request-withdraw",
    ),
]
