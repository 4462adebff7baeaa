"""Temporary: replaced by the real pages while the app is being built."""

from django.http import Http404
from django.views import View


class Placeholder(View):
    def get(self, request, *args, **kwargs):
        raise Http404
