"""The admin shows data but changes nothing: every write goes through the services."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from labshare.accounts.models import Organization
from labshare.catalog.models import Instrument
from labshare.orders.models import ServiceOrder, TestReport


@pytest.mark.parametrize("model", [Organization, Instrument, ServiceOrder, TestReport])
def test_admin_is_read_only(model, django_user_model, db):
    superuser = django_user_model.objects.create_superuser("root", "root@example.cn", "x")
    request = RequestFactory().get("/admin/")
    request.user = superuser
    model_admin = admin.site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)


def test_admin_instrument_list_renders(admin_client, provider_org):
    from tests.factories import make_instrument

    make_instrument(provider_org)
    assert admin_client.get("/admin/catalog/instrument/").status_code == 200
