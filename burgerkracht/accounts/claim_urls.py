from django.urls import path

from burgerkracht.accounts import claim_views

app_name = "claim"

urlpatterns = [
    path("", claim_views.ClaimStartView.as_view(), name="start"),
    path("bevestigen/<str:token>/", claim_views.ClaimConfirmView.as_view(), name="confirm"),
]
