"""The service catalogue: its services, their guides, and the consistency each entry keeps."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from hall.catalogue import (
    SERVICES,
    AcceptingUnit,
    Agency,
    Applicant,
    DeliveryMethod,
    Fee,
    FieldType,
    FormField,
    Label,
    Material,
    Obtained,
    Service,
    Source,
    TimeLimit,
    UnitLevel,
    all_services,
    find_form,
    service_of,
)
from hall.catalogue_common import CITY_POLICE_NON_TAX

MINOR = service_of("ETHNICITY_CHANGE_MINOR")


def test_the_catalogue_lists_every_service_in_order() -> None:
    # given the catalogue, when its services are listed, then each comes with its Chinese name
    assert {s.code: s.name.zh for s in all_services()} == {
        "ETHNICITY_CHANGE_MINOR": "民族成份变更（未成年人）",
        "ETHNICITY_CHANGE_ADULT": "民族成份变更（成年人）",
        "NEWBORN_REGISTRATION": "出生登记",
        "HOUSEHOLD_TRANSFER": "户口迁移",
        "ID_CARD_REISSUE": "居民身份证补领",
        "NAME_CHANGE": "姓名变更",
        "HOUSEHOLD_CERTIFICATE": "户籍证明",
        "NO_CRIMINAL_RECORD_CERTIFICATE": "无犯罪记录证明",
        "HOUSEHOLD_BOOKLET_REISSUE": "户口簿补领",
    }
    assert list(all_services()) == list(SERVICES)


def test_an_unknown_code_finds_no_service() -> None:
    # given a code the catalogue does not have, then neither it nor its forms are found
    assert (service_of("PASSPORT"), find_form("PASSPORT", "application")) == (None, None)


def test_a_form_is_found_by_both_codes() -> None:
    # given the minor's ethnicity change, when its forms are looked up
    found = find_form("ETHNICITY_CHANGE_MINOR", "child-statement")
    missing = find_form("ETHNICITY_CHANGE_MINOR", "host-consent")
    # then its own form is found, another service's is not
    assert MINOR is not None
    assert (found, missing) == ((MINOR, MINOR.forms[1]), None)


def test_an_ethnicity_change_follows_the_legal_path_and_is_accepted_by_the_city() -> None:
    # given the minor's ethnicity change
    assert MINOR is not None
    # then the city ethnic-affairs bureau accepts, the police execute, nothing is paid
    # and the legal steps are county review 10 (+10), city 10, county notice 10, police 15
    assert (MINOR.accepting, MINOR.executing, MINOR.fee, MINOR.time_limit) == (
        AcceptingUnit(agency=Agency.ETHNIC_AFFAIRS, level=UnitLevel.CITY),
        Agency.POLICE,
        Fee(),
        TimeLimit(legal_days=45, extension_days=10, promised_days=2),
    )
    assert [(s.agency, s.level, s.working_days, s.extension_days) for s in MINOR.steps] == [
        (Agency.ETHNIC_AFFAIRS, UnitLevel.COUNTY, 10, 10),
        (Agency.ETHNIC_AFFAIRS, UnitLevel.CITY, 10, 0),
        (Agency.ETHNIC_AFFAIRS, UnitLevel.COUNTY, 10, 0),
        (Agency.POLICE, UnitLevel.STATION, 15, 0),
    ]


def test_an_ethnicity_change_fetches_the_records_and_asks_only_the_childs_statement() -> None:
    # given the minor's ethnicity change, when its materials are listed
    assert MINOR is not None
    materials = [(m.code, m.obtained, m.source) for m in MINOR.materials]
    # then every record is fetched from the agency owning it; only the child's view is asked
    assert materials == [
        ("household_record", Obtained.FETCHED, Source(Agency.POLICE, "Person")),
        ("parents_household_records", Obtained.FETCHED, Source(Agency.POLICE, "Person")),
        ("ethnicity_history", Obtained.FETCHED, Source(Agency.POLICE, "EthnicityRecord")),
        (
            "earlier_ethnicity_changes",
            Obtained.FETCHED,
            Source(Agency.ETHNIC_AFFAIRS, "EthnicityChange"),
        ),
        ("parents_marriages", Obtained.FETCHED, Source(Agency.CIVIL_AFFAIRS, "Marriage")),
        ("adoption_record", Obtained.FETCHED, Source(Agency.CIVIL_AFFAIRS, "Adoption")),
        ("guardianship_record", Obtained.FETCHED, Source(Agency.CIVIL_AFFAIRS, "Guardianship")),
        ("child_statement", Obtained.PROVIDED, None),
    ]


def test_who_may_apply_depends_on_the_service() -> None:
    # given the catalogue, when the applicants of each service are listed
    applicants = {s.code: s.applicants for s in all_services()}
    # then minors' services are filed by a parent or guardian, adults' by themselves
    assert applicants == {
        "ETHNICITY_CHANGE_MINOR": (Applicant.PARENT_OR_GUARDIAN,),
        "ETHNICITY_CHANGE_ADULT": (Applicant.SELF,),
        "NEWBORN_REGISTRATION": (Applicant.PARENT_OR_GUARDIAN,),
        "HOUSEHOLD_TRANSFER": (Applicant.SELF,),
        "ID_CARD_REISSUE": (Applicant.SELF, Applicant.PARENT_OR_GUARDIAN),
        "NAME_CHANGE": (Applicant.SELF, Applicant.PARENT_OR_GUARDIAN),
        "HOUSEHOLD_CERTIFICATE": (Applicant.SELF, Applicant.PARENT_OR_GUARDIAN),
        "NO_CRIMINAL_RECORD_CERTIFICATE": (Applicant.SELF,),
        "HOUSEHOLD_BOOKLET_REISSUE": (Applicant.SELF,),
    }


def test_only_the_id_card_costs_its_statutory_fee_into_the_police_account() -> None:
    # given the catalogue, when the fees are listed
    fees = {s.code: s.fee for s in all_services() if s.fee != Fee()}
    # then only the ID card costs something: 20 yuan into the city police's non-tax account
    assert fees == {
        "ID_CARD_REISSUE": Fee(
            amount_fen=2000,
            account=CITY_POLICE_NON_TAX,
            basis=Label("补领居民身份证工本费 20 元", "Statutory fee of a reissued card: 20 yuan"),
        )
    }


def test_each_service_has_its_accepting_unit_and_time_limits() -> None:
    # given the catalogue, when accepting units and limits are listed
    units = {
        s.code: (s.accepting.agency, s.accepting.level, s.accepting.region_field)
        for s in all_services()
    }
    limits = {s.code: (s.time_limit.promised_days, s.time_limit.legal_days) for s in SERVICES}
    # then the unit giving the final approval accepts, a transfer at the destination's county
    assert units == {
        "ETHNICITY_CHANGE_MINOR": (Agency.ETHNIC_AFFAIRS, UnitLevel.CITY, None),
        "ETHNICITY_CHANGE_ADULT": (Agency.ETHNIC_AFFAIRS, UnitLevel.CITY, None),
        "NEWBORN_REGISTRATION": (Agency.POLICE, UnitLevel.STATION, None),
        "HOUSEHOLD_TRANSFER": (Agency.POLICE, UnitLevel.COUNTY, "destination_region"),
        "ID_CARD_REISSUE": (Agency.POLICE, UnitLevel.COUNTY, None),
        "NAME_CHANGE": (Agency.POLICE, UnitLevel.COUNTY, None),
        "HOUSEHOLD_CERTIFICATE": (Agency.POLICE, UnitLevel.STATION, None),
        "NO_CRIMINAL_RECORD_CERTIFICATE": (Agency.POLICE, UnitLevel.STATION, None),
        "HOUSEHOLD_BOOKLET_REISSUE": (Agency.POLICE, UnitLevel.STATION, None),
    }
    assert limits == {
        "ETHNICITY_CHANGE_MINOR": (2, 45),
        "ETHNICITY_CHANGE_ADULT": (2, 45),
        "NEWBORN_REGISTRATION": (3, 20),
        "HOUSEHOLD_TRANSFER": (5, 20),
        "ID_CARD_REISSUE": (7, 30),
        "NAME_CHANGE": (5, 20),
        "HOUSEHOLD_CERTIFICATE": (1, 5),
        "NO_CRIMINAL_RECORD_CERTIFICATE": (1, 3),
        "HOUSEHOLD_BOOKLET_REISSUE": (3, 10),
    }


def test_delivery_originals_and_notices_per_service() -> None:
    # given the catalogue, when delivery, originals and notified agencies are listed
    handling = {
        s.code: (tuple(d.method for d in s.delivery), s.originals_required, s.notified)
        for s in all_services()
    }
    e, c, p = DeliveryMethod.ELECTRONIC, DeliveryMethod.COURIER, DeliveryMethod.PICKUP
    # then signed originals are asked only where a third party signs; a new name is announced
    assert handling == {
        "ETHNICITY_CHANGE_MINOR": ((e, p), False, ()),
        "ETHNICITY_CHANGE_ADULT": ((e, p), False, ()),
        "NEWBORN_REGISTRATION": ((c, p), True, ()),
        "HOUSEHOLD_TRANSFER": ((e, c, p), True, ()),
        "ID_CARD_REISSUE": ((c, p), False, ()),
        "NAME_CHANGE": ((e, p), True, (Agency.TAX, Agency.SOCIAL_SECURITY, Agency.CIVIL_AFFAIRS)),
        "HOUSEHOLD_CERTIFICATE": ((e, p, c), False, ()),
        "NO_CRIMINAL_RECORD_CERTIFICATE": ((e, p), False, ()),
        "HOUSEHOLD_BOOKLET_REISSUE": ((c, p), False, ()),
    }


def test_the_application_forms_ask_for_these_fields() -> None:
    # given the catalogue, when the application forms' fields are listed
    fields = {s.code: [(f.key, f.type, f.required) for f in s.fields] for s in all_services()}
    t = FieldType
    # then each asks only what no agency holds (whose ethnicity a change follows is decided
    # from the records, not asked)
    assert fields == {
        "ETHNICITY_CHANGE_MINOR": [
            ("target_ethnic_group", t.ETHNIC_GROUP, True),
            ("reason", t.TEXT, True),
        ],
        "ETHNICITY_CHANGE_ADULT": [
            ("target_ethnic_group", t.ETHNIC_GROUP, True),
            ("reason", t.TEXT, True),
        ],
        "NEWBORN_REGISTRATION": [
            ("child_name", t.NAME, True),
            ("ethnic_group", t.ETHNIC_GROUP, True),
            ("register_with", t.CHOICE, True),
        ],
        "HOUSEHOLD_TRANSFER": [
            ("destination_region", t.REGION, True),
            ("destination_address", t.TEXT, True),
            ("reason", t.CHOICE, True),
        ],
        "ID_CARD_REISSUE": [("reason", t.CHOICE, True), ("lost_on", t.DATE, False)],
        "NAME_CHANGE": [("new_name", t.NAME, True), ("reason", t.TEXT, True)],
        "HOUSEHOLD_CERTIFICATE": [
            ("purpose", t.TEXT, True),
            ("recipient", t.TEXT, False),
            ("include_members", t.BOOLEAN, False),
        ],
        "NO_CRIMINAL_RECORD_CERTIFICATE": [
            ("purpose", t.CHOICE, True),
            ("recipient", t.TEXT, True),
        ],
        "HOUSEHOLD_BOOKLET_REISSUE": [("reason", t.CHOICE, True)],
    }


def test_no_fetched_material_is_asked_of_the_citizen() -> None:
    # given every service, when its fetched materials are compared with its form fields
    overlaps = {
        s.code: {m.code for m in s.materials if m.obtained is Obtained.FETCHED}
        & {f.key for f in s.fields}
        for s in all_services()
    }
    # then no form asks for what sharing provides
    assert overlaps == {s.code: set() for s in SERVICES}


def test_the_legal_limit_is_the_sum_of_the_legal_steps() -> None:
    # given every service, when its steps are summed
    sums = {s.code: sum(step.working_days for step in s.steps) for s in all_services()}
    # then they make up the legal limit
    assert sums == {s.code: s.time_limit.legal_days for s in SERVICES}


def _broken(**changes: Any) -> Service:
    assert MINOR is not None
    return dataclasses.replace(MINOR, **changes)


def _fetched_field() -> Service:
    assert MINOR is not None
    field = FormField(key="parents_marriages", name=Label("婚姻", "Marriage"), type=FieldType.DATE)
    return _broken(fields=(*MINOR.fields, field))


@pytest.mark.parametrize(
    ("build", "problem"),
    [
        (_fetched_field, "fetched, not asked"),
        (
            lambda: Material(code="photo", name=Label("照片", "Photo"), obtained=Obtained.FETCHED),
            "a source iff fetched",
        ),
        (
            lambda: Material(
                code="photo",
                name=Label("照片", "Photo"),
                obtained=Obtained.PROVIDED,
                source=Source(Agency.POLICE, "IdCard"),
            ),
            "a source iff fetched",
        ),
        (lambda: Fee(amount_fen=2000), "an account iff a fee"),
        (lambda: TimeLimit(legal_days=5, promised_days=6), "promised days <= legal days"),
        (
            lambda: _broken(time_limit=TimeLimit(legal_days=40, promised_days=2)),
            "the sum of the steps",
        ),
        (
            lambda: _broken(
                accepting=AcceptingUnit(
                    agency=Agency.POLICE, level=UnitLevel.COUNTY, region_field="reason"
                )
            ),
            "region field is a REGION field",
        ),
        (lambda: _broken(forms=()), "an application form"),
        (lambda: _broken(code="ethnicity change"), "service code"),
        (
            lambda: FormField(key="basis", name=Label("依据", "Basis"), type=FieldType.CHOICE),
            "choices iff CHOICE or REGION",
        ),
        (lambda: _broken(steps=MINOR.steps[:3] if MINOR else ()), "the sum of the steps"),
    ],
)
def test_an_inconsistent_entry_is_refused(build: Any, problem: str) -> None:
    # given a catalogue entry that contradicts itself, when it is built, then it is refused
    with pytest.raises(ValueError, match=f"inconsistent catalogue entry: .*{problem}"):
        build()
