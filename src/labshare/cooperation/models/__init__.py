from labshare.cooperation.models.agreements import Agreement, AgreementLink, Milestone
from labshare.cooperation.models.fields import FieldFollow, IndustryField
from labshare.cooperation.models.needs import (
    MAX_BUDGET,
    NEED_FIELDS,
    UNDERTAKING,
    Mode,
    Need,
    NeedAccess,
    NeedMatch,
    provider_reads,
)
from labshare.cooperation.models.proposals import LIVE, Proposal, ProposalMessage

__all__ = [
    "LIVE",
    "MAX_BUDGET",
    "NEED_FIELDS",
    "UNDERTAKING",
    "Agreement",
    "AgreementLink",
    "FieldFollow",
    "IndustryField",
    "Milestone",
    "Mode",
    "Need",
    "NeedAccess",
    "NeedMatch",
    "Proposal",
    "ProposalMessage",
    "provider_reads",
]
