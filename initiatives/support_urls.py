"""The URLs of support requests and the jager (WF-6), added to initiatives/urls.py."""

from django.urls import path

from initiatives.views import support

urlpatterns = [
    path("mijn/initiatieven/<int:pk>/hulpvraag/", support.AskSupportView.as_view(),
         name="support-ask"),
    path("mijn/initiatieven/<int:pk>/jager/", support.AppointJagerView.as_view(),
         name="jager-appoint"),
    path("mijn/hulpvragen/<int:pk>/", support.SupportDetailView.as_view(), name="support"),
    path("mijn/hulpvragen/<int:pk>/doorgeven/", support.HandOverView.as_view(),
         name="support-handoff"),
    path("mijn/hulpvragen/<int:pk>/antwoord/", support.AnswerView.as_view(),
         name="support-answer"),
    path("mijn/hulpvragen/<int:pk>/intrekken/", support.WithdrawSupportView.as_view(),
         name="support-withdraw"),
    path("initiatieven/beheer/hulpvragen/", support.OpenRequestsView.as_view(),
         name="support-open"),
]  # fmt: skip
