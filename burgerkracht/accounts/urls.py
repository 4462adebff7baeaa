from django.urls import path

from burgerkracht.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.ProfileView.as_view(), name="profile"),
    path("wijzigen/", views.ProfileUpdateView.as_view(), name="profile-update"),
    path("mijn-gegevens.json", views.DataExportView.as_view(), name="data-export"),
    path("verwijderen/", views.DeleteAccountView.as_view(), name="delete"),
]
