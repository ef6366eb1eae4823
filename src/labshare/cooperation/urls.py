from django.urls import path

from labshare.cooperation.views import agreements, lab, needs, proposals

app_name = "cooperation"
urlpatterns = [
    # Everybody: the board and a need's page.
    path("", needs.need_board, name="need_board"),
    path("needs/<int:pk>/", needs.need_detail, name="need_detail"),
    # The firm.
    path("needs/new/", needs.need_new, name="need_new"),
    path("needs/mine/", needs.my_needs, name="my_needs"),
    path("needs/<int:pk>/edit/", needs.need_edit, name="need_edit"),
    path("needs/<int:pk>/withdraw/", needs.need_withdraw, name="need_withdraw"),
    path("needs/<int:pk>/invite/", needs.need_invite, name="need_invite"),
    path("needs/<int:pk>/proposals/", proposals.compare, name="compare"),
    path("access/<int:pk>/grant/", needs.access_answer, {"grant": True}, name="access_grant"),
    path("access/<int:pk>/refuse/", needs.access_answer, {"grant": False}, name="access_refuse"),
    # The provider.
    path("lab/", lab.lab_needs, name="lab_needs"),
    path("lab/fields/<slug:code>/follow/", lab.follow_field, {"on": True}, name="follow"),
    path("lab/fields/<slug:code>/unfollow/", lab.follow_field, {"on": False}, name="unfollow"),
    path("needs/<int:pk>/request-access/", lab.request_access, name="request_access"),
    path("access/<int:pk>/undertaking/", lab.undertaking, name="undertaking"),
    path("needs/<int:pk>/propose/", lab.propose, name="propose"),
    # Both sides of a proposal.
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/message/", proposals.proposal_message, name="proposal_message"),
    path(
        "proposals/<int:pk>/messages/<int:message_pk>/attachment/",
        proposals.message_attachment,
        name="message_attachment",
    ),
    path(
        "proposals/<int:pk>/shortlist/",
        proposals.proposal_shortlist,
        {"on": True},
        name="proposal_shortlist",
    ),
    path(
        "proposals/<int:pk>/unshortlist/",
        proposals.proposal_shortlist,
        {"on": False},
        name="proposal_unshortlist",
    ),
    path("proposals/<int:pk>/decline/", proposals.proposal_decline, name="proposal_decline"),
    path("proposals/<int:pk>/accept/", proposals.proposal_accept, name="proposal_accept"),
    path("proposals/<int:pk>/withdraw/", proposals.proposal_withdraw, name="proposal_withdraw"),
    # Both parties of an agreement.
    path("agreements/", agreements.agreement_list, name="agreement_list"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/terms/", agreements.agreement_terms, name="agreement_terms"),
    path("agreements/<int:pk>/milestones/", agreements.milestone_add, name="milestone_add"),
    path(
        "agreements/<int:pk>/milestones/<int:milestone_pk>/remove/",
        agreements.milestone_remove,
        name="milestone_remove",
    ),
    path(
        "agreements/<int:pk>/milestones/<int:milestone_pk>/deliver/",
        agreements.milestone_deliver,
        name="milestone_deliver",
    ),
    path(
        "agreements/<int:pk>/milestones/<int:milestone_pk>/accept/",
        agreements.milestone_accept,
        name="milestone_accept",
    ),
    path(
        "agreements/<int:pk>/milestones/<int:milestone_pk>/return/",
        agreements.milestone_return,
        name="milestone_return",
    ),
    path("agreements/<int:pk>/sign/", agreements.agreement_sign, name="agreement_sign"),
    path("agreements/<int:pk>/register/", agreements.agreement_register, name="agreement_register"),
    path("agreements/<int:pk>/complete/", agreements.agreement_complete, name="agreement_complete"),
    path(
        "agreements/<int:pk>/terminate/", agreements.agreement_terminate, name="agreement_terminate"
    ),
    path("agreements/<int:pk>/link/", agreements.agreement_link, name="agreement_link"),
]
