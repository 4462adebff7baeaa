"""The advice register's URLs, one module per part (register, answer and follow-up, bodies)."""

from advice.urls import agendas, answer, bodies, register

app_name = "advice"

urlpatterns = [
    *register.urlpatterns, *answer.urlpatterns, *bodies.urlpatterns, *agendas.urlpatterns
]  # fmt: skip
