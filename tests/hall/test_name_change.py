"""A name change: registered by the police, announced to tax, social security and civil affairs."""

from __future__ import annotations

from tests.hall.flow import Hall, scenario

POLICE_COUNTY_OFFICER = "police.ninghua.officer"
NEW_NAME = "蓝新名"
EVERY_AGENCY = """
query Names($id: String!) {
  person(idNumber: $id) {
    name
    nameHistory { oldName newName }
    taxNameChanges { newName }
    socialSecurityNameChanges { newName }
    civilAffairsNameChanges { newName }
  }
}
"""


async def test_a_new_name_reaches_every_agency_that_keeps_the_person(hall: Hall) -> None:
    # Given an adult of the population and his registered name
    unit = scenario("adult_19_mixed")
    adult = unit.roles["child"]
    old_name = next(p.name for p in unit.persons if p.id_number == adult)

    # When he applies for a new name, the county police approve, and the hall executes it
    number = await hall.submitted_number(
        adult,
        service="NAME_CHANGE",
        subject=adult,
        details={"new_name": NEW_NAME, "reason": "个人意愿"},
    )
    await hall.work()
    verification = (await hall.read(number, POLICE_COUNTY_OFFICER))["verification"]
    await hall.decide(number, approve=True, reason="符合规定", login=POLICE_COUNTY_OFFICER)
    await hall.work()
    body = await hall.as_hall_system(EVERY_AGENCY, {"id": adult}, case=number)

    # Then the police hold the new name with its history, and the three agencies the change
    # is announced to each recorded it once
    assert verification["eligible"] is True
    assert body == {
        "data": {
            "person": {
                "name": NEW_NAME,
                "nameHistory": [{"oldName": old_name, "newName": NEW_NAME}],
                "taxNameChanges": [{"newName": NEW_NAME}],
                "socialSecurityNameChanges": [{"newName": NEW_NAME}],
                "civilAffairsNameChanges": [{"newName": NEW_NAME}],
            }
        }
    }
