"""End to end in Chromium: an administrator invites a colleague; the colleague opens the mailed
link, sees the user name, sets a password, lands on their work, and later logs in with the
e-mail address. The administrator's removal confirmation opens in place (htmx under the CSP)."""

import re

import pytest
from django.core import mail

from labshare.accounts.models import Membership

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, identifier: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", identifier)
    page.fill("input[name=password]", password)
    page.click("form.card button[type=submit]")


def test_an_invited_member_signs_in_for_the_first_time(page, browser, live_server, sme_admin):
    mail.outbox.clear()
    log_in(page, "sme_admin", "pass-sme_admin")
    page.wait_for_url("**/reservations/")  # an SME's administrator lands on the bookings
    page.goto("/accounts/organization/")
    invite = page.locator("form[action$='/members/invite/']")
    invite.locator("input[name=username]").fill("xiaoli")
    invite.locator("input[name=full_name]").fill("小李")
    invite.locator("input[name=email]").fill("xiaoli@example.cn")
    invite.locator("input[name=mobile]").fill("139 0000 0002")
    invite.locator("button[type=submit]").click()
    page.wait_for_selector(".message.success")

    (invitation,) = [m for m in mail.outbox if "xiaoli@example.cn" in m.to]
    assert "xiaoli" in invitation.body
    path = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+)", invitation.body).group(1)

    newcomer = browser.new_context(locale="zh-CN", base_url=live_server.url).new_page()
    newcomer.set_default_timeout(15_000)
    newcomer.goto(path)
    assert "xiaoli" in newcomer.locator("#account-name").inner_text()
    newcomer.fill("input[name=new_password1]", "Micro-scope-7741")
    newcomer.fill("input[name=new_password2]", "Micro-scope-7741")
    newcomer.click("form.card button[type=submit]")
    newcomer.wait_for_url("**/reservations/")
    assert "xiaoli" in newcomer.locator(".messages").inner_text()
    # Later: log in with the e-mail address.
    newcomer.click("button:has-text('退出')")
    log_in(newcomer, "xiaoli@example.cn", "Micro-scope-7741")
    newcomer.wait_for_url("**/reservations/")
    newcomer.context.close()

    # The administrator removes the colleague again: the confirmation opens in place.
    page.goto("/accounts/organization/")
    target = Membership.objects.get(user__username="xiaoli")
    page.click(f"#remove-{target.pk} a[data-action=remove]")
    page.wait_for_selector(f"#remove-{target.pk} [data-action=confirm-remove]")
    assert page.url.endswith("/accounts/organization/")  # swapped in, no page change
    page.click(f"#remove-{target.pk} [data-action=confirm-remove]")
    page.wait_for_selector(".message.success")
    assert not Membership.objects.filter(user__username="xiaoli").exists()
