from django.urls import path

from burgerkracht.accounts.oidc import views

app_name = "oidc"

urlpatterns = [
    path("koppelen/", views.LinkView.as_view(), name="link"),
    path("hoger-niveau/", views.LevelView.as_view(), name="level"),
    path("actief-blijven/", views.KeepAliveView.as_view(), name="keep-alive"),
    path("verder/", views.ResumeView.as_view(), name="resume"),
    path("uitgelogd/", views.LoggedOutView.as_view(), name="logged-out"),
]
