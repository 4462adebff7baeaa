from django.urls import path

from budget.views import ledger
from burgerkracht.core.views import LocalisedPageView

app_name = "budget"

urlpatterns = [
    path(
        "samen-sterk/",
        LocalisedPageView.as_view(page="samen_sterk", folder="budget/pages"),
        name="samen-sterk",
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
]
