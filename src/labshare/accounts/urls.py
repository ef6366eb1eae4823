from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from labshare.accounts import views
from labshare.accounts.views import (
    PlatformLoginView,
    PlatformPasswordResetConfirmView,
    PlatformPasswordResetView,
)

app_name = "accounts"
urlpatterns = [
    path("login/", PlatformLoginView.as_view(), name="login"),
    path("welcome/", views.landing, name="landing"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        PlatformPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        PlatformPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("register/", views.register, name="register"),
    path("organization/", views.organization, name="organization"),
    path("organization/edit/", views.organization_edit, name="organization_edit"),
    path("organization/switch/", views.switch_organization, name="switch_organization"),
    path("organization/apply-provider/", views.apply_as_provider, name="apply_as_provider"),
    path("organization/members/invite/", views.member_invite, name="member_invite"),
    path("organization/members/add/", views.member_add, name="member_add"),
    path("organization/members/<int:pk>/role/", views.member_role, name="member_role"),
    path("organization/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path(
        "organization/members/<int:pk>/permissions/grant/",
        views.member_permission_grant,
        name="member_permission_grant",
    ),
    path(
        "organization/members/<int:pk>/permissions/revoke/",
        views.member_permission_revoke,
        name="member_permission_revoke",
    ),
    path("operator/providers/", views.provider_applications, name="provider_applications"),
    path("operator/providers/<int:pk>/approve/", views.provider_approve, name="provider_approve"),
    path("operator/providers/<int:pk>/reject/", views.provider_reject, name="provider_reject"),
]
