"""Single-agency police services: ID-card and household-booklet reissue, two certificates.

The ID card's 20 yuan is the statutory fee of a reissued card. Its legal limit counts 30
working days, which always fall within the 60 days of the Resident Identity Card Law; the
other limits are the hall's published figures, to be confirmed with the police.
"""

from __future__ import annotations

from hall.catalogue_common import (
    CITY_POLICE_NON_TAX,
    COURIER,
    ELECTRONIC,
    HOUSEHOLD_RECORD,
    PICKUP,
    application_form,
    fetched,
    text,
)
from hall.catalogue_model import (
    AcceptingUnit,
    Agency,
    Applicant,
    Choice,
    Fee,
    FieldType,
    FormField,
    Label,
    LegalStep,
    Service,
    TimeLimit,
    UnitLevel,
)

ANYONE_FOR_THEMSELF = Label(
    "本人申请；未成年人由父母或监护人申请。",
    "The person concerned; for a minor, a parent or guardian.",
)


def station_step(zh: str, en: str, working_days: int) -> tuple[LegalStep]:
    """The one step of a service the household's police station does alone."""
    return (
        LegalStep(
            name=Label(zh, en),
            agency=Agency.POLICE,
            level=UnitLevel.STATION,
            working_days=working_days,
        ),
    )


ID_CARD_FIELDS = (
    FormField(
        key="reason",
        name=Label("补领原因", "Reason"),
        type=FieldType.CHOICE,
        choices=(
            Choice("LOST", Label("遗失", "Lost")),
            Choice("STOLEN", Label("被盗", "Stolen")),
        ),
    ),
    FormField(
        key="lost_on",
        name=Label("丢失日期", "Day it was lost"),
        type=FieldType.DATE,
        required=False,
    ),
)

ID_CARD_REISSUE = Service(
    code="ID_CARD_REISSUE",
    name=Label("居民身份证补领", "ID-card reissue"),
    agency=Agency.POLICE,
    summary=Label(
        "身份证遗失或被盗后补领。证件照片取自公安机关已有记录，网上缴费，新证快递送达。",
        "A new card for a lost or stolen one. The photo comes from the police's records, the "
        "fee is paid online and the card is delivered by courier.",
    ),
    applicants=(Applicant.SELF, Applicant.PARENT_OR_GUARDIAN),
    applicant_rule=Label(
        "持证人本人申请；未满十六周岁的由监护人代为申请。",
        "The card holder; for a child under 16, a guardian.",
    ),
    materials=(
        HOUSEHOLD_RECORD,
        fetched(
            "id_card_record",
            "居民身份证记录及证件照片",
            "ID-card record and photo",
            Agency.POLICE,
            "IdCard",
        ),
    ),
    time_limit=TimeLimit(legal_days=30, promised_days=7),
    steps=(
        LegalStep(
            name=Label("县级公安机关审核签发并制证", "Approval, issue and making of the card"),
            agency=Agency.POLICE,
            level=UnitLevel.COUNTY,
            working_days=30,
        ),
    ),
    fee=Fee(
        amount_fen=2000,
        account=CITY_POLICE_NON_TAX,
        basis=Label("补领居民身份证工本费 20 元", "Statutory fee of a reissued card: 20 yuan"),
    ),
    accepting=AcceptingUnit(agency=Agency.POLICE, level=UnitLevel.COUNTY),
    executing=Agency.POLICE,
    delivery=(COURIER, PICKUP),
    fields=ID_CARD_FIELDS,
    forms=(application_form(ID_CARD_FIELDS),),
)

CERTIFICATE_FIELDS = (
    text("purpose", Label("证明用途", "What the certificate is for"), max_length=100),
    text("recipient", Label("提交单位", "Organisation it is for"), max_length=100, required=False),
    FormField(
        key="include_members",
        name=Label("列出同户成员", "List the other members of the household"),
        type=FieldType.BOOLEAN,
        required=False,
    ),
)

HOUSEHOLD_CERTIFICATE = Service(
    code="HOUSEHOLD_CERTIFICATE",
    name=Label("户籍证明", "Household-registration certificate"),
    agency=Agency.POLICE,
    summary=Label(
        "证明户籍登记事项，由户籍地派出所出具，可下载电子证明。",
        "Certifies what the household register records; issued by the household's police "
        "station, downloadable as an electronic certificate.",
    ),
    applicants=(Applicant.SELF, Applicant.PARENT_OR_GUARDIAN),
    applicant_rule=ANYONE_FOR_THEMSELF,
    materials=(HOUSEHOLD_RECORD,),
    time_limit=TimeLimit(legal_days=5, promised_days=1),
    steps=station_step("户籍地派出所核实出具", "Checked and issued by the station", 5),
    fee=Fee(),
    accepting=AcceptingUnit(agency=Agency.POLICE, level=UnitLevel.STATION),
    executing=Agency.POLICE,
    delivery=(ELECTRONIC, PICKUP, COURIER),
    fields=CERTIFICATE_FIELDS,
    forms=(application_form(CERTIFICATE_FIELDS),),
)

NO_RECORD_FIELDS = (
    FormField(
        key="purpose",
        name=Label("证明用途", "What the certificate is for"),
        type=FieldType.CHOICE,
        choices=(
            Choice("EMPLOYMENT", Label("就业", "Employment")),
            Choice("STUDY", Label("入学", "Study")),
            Choice("EMIGRATION", Label("出国（境）", "Going abroad")),
            Choice("OTHER", Label("其他", "Other")),
        ),
    ),
    text("recipient", Label("使用单位", "Organisation it is for"), max_length=100),
)

NO_CRIMINAL_RECORD_CERTIFICATE = Service(
    code="NO_CRIMINAL_RECORD_CERTIFICATE",
    name=Label("无犯罪记录证明", "No-criminal-record certificate"),
    agency=Agency.POLICE,
    summary=Label(
        "证明本人在公安机关无犯罪记录，由户籍地派出所查询出具。",
        "Certifies that the police hold no criminal record of the applicant; checked and "
        "issued by the household's police station.",
    ),
    applicants=(Applicant.SELF,),
    applicant_rule=Label("本人申请。", "The person concerned."),
    materials=(
        HOUSEHOLD_RECORD,
        fetched(
            "criminal_record_check",
            "违法犯罪记录查询结果",
            "Result of the criminal-record check",
            Agency.POLICE,
            "CaseFile",
        ),
    ),
    time_limit=TimeLimit(legal_days=3, promised_days=1),
    steps=station_step("户籍地派出所查询出具", "Checked and issued by the station", 3),
    fee=Fee(),
    accepting=AcceptingUnit(agency=Agency.POLICE, level=UnitLevel.STATION),
    executing=Agency.POLICE,
    delivery=(ELECTRONIC, PICKUP),
    fields=NO_RECORD_FIELDS,
    forms=(application_form(NO_RECORD_FIELDS),),
)

BOOKLET_FIELDS = (
    FormField(
        key="reason",
        name=Label("补领原因", "Reason"),
        type=FieldType.CHOICE,
        choices=(
            Choice("LOST", Label("遗失", "Lost")),
            Choice("DAMAGED", Label("损坏", "Damaged")),
        ),
    ),
)

HOUSEHOLD_BOOKLET_REISSUE = Service(
    code="HOUSEHOLD_BOOKLET_REISSUE",
    name=Label("户口簿补领", "Household-booklet reissue"),
    agency=Agency.POLICE,
    summary=Label(
        "户口簿遗失或损坏后补领，由户籍地派出所办理，快递送达。",
        "A new household booklet for a lost or damaged one, from the household's police "
        "station, delivered by courier.",
    ),
    applicants=(Applicant.SELF,),
    applicant_rule=Label(
        "户主或本户成年成员申请。", "The head or an adult member of the household."
    ),
    materials=(
        HOUSEHOLD_RECORD,
        fetched(
            "household", "户籍所在户信息", "The household's record", Agency.POLICE, "Household"
        ),
    ),
    time_limit=TimeLimit(legal_days=10, promised_days=3),
    steps=station_step("户籍地派出所审核补发", "Checked and reissued by the station", 10),
    fee=Fee(),
    accepting=AcceptingUnit(agency=Agency.POLICE, level=UnitLevel.STATION),
    executing=Agency.POLICE,
    delivery=(COURIER, PICKUP),
    fields=BOOKLET_FIELDS,
    forms=(application_form(BOOKLET_FIELDS),),
)
