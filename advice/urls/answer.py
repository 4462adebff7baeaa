from django.urls import path

from advice.views import answer, evaluation, promises

urlpatterns = [
    path("register/<int:pk>/antwoord/", answer.AnswerView.as_view(), name="answer"),
    path("register/<int:pk>/antwoord/toezegging/", answer.AddPromiseView.as_view(),
         name="answer-promise-add"),
    path("register/<int:pk>/antwoord/toezegging/<int:promise_pk>/verwijderen/",
         answer.RemovePromiseView.as_view(), name="answer-promise-remove"),
    path("register/<int:pk>/antwoord/goedkeuren/", answer.ApproveView.as_view(),
         name="answer-approve"),
    path("register/<int:pk>/antwoord/heropenen/", answer.ReopenView.as_view(),
         name="answer-reopen"),
    path("register/<int:pk>/antwoord/publiceren/", answer.PublishView.as_view(),
         name="answer-publish"),
    path("register/<int:pk>/evaluatie/", evaluation.EvaluationView.as_view(), name="evaluation"),
    path("toezeggingen/", promises.PromiseListView.as_view(), name="promises"),
    path("toezeggingen/<int:pk>/", promises.PromiseDetailView.as_view(), name="promise-detail"),
]  # fmt: skip
