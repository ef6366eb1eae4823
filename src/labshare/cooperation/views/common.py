"""What the cooperation views share: pages of a list."""

from django.conf import settings
from django.core.paginator import Paginator


def page_of(request, rows):
    return Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))
