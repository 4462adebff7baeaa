from django.urls import path

from budget.views import (
    accountability,
    apply,
    assess,
    changes,
    evaluation,
    followup,
    ledger,
    notes,
    partners,
    payments,
    public,
)

app_name = "budget"

urlpatterns = [
    # Public: the Samen Sterk page with this year's figures, and the results pages (issue #8)
    path("samen-sterk/", public.SamenSterkView.as_view(), name="samen-sterk"),
    path("resultaten/", public.ResultsView.as_view(), name="public-results"),
    path(
        "resultaten/<slug:slug>/",
        public.NeighbourhoodResultsView.as_view(),
        name="public-results-neighbourhood",
    ),
    path("samen-sterk/budget/", ledger.FundListView.as_view(), name="fund-list"),
    path("samen-sterk/budget/nieuw/", ledger.FundCreateView.as_view(), name="fund-create"),
    path("samen-sterk/budget/<int:pk>/", ledger.OverviewView.as_view(), name="overview"),
    path(
        "samen-sterk/budget/<int:pk>/lijnen/nieuw/",
        ledger.LineCreateView.as_view(),
        name="line-create",
    ),
    path("samen-sterk/budget/<int:pk>/openen/", ledger.FundOpenView.as_view(), name="fund-open"),
    path(
        "samen-sterk/budget/<int:pk>/verschuiven/",
        ledger.ReallocateView.as_view(),
        name="reallocate",
    ),
    path(
        "samen-sterk/budget/<int:pk>/integriteit/",
        ledger.IntegrityLogView.as_view(),
        name="integrity-log",
    ),
    path(
        "samen-sterk/budget/lijnen/<int:pk>/zeggenschap/",
        ledger.HoldersView.as_view(),
        name="holders",
    ),
    path(
        "samen-sterk/budget/<int:pk>/uit-samen-sterk/",
        changes.OutOfPurposeView.as_view(),
        name="out-of-purpose",
    ),
    path("samen-sterk/budget/wijzigingen/", changes.ChangeListView.as_view(), name="changes"),
    path("samen-sterk/budget/wijzigingen/<int:pk>/", changes.ChangeView.as_view(), name="change"),
    # Applications: the residents' side
    path("samen-sterk/aanvragen/", apply.MyApplicationsView.as_view(), name="my-applications"),
    path(
        "samen-sterk/aanvragen/nieuw/", apply.NewApplicationView.as_view(), name="application-new"
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/",
        assess.ApplicationDetailView.as_view(),
        name="application",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/verstuurd/",
        apply.SentView.as_view(),
        name="application-sent",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/stap-6/",
        apply.AttachmentsView.as_view(),
        name="attachments",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/stap-<int:step>/",
        apply.StepView.as_view(),
        name="application-step",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/bijlagen/<int:attachment_pk>/",
        apply.AttachmentDownloadView.as_view(),
        name="attachment",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/bijlagen/<int:attachment_pk>/voorbeeld.png",
        apply.AttachmentPreviewView.as_view(),
        name="attachment-preview",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/bijlagen/<int:attachment_pk>/verwijderen/",
        apply.AttachmentRemoveView.as_view(),
        name="attachment-remove",
    ),
    path("samen-sterk/aanvragen/<int:pk>/kopie.pdf", apply.CopyView.as_view(), name="copy"),
    path(
        "samen-sterk/aanvragen/<int:pk>/controleren/",
        apply.CheckView.as_view(),
        name="application-check",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/intrekken/", apply.WithdrawView.as_view(), name="withdraw"
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/berichten/",
        apply.MessageView.as_view(),
        name="application-message",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/aantekeningen/",
        notes.NoteView.as_view(),
        name="application-note",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/brieven/<int:letter_pk>/",
        apply.LetterView.as_view(),
        name="letter",
    ),
    # Applications: the municipality's side
    path("samen-sterk/beoordelen/", assess.QueueView.as_view(), name="queue"),
    path("samen-sterk/aanvragen/<int:pk>/toetsen/", assess.AssessView.as_view(), name="assess"),
    path(
        "samen-sterk/aanvragen/<int:pk>/toetsen/afronden/",
        assess.CompleteAssessmentView.as_view(),
        name="assess-complete",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/toetsen/terugsturen/",
        assess.ReturnView.as_view(),
        name="return",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/advies-vragen/",
        assess.AdviceRequestView.as_view(),
        name="advice-request",
    ),
    path("samen-sterk/advies/<int:advice_pk>/", assess.AdviceView.as_view(), name="advice"),
    path("samen-sterk/aanvragen/<int:pk>/besluit/", assess.DecideView.as_view(), name="decide"),
    path(
        "samen-sterk/aanvragen/<int:pk>/besluit/terugsturen/",
        assess.SendBackView.as_view(),
        name="send-back",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/besluit/bekendmaken/",
        assess.PublishView.as_view(),
        name="publish",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/afspraken-wijzigen/",
        assess.AmendView.as_view(),
        name="amend",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/betalingen/<int:tranche_pk>/",
        evaluation.PayTrancheView.as_view(),
        name="pay",
    ),
    path(
        "samen-sterk/aanvragen/<int:pk>/rekening/",
        payments.BankAccountView.as_view(),
        name="bank-account",
    ),
    # Payment orders for the finance department, and the bank's confirmations (SC-12)
    path("samen-sterk/betalingen/", payments.PaymentOrdersView.as_view(), name="payment-orders"),
    path(
        "samen-sterk/betalingen/opdrachten/<int:pk>/<slug:fmt>/",
        payments.PaymentOrderFileView.as_view(),
        name="payment-order-file",
    ),
    path(
        "samen-sterk/betalingen/terugmelden/",
        payments.PaymentImportView.as_view(),
        name="payment-import",
    ),
    path(
        "samen-sterk/betalingen/terugmelden/<int:pk>/",
        payments.PaymentImportPreviewView.as_view(),
        name="payment-import-preview",
    ),
    # After the grant: evaluations, accountability, the facilitator's week
    path("samen-sterk/opvolging/", followup.FollowUpView.as_view(), name="follow-up"),
    path(
        "samen-sterk/evaluaties/<int:pk>/", evaluation.EvaluationView.as_view(), name="evaluation"
    ),
    path("samen-sterk/evaluaties/<int:pk>/bezoek/", evaluation.VisitView.as_view(), name="visit"),
    path(
        "samen-sterk/evaluaties/<int:pk>/verslag/stap-<int:step>/",
        evaluation.RecordStepView.as_view(),
        name="evaluation-step",
    ),
    path(
        "samen-sterk/evaluaties/<int:pk>/verslag/afronden/",
        evaluation.CompleteRecordView.as_view(),
        name="evaluation-complete",
    ),
    path(
        "samen-sterk/evaluaties/<int:pk>/jullie-kijk/",
        evaluation.ResidentViewView.as_view(),
        name="resident-view",
    ),
    path(
        "samen-sterk/evaluaties/<int:pk>/besluit/",
        evaluation.ContinuationView.as_view(),
        name="continuation",
    ),
    path(
        "samen-sterk/evaluaties/<int:pk>/terugsturen/",
        evaluation.ReopenView.as_view(),
        name="evaluation-reopen",
    ),
    path(
        "samen-sterk/evaluaties/<int:pk>/partners/",
        partners.PartnersAtEvaluationView.as_view(),
        name="evaluation-partners",
    ),
    path(
        "samen-sterk/verantwoording/<int:pk>/",
        accountability.AccountabilityView.as_view(),
        name="accountability",
    ),
    path(
        "samen-sterk/verantwoording/<int:pk>/stap-<int:step>/",
        accountability.StepView.as_view(),
        name="accountability-step",
    ),
    path(
        "samen-sterk/verantwoording/<int:pk>/bonnetjes/",
        accountability.ReceiptView.as_view(),
        name="accountability-file",
    ),
    path(
        "samen-sterk/verantwoording/<int:pk>/insturen/",
        accountability.SubmitView.as_view(),
        name="accountability-submit",
    ),
    path(
        "samen-sterk/verantwoording/<int:pk>/meer-vragen/",
        accountability.AskMoreView.as_view(),
        name="accountability-ask",
    ),
    path(
        "samen-sterk/verantwoording/<int:pk>/afrekenen/",
        accountability.SettleView.as_view(),
        name="settle",
    ),
]
