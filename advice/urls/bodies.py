from django.urls import path

from advice.views.placeholder import Placeholder

urlpatterns = [
    path("organen/<slug:slug>/", Placeholder.as_view(), name="body-detail"),
    path("signalen/<int:pk>/", Placeholder.as_view(), name="signal-detail"),
    path("overleggen/<int:pk>/", Placeholder.as_view(), name="meeting-detail"),
]
