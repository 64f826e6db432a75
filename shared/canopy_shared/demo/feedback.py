"""The demo's feedback loop and its region coach: a teacher account at the first school, with
a few of their walkthroughs shared with them by their observer (newest first, the overall note
as the feedback), and a region coach whom the first district assigned to its first school."""

from __future__ import annotations

from canopy_shared.demo.network import Account, NetworkBuilder, Services, all_items

SHARED_WALKTHROUGHS = 3


def add_teacher(builder: NetworkBuilder, services: Services, district_admin: Account) -> Account:
    """The first teacher of the district's first school who has walkthroughs gets an account
    and sees their newest ones, shared by the observer who ran them."""
    district = services.tenancy.as_user(district_admin.token)
    intake = services.intake.as_user(district_admin.token)
    schools = sorted(all_items(district, "/v1/schools"), key=lambda s: s["name"])
    school = schools[0]
    for teacher in sorted(
        all_items(
            district, f"/v1/districts/{district_admin.org_id}/teachers", school_id=school["id"]
        ),
        key=lambda t: t["family_name"],
    ):
        visits = intake.get("/v1/walkthroughs", teacher_id=teacher["id"], limit=SHARED_WALKTHROUGHS)
        if len(visits["items"]) < SHARED_WALKTHROUGHS:
            continue
        for visit in visits["items"]:
            intake.put(f"/v1/walkthroughs/{visit['observation_id']}/sharing", {"shared": True})
        email = f"teacher@{district_admin.email.split('@', 1)[1]}"
        name = f"{teacher['given_name']} {teacher['family_name']}"
        return builder.create_user(
            district_admin,
            "teacher",
            school["id"],
            email,
            teacher_id=teacher["id"],
            display_name=name,
        )
    raise RuntimeError(f"no teacher at {school['name']} has {SHARED_WALKTHROUGHS} walkthroughs")


def add_region_coach(
    builder: NetworkBuilder, services: Services, region_admin: Account, district_admin: Account
) -> Account:
    """A region coach, assigned by the district to its first school."""
    email = f"region.coach@{region_admin.email.split('@', 1)[1]}"
    coach = builder.create_user(region_admin, "region_coach", region_admin.org_id, email)
    district = services.tenancy.as_user(district_admin.token)
    school = sorted(all_items(district, "/v1/schools"), key=lambda s: s["name"])[0]
    coach_id = services.tenancy.as_user(coach.token).get("/v1/me")["id"]
    district.put(f"/v1/schools/{school['id']}/observers/{coach_id}")
    return coach
