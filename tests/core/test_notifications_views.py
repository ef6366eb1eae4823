"""The notifications page, marking them read, and the unread count in the page header."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from labshare.core.models import Notification
from labshare.core.notify import notify

pytestmark = pytest.mark.django_db


def send(user, count: int = 1, url: str = "/reservations/"):
    return [
        note
        for n in range(count)
        for note in notify([user], "test.note", f"预约已确认 {n}", "请按时到达。", url)
    ]


@pytest.mark.parametrize(
    ("method", "name"), [("get", "core:notifications"), ("post", "core:notifications_read")]
)
def test_anonymous_is_sent_to_login(client, method, name):
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_mark_read_needs_post(client_of, sme_member):
    assert client_of(sme_member).get(reverse("core:notifications_read")).status_code == 405


def test_user_sees_only_their_own_notifications_newest_first(client_of, sme_member, outsider):
    first, second = send(sme_member, 2)
    send(outsider)
    response = client_of(sme_member).get(reverse("core:notifications"))
    assert response.status_code == 200
    assert [n.pk for n in response.context["page_obj"].object_list] == [second.pk, first.pk]
    html = response.content.decode()
    assert html.count('class="instrument-item notification unread"') == 2
    assert 'href="/reservations/"' in html


def test_mark_all_read(client_of, sme_member, outsider):
    send(sme_member, 3)
    send(outsider)
    response = client_of(sme_member).post(reverse("core:notifications_read"))
    assert response.status_code == 302 and response["Location"] == reverse("core:notifications")
    assert not Notification.objects.filter(user=sme_member, read_at__isnull=True).exists()
    assert Notification.objects.filter(user__username="outsider", read_at__isnull=True).count() == 1
    html = client_of(sme_member).get(reverse("core:notifications")).content.decode()
    assert " unread" not in html.split("<main", 1)[1]


def test_only_site_paths_become_links(client_of, sme_member):
    send(sme_member, url="javascript:alert(1)")
    send(sme_member, url="//evil.example/")
    html = client_of(sme_member).get(reverse("core:notifications")).content.decode()
    assert "javascript:" not in html and "evil.example" not in html


def test_header_shows_the_unread_count(client_of, sme_member):
    client = client_of(sme_member)
    assert 'class="count"' not in client.get(reverse("home")).content.decode()
    send(sme_member, 3)
    html = client.get(reverse("home")).content.decode()
    assert (
        'id="nav-notifications"' in html and '<span class="count"' in html and ">3</span>" in html
    )


def test_empty_state(client_of, sme_member):
    html = client_of(sme_member).get(reverse("core:notifications")).content.decode()
    assert 'class="empty"' in html and 'id="mark-read"' not in html


def test_list_query_count_does_not_grow_with_rows(client_of, sme_member):
    client = client_of(sme_member)
    send(sme_member, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:notifications"))
    send(sme_member, 30)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("core:notifications"))
    assert len(response.context["page_obj"].object_list) == 20
    assert len(many) == len(few)


def test_header_count_is_one_query(client_of, sme_member):
    client = client_of(sme_member)
    send(sme_member, 5)
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("catalog:provider_list"))
    counting = [q["sql"] for q in captured if "core_notification" in q["sql"]]
    assert len(counting) == 1
