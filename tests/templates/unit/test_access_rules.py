"""Who may read, change and fork a template, as pure rules."""

from __future__ import annotations

import pytest

from canopy_shared.errors import Missing, NotAllowed
from canopy_templates.domain.access import (
    TemplateAccess,
    check_may_fork,
    check_may_manage,
    check_may_read,
    owner_for_new_template,
)
from canopy_templates.domain.actors import Actor, OrgRef

REGION = OrgRef("region", "r1")
DISTRICT = OrgRef("district", "d1")
SCHOOL = OrgRef("school", "s1")


def actor(role: str, org: OrgRef, district_id: str | None = None) -> Actor:
    return Actor(subject="u", role=role, org=org, district_id=district_id)


def template(owner: OrgRef, received: bool | None = None, district: str | None = None):
    return TemplateAccess("t1", owner, district, received_locked=received)


def test_only_admins_own_new_templates_and_always_their_own_organisation() -> None:
    assert owner_for_new_template(actor("district_admin", DISTRICT)) == DISTRICT
    with pytest.raises(NotAllowed):
        owner_for_new_template(actor("region_leader", REGION))
    with pytest.raises(NotAllowed):  # a role that does not match its token's tier
        owner_for_new_template(actor("district_admin", REGION))


def test_the_owner_admin_manages_and_no_one_else() -> None:
    check_may_manage(actor("region_admin", REGION), template(REGION))
    with pytest.raises(NotAllowed) as leader:
        check_may_manage(actor("region_leader", REGION), template(REGION))
    assert leader.value.rule == "owner_admin_only"
    with pytest.raises(Missing):
        check_may_manage(actor("region_admin", OrgRef("region", "r2")), template(REGION))


def test_receivers_are_told_why_they_cannot_edit() -> None:
    district_admin = actor("district_admin", DISTRICT)
    with pytest.raises(NotAllowed) as locked:
        check_may_manage(district_admin, template(REGION, received=True))
    assert (locked.value.rule, locked.value.field) == ("locked", "template_id")
    with pytest.raises(NotAllowed) as open_push:
        check_may_manage(district_admin, template(REGION, received=False))
    assert open_push.value.rule == "owner_only"


def test_forking_needs_an_open_push_to_the_callers_organisation() -> None:
    district_admin = actor("district_admin", DISTRICT)
    check_may_fork(district_admin, template(REGION, received=False))
    with pytest.raises(NotAllowed) as locked:
        check_may_fork(district_admin, template(REGION, received=True))
    assert locked.value.rule == "locked"
    with pytest.raises(Missing):
        check_may_fork(district_admin, template(REGION))
    with pytest.raises(NotAllowed) as leader:
        check_may_fork(actor("district_leader", DISTRICT), template(REGION, received=False))
    assert leader.value.rule == "pushed_to_you"


def test_district_people_read_their_schools_templates_but_not_other_districts() -> None:
    school_template = template(SCHOOL, district="d1")
    check_may_read(actor("district_leader", DISTRICT), school_template)
    check_may_read(actor("school_admin", SCHOOL, "d1"), school_template)
    with pytest.raises(Missing):
        check_may_read(actor("district_admin", OrgRef("district", "d2")), school_template)
    with pytest.raises(Missing):
        check_may_read(actor("observer", SCHOOL, "d1"), school_template)
