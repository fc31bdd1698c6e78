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
