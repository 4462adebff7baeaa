from django.urls import path

from advice.views.placeholder import Placeholder

urlpatterns = [
    path("register/<int:pk>/evaluatie/", Placeholder.as_view(), name="evaluation"),
    path("toezeggingen/<int:pk>/", Placeholder.as_view(), name="promise-detail"),
]
