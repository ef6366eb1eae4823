"""The catalogue's availability filter, answered by the booking engine (both databases)."""

from datetime import time

import pytest

from labshare.booking import services
from labshare.booking.availability import free_intervals, free_time
from labshare.catalog.free_search import free_page
from labshare.catalog.queries import CatalogFilter, public_instruments
from labshare.catalog.when import TimeAsk
from tests.booking.conftest import at
from tests.factories import act, make_instrument


@pytest.fixture
def sems(provider_org, provider_admin, now):
    """Three SEMs open every weekday 08:00–18:00: one free, one booked all Tuesday, one with only
    two free hours on Tuesday; and one not shared with outsiders."""

    def sem(name, **fields):
        instrument = make_instrument(provider_org, name, class_code="010102", **fields)
        for weekday in range(5):
            services.add_weekly_window(act(provider_admin), instrument, weekday, time(8), time(18))
        return instrument

    found = {
        "free": sem("场发射扫描电子显微镜"),
        "full": sem("钨灯丝扫描电子显微镜"),
        "short": sem("台式扫描电子显微镜"),
        "internal": sem("环境扫描电子显微镜", sharing_mode="internal"),
    }
    admin = act(provider_admin)
    services.add_blackout(admin, found["full"], at(3, 8), at(3, 18), "维护")
    services.add_blackout(admin, found["short"], at(3, 8), at(3, 16), "内部使用")
    return found


def tuesday(minutes: int) -> TimeAsk:
    return TimeAsk([(at(3, 0), at(4, 0))], minutes)


def names(page) -> list[str]:
    return [instrument.name for instrument in page.instruments]


def test_free_time_of_many_is_free_intervals_of_each(sems):
    ids = [i.pk for i in sems.values()]
    many = free_time(ids, at(2, 0), at(9, 0))
    for instrument in sems.values():
        assert many.get(instrument.pk, []) == free_intervals(instrument, at(2, 0), at(9, 0))


def test_keeps_instruments_with_the_asked_free_stretch(sems):
    catalog_filter = CatalogFilter(q="扫描电镜 下周二 3小时")
    results = catalog_filter.apply(public_instruments())
    # "下周二" on Monday 2 March is Tuesday 10 March; the blackouts are on the 3rd.
    page = free_page(results, catalog_filter.time_ask, 0, 20)
    assert set(names(page)) == {
        "场发射扫描电子显微镜",
        "钨灯丝扫描电子显微镜",
        "台式扫描电子显微镜",
    }


def test_a_blackout_or_too_short_a_gap_removes_an_instrument(sems):
    results = CatalogFilter(q="扫描电镜", free_from=at(3, 0).date(), free_to=at(3, 0).date())
    page = free_page(results.apply(public_instruments()), tuesday(180), 0, 20)
    assert names(page) == ["场发射扫描电子显微镜"]
    page = free_page(results.apply(public_instruments()), tuesday(120), 0, 20)
    assert set(names(page)) == {"场发射扫描电子显微镜", "台式扫描电子显微镜"}


def test_internal_instruments_and_reservations_count(sems, sme_admin, sme_org, now):
    services.request_reservation(act(sme_admin), sems["free"], sme_org, at(3, 8), at(3, 16))
    ask = tuesday(180)
    catalog_filter = CatalogFilter(q="扫描电镜", free_from=at(3, 0).date(), free_to=at(3, 0).date())
    page = free_page(catalog_filter.apply(public_instruments()), ask, 0, 20)
    # A pending request holds its time too; 16:00–18:00 is two hours.
    assert names(page) == []


def test_slots_are_on_the_grid_after_the_lead_time(sems, now):
    now(at(3, 9, 10))
    catalog_filter = CatalogFilter(q="扫描电镜 今天")
    page = free_page(catalog_filter.apply(public_instruments()), catalog_filter.time_ask, 0, 20)
    slots = {i.name: [(s.start, s.end) for s in i.free_slots] for i in page.instruments}
    # One hour's lead time from 09:10, rounded up to the 30-minute grid.
    assert slots["场发射扫描电子显微镜"] == [(at(3, 10, 30), at(3, 11, 30))]
    # The other free stretch starts after its blackout; the one closed all day is not listed.
    assert slots["台式扫描电子显微镜"] == [(at(3, 16), at(3, 17))]
    assert set(slots) == {"场发射扫描电子显微镜", "台式扫描电子显微镜"}


def test_pages_go_on_where_the_scan_stopped(provider_org, provider_admin, now):
    for number in range(5):
        instrument = make_instrument(provider_org, f"扫描电镜{number}", class_code="010102")
        services.add_weekly_window(act(provider_admin), instrument, 1, time(8), time(18))
    catalog_filter = CatalogFilter(q="扫描电镜 下周")
    results = catalog_filter.apply(public_instruments())
    first = free_page(results, catalog_filter.time_ask, 0, 2)
    second = free_page(results, catalog_filter.time_ask, first.next_start, 2)
    last = free_page(results, catalog_filter.time_ask, second.next_start, 2)
    assert len(first.instruments) == len(second.instruments) == 2
    assert len(last.instruments) == 1 and last.next_start is None
    seen = names(first) + names(second) + names(last)
    assert len(set(seen)) == 5


def test_the_horizon_limits_the_slots(sems, provider_admin, now):
    services.update_booking_rules(act(provider_admin), sems["free"], horizon_days=1)
    ask = TimeAsk([(at(5, 0), at(6, 0))], 60)
    catalog_filter = CatalogFilter(q="场发射", free_from=at(5, 0).date())
    page = free_page(catalog_filter.apply(public_instruments()), ask, 0, 20)
    assert names(page) == []


def test_an_ask_longer_than_one_booking_may_last_is_not_offered(sems, provider_admin, now):
    services.update_booking_rules(act(provider_admin), sems["free"], max_duration_minutes=120)
    catalog_filter = CatalogFilter(q="场发射", free_from=at(3, 0).date(), free_to=at(3, 0).date())
    results = catalog_filter.apply(public_instruments())
    assert names(free_page(results, tuesday(180), 0, 20)) == []
    assert names(free_page(results, tuesday(120), 0, 20)) == ["场发射扫描电子显微镜"]
