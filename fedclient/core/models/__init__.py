"""All tables. Import from here so that every model is registered on ``Base.metadata``."""

from .base import AppMeta, Base, Setting
from .duty import DutyShift
from .grids import (
    CouncilDecision,
    CouncilMeeting,
    Grid,
    GridService,
    GridServiceHousehold,
    GridServiceMember,
    GridVolunteer,
    Household,
)
from .history import ChangeLog
from .mediation import CaseMediator, CaseNumberCounter, CaseParty, FollowUp, MediationCase
from .members import HelpedPerson, HelpedPersonHelper, Member, MemberContact, MemberGuidance
from .pledges import Assessment, Pledge, PledgeProgress
from .review import PointRedemption, ReviewBallotCount
from .village import VillageProfile

__all__ = [
    "AppMeta",
    "Assessment",
    "Base",
    "CaseMediator",
    "CaseNumberCounter",
    "CaseParty",
    "ChangeLog",
    "CouncilDecision",
    "CouncilMeeting",
    "DutyShift",
    "FollowUp",
    "Grid",
    "GridService",
    "GridServiceHousehold",
    "GridServiceMember",
    "GridVolunteer",
    "HelpedPerson",
    "HelpedPersonHelper",
    "Household",
    "MediationCase",
    "Member",
    "MemberContact",
    "MemberGuidance",
    "Pledge",
    "PointRedemption",
    "PledgeProgress",
    "ReviewBallotCount",
    "Setting",
    "VillageProfile",
]

# 修改记录 names records by their id: a table with one integer id never gives a deleted row's id to a new one
# (AUTOINCREMENT, revision 0008), or the old record's history would show under the new one. change_log's own
# ids only order the history.
for _table in Base.metadata.tables.values():
    _keys = list(_table.primary_key.columns)
    if _table.name != "change_log" and len(_keys) == 1 and _keys[0].name == "id":
        _table.dialect_kwargs["sqlite_autoincrement"] = True
