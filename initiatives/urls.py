from django.urls import path

from initiatives import support_urls
from initiatives.views import (
    assisted,
    intake,
    lessons,
    officials,
    partners,
    public,
    stories,
    succession,
    workspace,
)

app_name = "initiatives"

urlpatterns = [
    # Public showcase
    path("initiatieven/", public.PublicListView.as_view(), name="public-list"),
    path("initiatieven/<int:pk>/", public.PublicDetailView.as_view(), name="public-detail"),
    path(
        "initiatieven/wijk/<slug:slug>/",
        public.NeighbourhoodView.as_view(),
        name="public-neighbourhood",
    ),
    # Intake
    path("initiatieven/nieuw/", intake.NewInitiativeView.as_view(), name="new"),
    path(
        "initiatieven/uitnodiging/<uuid:token>/", intake.InvitationView.as_view(), name="invitation"
    ),
    path(
        "mijn/initiatieven/<int:pk>/aanmelden/", intake.IntakeTaskListView.as_view(), name="intake"
    ),
    path(
        "mijn/initiatieven/<int:pk>/aanmelden/stap-<int:step>/",
        intake.IntakeStepView.as_view(),
        name="intake-step",
    ),
    path(
        "mijn/initiatieven/<int:pk>/aanmelden/controleren/",
        intake.IntakeCheckView.as_view(),
        name="intake-check",
    ),
    path("mijn/initiatieven/<int:pk>/verstuurd/", intake.SentView.as_view(), name="sent"),
    # A resident without e-mail (SC-11)
    path(
        "mijn/initiatieven/<int:pk>/aanmelden/bewoner-zonder-email/",
        assisted.ResidentWithoutEmailView.as_view(),
        name="resident-without-email",
    ),
    path(
        "mijn/initiatieven/<int:pk>/toestemmingsformulier.pdf",
        assisted.ConsentFormView.as_view(),
        name="consent-form",
    ),
    path(
        "mijn/initiatieven/<int:pk>/overnamebrief/",
        assisted.ClaimLetterView.as_view(),
        name="claim-letter",
    ),
    # Workspace
    path("mijn/initiatieven/<int:pk>/", workspace.InitiativeDetailView.as_view(), name="detail"),
    path("mijn/initiatieven/<int:pk>/starten/", workspace.ActivateView.as_view(), name="activate"),
    path("mijn/initiatieven/<int:pk>/pauzeren/", workspace.PauseView.as_view(), name="pause"),
    path("mijn/initiatieven/<int:pk>/hervatten/", workspace.ResumeView.as_view(), name="resume"),
    path("mijn/initiatieven/<int:pk>/afronden/", workspace.EndView.as_view(), name="end"),
    path("mijn/initiatieven/<int:pk>/facilitators/", workspace.AssignView.as_view(), name="assign"),
    path(
        "mijn/initiatieven/<int:pk>/tijdlijn/",
        workspace.UpdateCreateView.as_view(),
        name="update-create",
    ),
    path(
        "mijn/initiatieven/<int:pk>/berichten/",
        workspace.MessageCreateView.as_view(),
        name="message-create",
    ),
    path(
        "mijn/initiatieven/<int:pk>/aantekeningen/",
        workspace.NoteCreateView.as_view(),
        name="note-create",
    ),
    path(
        "mijn/initiatieven/<int:pk>/signalen/<int:update_pk>/",
        workspace.SignalHandledView.as_view(),
        name="signal-handled",
    ),
    # An initiator stops; the new lead (SC-13)
    path(
        "mijn/initiatieven/<int:pk>/stoppen-als-initiatiefnemer/",
        succession.StepDownView.as_view(),
        name="step-down",
    ),
    path(
        "mijn/initiatieven/<int:pk>/hoofdinitiatiefnemer/",
        succession.LeadOfferView.as_view(),
        name="lead-offer",
    ),
    path(
        "mijn/initiatieven/<int:pk>/nieuwe-hoofdinitiatiefnemer/",
        succession.AppointLeadView.as_view(),
        name="appoint-lead",
    ),
    # Officials
    path(
        "initiatieven/beheer/",
        officials.OfficialsInitiativeListView.as_view(),
        name="officials-list",
    ),
    path("initiatieven/beheer/verdeling/", officials.CoordinatorView.as_view(), name="coordinator"),
    path("initiatieven/beheer/overdracht/", officials.HandoverView.as_view(), name="handover"),
    path("initiatieven/beheer/herverdelen/", officials.ReassignView.as_view(), name="reassign"),
    # Stories without money (SC-19)
    path("verhalen/", stories.PublicStoryListView.as_view(), name="stories"),
    path("verhalen/vertel/", stories.TellStoryView.as_view(), name="story-tell"),
    path("verhalen/<int:pk>/", stories.StoryDetailView.as_view(), name="story"),
    path("verhalen/<int:pk>/foto/", stories.StoryPhotoView.as_view(), name="story-photo"),
    path(
        "verhalen/<int:pk>/intrekken/", stories.WithdrawStoryView.as_view(), name="story-withdraw"
    ),
    path("verhalen/beheer/", stories.ReviewListView.as_view(), name="stories-review"),
    path("verhalen/beheer/<int:pk>/", stories.ReviewStoryView.as_view(), name="story-review"),
    path("mijn/verhalen/", stories.MyStoriesView.as_view(), name="my-stories"),
    # Partners' contributions (F-S17)
    path(
        "mijn/initiatieven/<int:pk>/partners/nieuw/",
        partners.ContributionCreateView.as_view(),
        name="contribution-create",
    ),
    path(
        "mijn/initiatieven/<int:pk>/partners/<int:contribution_pk>/",
        partners.ContributionJudgeView.as_view(),
        name="contribution-judge",
    ),
    # The lessons library (F-S10)
    path("lessen/", lessons.PublicLessonListView.as_view(), name="lessons"),
    path("lessen/<int:pk>/", lessons.LessonDetailView.as_view(), name="lesson"),
    path("lessen/<int:pk>/handreiking/", lessons.LessonGuideView.as_view(), name="lesson-guide"),
    path(
        "lessen/<int:pk>/publicatie/",
        lessons.LessonPublicationView.as_view(),
        name="lesson-publication",
    ),
    path("lessen/beheer/", lessons.OfficialsLessonListView.as_view(), name="lessons-officials"),
    path("lessen/nieuw/", lessons.LessonCreateView.as_view(), name="lesson-create"),
]
# Support requests and the jager (WF-6, issue #30)
urlpatterns += support_urls.urlpatterns
