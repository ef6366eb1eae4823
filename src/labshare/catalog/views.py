"""Public catalogue pages: home, instrument list and detail, providers."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.vary import vary_on_headers

from labshare.accounts.models import Organization
from labshare.catalog import explain, testing_queries
from labshare.catalog.access import can_preview
from labshare.catalog.forms import SORT_CHOICES, CatalogSearchForm
from labshare.catalog.free_search import free_results
from labshare.catalog.models import Instrument, InstrumentClass
from labshare.catalog.queries import (
    CatalogFilter,
    catalog_facets,
    providers_with_counts,
    public_instruments,
    public_q,
    result_facets,
    with_list_relations,
)
from labshare.catalog.understanding import MAX_CONCEPTS
from labshare.core import clock
from labshare.core.http import wants_partial

MAX_PROVIDER_OPTIONS = 20


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "instrument_count": public_instruments().count(),
        "provider_count": Organization.objects.filter(is_provider=True).count(),
        "customer_count": Organization.objects.filter(is_customer=True, is_provider=False).count(),
        "top_classes": [node for node in catalog_facets()["class_tree"] if node["top"]],
    }
    return render(request, "catalog/home.html", context)


def _catalog_filter(form: CatalogSearchForm, literal: list[str]) -> CatalogFilter:
    if not form.is_valid():
        return CatalogFilter()
    data = form.cleaned_data
    return CatalogFilter(
        q=data["q"].strip(),
        literal=frozenset(word.lower() for word in literal[:MAX_CONCEPTS] if len(word) <= 40),
        free_from=data["free_from"],
        free_to=data["free_to"],
        free_hours=data["free_hours"],
        class_code=data["cls"] or "",
        provider=data["provider"],
        discipline=data["discipline"] or "",
        running_status=data["status"],
        booking_mode=data["mode"],
        sort=data["sort"],
    )


def _int(value) -> int:
    try:
        return max(0, min(int(value), 10**9))
    except (TypeError, ValueError):
        return 0


def _suggestions(catalog_filter: CatalogFilter, page, free) -> list[str]:
    """Closest words when the words found nothing (not when a filter emptied the list)."""
    understanding = catalog_filter.understanding
    empty = (not free.instruments) if free is not None else page.paginator.count == 0
    if not empty or not understanding.has_words or catalog_filter.has_filters:
        return []
    return explain.suggestions(understanding)


def _most_counted(options: list[dict], selected, limit: int = MAX_PROVIDER_OPTIONS):
    """The options with the most instruments (and the chosen one), in their order; how many
    more there are. A national catalogue has hundreds of providers; a sidebar shows a few."""
    if len(options) <= limit:
        return options, 0
    ranked = sorted(options, key=lambda option: -option["count"])[:limit]
    keep = {option["pk"] for option in ranked} | {selected}
    return [option for option in options if option["pk"] in keep], len(options) - limit


def _with_counts(choices, counts: dict) -> list[tuple[str, str, int]]:
    return [(value, label, counts[value]) for value, label in choices if counts.get(value)]


@vary_on_headers("HX-Request")
def instrument_list(request: HttpRequest) -> HttpResponse:
    form = CatalogSearchForm(request.GET)
    catalog_filter = _catalog_filter(form, request.GET.getlist("literal"))
    free, page, busy_matches = None, None, []
    if catalog_filter.wants_free_time:
        start = _int(request.GET.get("from"))
        free, busy_matches = free_results(
            catalog_filter, public_instruments(), start, settings.PAGE_SIZE
        )
    else:
        results = catalog_filter.apply(public_instruments())
        page = Paginator(results, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    selected_class = (
        InstrumentClass.objects.filter(code=catalog_filter.class_code).first()
        if catalog_filter.class_code
        else None
    )
    facets = result_facets(catalog_filter)
    providers, more_providers = _most_counted(facets["providers"], catalog_filter.provider)
    context = {
        "form": form,
        "filter": catalog_filter,
        "page_obj": page,
        "free": free,
        "shown": free.instruments if free else page.object_list,
        "busy_matches": busy_matches,
        "understanding": catalog_filter.understanding,
        "chips": explain.chips(catalog_filter, request.GET),
        "suggestions": _suggestions(catalog_filter, page, free),
        "selected_class": selected_class,
        **facets,
        "providers": providers,
        "more_providers": more_providers,
        "running_statuses": _with_counts(
            Instrument.RunningStatus.choices, facets["running_status_counts"]
        ),
        "sort_choices": SORT_CHOICES,
        "booking_modes": _with_counts(
            Instrument.BookingMode.choices, facets["booking_mode_counts"]
        ),
        # People search for a property (拉伸) as often as for an instrument: the test items
        # that match are offered beside the instruments.
        "test_matches": testing_queries.need_matches(catalog_filter.understanding, clock.today()),
    }
    partial = wants_partial(request)
    template = "catalog/_catalog_body.html" if partial else "catalog/instrument_list.html"
    return render(request, template, context)


def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_object_or_404(
        Instrument.objects.select_related(
            "organization", "instrument_class__parent__parent", "parent"
        ),
        pk=pk,
    )
    can_edit = can_preview(request.actor, instrument)
    if not instrument.is_public and not can_edit:
        raise Http404
    context = {
        "instrument": instrument,
        "photos": instrument.photos.all(),
        "disciplines": instrument.disciplines.all(),
        "parts": instrument.parts.filter(public_q()),
        "can_edit": can_edit,
    }
    return render(request, "catalog/instrument_detail.html", context)


def provider_list(request: HttpRequest) -> HttpResponse:
    providers = providers_with_counts().order_by("name_sort", "id")
    page = Paginator(providers, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalog/provider_list.html", {"page_obj": page})


def provider_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Organization, pk=pk, is_provider=True)
    instruments = with_list_relations(public_instruments().filter(organization=provider))
    page = Paginator(instruments, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "provider": provider,
        "page_obj": page,
        "test_services": testing_queries.provider_test_services(provider, clock.today()),
    }
    return render(request, "catalog/provider_detail.html", context)
