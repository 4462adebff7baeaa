"""Downloads of the documents in the register: the advice itself and the policy document of
a request. Only for who may see the advice or the request; a missing file is a 404."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views import View

from advice import permissions
from advice.models import Advice, AdviceRequest
from burgerkracht.core.files.uploads import content_type_for, private_file_response


def _download(field) -> FileResponse:
    if not field:
        raise Http404
    name = field.name.rsplit("/", 1)[-1]
    return private_file_response(field, filename=name, content_type=content_type_for(name))


class AdviceDocumentView(LoginRequiredMixin, View):
    def get(self, request, pk):
        advice = get_object_or_404(Advice, pk=pk)
        if not permissions.can_view_advice(request.user, advice):
            raise PermissionDenied
        return _download(advice.document)


class RequestDocumentView(LoginRequiredMixin, View):
    def get(self, request, pk):
        advice_request = get_object_or_404(AdviceRequest, pk=pk)
        if not permissions.can_view_request(request.user, advice_request):
            raise PermissionDenied
        return _download(advice_request.policy_document)
