from django.urls import path

from advice.views import agendas

urlpatterns = [
    path("agendas/", agendas.AgendaListView.as_view(), name="agendas"),
    path("agendas/nieuw/", agendas.AgendaCreateView.as_view(), name="agenda-create"),
    path("agendas/<int:pk>/", agendas.AgendaDetailView.as_view(), name="agenda-detail"),
    path("agendas/<int:pk>/wijzigen/", agendas.AgendaChangeView.as_view(), name="agenda-change"),
    path("agendas/<int:pk>/importeren/", agendas.AgendaImportView.as_view(),
         name="agenda-import"),
    path("agendas/voorbeeld.<str:fmt>", agendas.AgendaExampleView.as_view(),
         name="agenda-example"),
    path("toezeggingen/nieuw/", agendas.PromiseCreateView.as_view(), name="promise-create"),
    path("toezeggingen/<int:pk>/wijzigen/", agendas.PromiseChangeView.as_view(),
         name="promise-change"),
]  # fmt: skip
