from django.urls import path

from advice.views import bodies, factsheet, meetings, practice_signals

urlpatterns = [
    # bodies, members, organisations, representation
    path("organen/", bodies.BodyListView.as_view(), name="bodies"),
    path("organen/<slug:slug>/", bodies.BodyDetailView.as_view(), name="body-detail"),
    path("organen/<slug:slug>/leden/nieuw/", bodies.MemberAddView.as_view(),
         name="body-member-add"),
    path("organen/<slug:slug>/leden/<int:pk>/einde/", bodies.MemberEndView.as_view(),
         name="body-member-end"),
    path("organen/<slug:slug>/organisaties/nieuw/", bodies.OrganisationAddView.as_view(),
         name="body-organisation-add"),
    path("organen/<slug:slug>/organisaties/<int:pk>/", bodies.OrganisationEditView.as_view(),
         name="body-organisation-edit"),
    path("vertegenwoordiging/", bodies.RepresentationMovedView.as_view(), name="representation"),
    # signals
    path("signalen/", practice_signals.SignalListView.as_view(), name="signals"),
    path("signalen/nieuw/", practice_signals.SignalCreateView.as_view(), name="signal-create"),
    path("signalen/<int:pk>/", practice_signals.SignalDetailView.as_view(), name="signal-detail"),
    path("register/<int:pk>/signalen/", practice_signals.AdviceSignalsView.as_view(),
         name="advice-signals"),
    path("signalen/obstakels/", practice_signals.ObstacleListView.as_view(), name="obstacles"),
    path("signalen/obstakels/<str:key>/", practice_signals.ObstacleConvertView.as_view(),
         name="obstacle-convert"),
    # meetings
    path("overleggen/", meetings.MeetingListView.as_view(), name="meetings"),
    path("overleggen/nieuw/", meetings.MeetingCreateView.as_view(), name="meeting-create"),
    path("overleggen/<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting-detail"),
    path("overleggen/<int:pk>/wijzigen/", meetings.MeetingEditView.as_view(),
         name="meeting-edit"),
    # the factsheet of roles and authorities; handing over contacts
    path("rollen/", factsheet.FactsheetView.as_view(), name="factsheet"),
    path("rollen/versie/<int:number>/", factsheet.FactsheetVersionView.as_view(),
         name="factsheet-version"),
    path("rollen/nieuw/", factsheet.FactsheetNewView.as_view(), name="factsheet-new"),
    path("overdracht/", factsheet.HandoverView.as_view(), name="handover"),
]  # fmt: skip
