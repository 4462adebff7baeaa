from django.urls import path

from advice.views.placeholder import Placeholder

urlpatterns = [
    path("", Placeholder.as_view(), name="public-list"),
    path("<int:pk>/", Placeholder.as_view(), name="public-detail"),
    path("register/", Placeholder.as_view(), name="register"),
    path("register/<int:pk>/", Placeholder.as_view(), name="advice-detail"),
    path("aanvragen/<int:pk>/", Placeholder.as_view(), name="request-detail"),
]
