from django.urls import path

from burgerkracht.meetlat import views

app_name = "meetlat"

urlpatterns = [
    path("", views.RegisterView.as_view(), name="register"),
    path("nieuw/", views.PolicyDecisionCreateView.as_view(), name="policy-create"),
    path("meetlat-dekking/", views.CoverageView.as_view(), name="coverage"),
    path("meetlat/nieuwe-versie/", views.PublishVersionView.as_view(), name="version-publish"),
    path("<int:pk>/", views.DecisionDetailView.as_view(), name="decision-detail"),
    path("<int:pk>/wijzigen/", views.DecisionEditView.as_view(), name="decision-edit"),
    path("<int:pk>/verantwoording/", views.TriadView.as_view(), name="triad"),
    path("<int:pk>/meetlat/", views.MeetlatView.as_view(), name="meetlat"),
    path("<int:pk>/vaststellen/", views.FinaliseView.as_view(), name="finalise"),
    path("<int:pk>/reflectie/", views.ReflectionView.as_view(), name="reflection"),
    path("<int:pk>/pdf/", views.DecisionPdfView.as_view(), name="pdf"),
    path("<int:pk>/openbaar/", views.PublicDecisionView.as_view(), name="public-detail"),
]
