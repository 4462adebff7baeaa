from django.urls import path

from burgerkracht.core import views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("mijn/", views.DashboardView.as_view(), name="dashboard"),
    path("privacy/", views.LocalisedPageView.as_view(page="privacy"), name="privacy"),
    path(
        "toegankelijkheid/",
        views.LocalisedPageView.as_view(page="accessibility"),
        name="accessibility",
    ),
    path("thema.css", views.ThemeStylesheetView.as_view(), name="theme-css"),
    path("logo/", views.LogoView.as_view(), name="logo"),
    path("gezondheid/", views.HealthView.as_view(), name="health"),
    path("agenda/", views.CalendarPageView.as_view(), name="calendar"),
    path("agenda/<slug:token>.ics", views.CalendarFeedView.as_view(), name="calendar-feed"),
]
