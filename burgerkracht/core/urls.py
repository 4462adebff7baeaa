from django.urls import path

from burgerkracht.core import views
from burgerkracht.core.filters import views as saved_filter_views
from burgerkracht.core.postal import views as post_views
from burgerkracht.core.reporting import views as report_views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("mijn/", views.DashboardView.as_view(), name="dashboard"),
    path("mijn/taken/", views.TasksView.as_view(), name="tasks"),
    path("privacy/", views.LocalisedPageView.as_view(page="privacy"), name="privacy"),
    path(
        "toegankelijkheid/",
        views.LocalisedPageView.as_view(page="accessibility"),
        name="accessibility",
    ),
    path("thema.css", views.ThemeStylesheetView.as_view(), name="theme-css"),
    path("logo/", views.LogoView.as_view(), name="logo"),
    path("lettertype.woff2", views.FontView.as_view(), name="font"),
    path("gezondheid/", views.HealthView.as_view(), name="health"),
    path("gezondheid/leeft/", views.liveness, name="liveness"),
    path("agenda/", views.CalendarPageView.as_view(), name="calendar"),
    path("rapportages/", report_views.ReportIndexView.as_view(), name="reports"),
    path("rapportages/jaarverslag/", report_views.AnnualReportView.as_view(), name="annual-report"),
    path(
        "rapportages/jaarverslag/<int:pk>.pdf",
        report_views.AnnualReportDownloadView.as_view(),
        name="annual-report-pdf",
    ),
    path("rapportages/<slug:slug>/", report_views.ReportView.as_view(), name="report"),
    path(
        "mijn/filters/bewaren/",
        saved_filter_views.SavedFilterCreateView.as_view(),
        name="saved-filter-create",
    ),
    path(
        "mijn/filters/<int:pk>/verwijderen/",
        saved_filter_views.SavedFilterDeleteView.as_view(),
        name="saved-filter-delete",
    ),
    path("post/", post_views.PostQueueView.as_view(), name="post-queue"),
    path("post/afdrukken/", post_views.PostPrintView.as_view(), name="post-print"),
    path("post/verstuurd/", post_views.PostMarkView.as_view(), name="post-mark"),
    path("post/<int:pk>.pdf", post_views.PostItemPdfView.as_view(), name="post-item-pdf"),
    path("agenda/<slug:token>.ics", views.CalendarFeedView.as_view(), name="calendar-feed"),
]
