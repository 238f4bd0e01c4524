"""Household-register services across agencies: newborn registration, transfer, name change.

Their legal limits are the hall's published figures (the ordinary 20 working days of the
Administrative Licensing Law, art. 42), to be confirmed with the police.
"""

from __future__ import annotations

from hall.catalogue_common import (
    COURIER,
    ELECTRONIC,
    FATHER,
    GUARDIANSHIP,
    HOUSEHOLD_RECORD,
    MOTHER,
    PARENTS_RECORDS,
    PICKUP,
    SANMING_COUNTIES,
    application_form,
    fetched,
    text,
    when,
)
from hall.catalogue_model import (
    AcceptingUnit,
    Agency,
    Applicant,
    Choice,
    Fee,
    FieldType,
    Form,
    FormField,
    Label,
    LegalStep,
    Material,
    Obtained,
    Service,
    TimeLimit,
    UnitLevel,
)

PARENTS_SIGNATURES = (
    Label("父亲签名", "Signature of the father"),
    Label("母亲签名", "Signature of the mother"),
)

NEWBORN_FIELDS = (
    FormField(
        key="child_name",
        name=Label("新生儿姓名", "Name of the newborn"),
        type=FieldType.NAME,
        max_length=20,
    ),
    FormField(
        key="ethnic_group",
        name=Label("新生儿民族成份", "Ethnic group of the newborn"),
        type=FieldType.ETHNIC_GROUP,
        help=Label("须为父亲或母亲的民族成份", "The father's or the mother's ethnic group"),
    ),
    FormField(
        key="register_with",
        name=Label("随父或随母落户", "Registered in the household of"),
        type=FieldType.CHOICE,
        choices=(FATHER, MOTHER),
    ),
)

NEWBORN_REGISTRATION = Service(
    code="NEWBORN_REGISTRATION",
    name=Label("出生登记", "Newborn registration"),
    agency=Agency.POLICE,
    summary=Label(
        "新生儿在父亲或母亲户籍地派出所申报出生登记。出生医学证明、父母户籍和结婚登记"
        "信息由平台共享获取，无需提交。",
        "A newborn is registered at the police station of the father's or the mother's "
        "household. The birth medical certificate, the parents' household records and their "
        "marriage record are shared with the hall: nothing to hand in.",
    ),
    applicants=(Applicant.PARENT_OR_GUARDIAN,),
    applicant_rule=Label(
        "新生儿的父亲、母亲或监护人申请，应在出生后一个月内申报。",
        "The father, mother or guardian of the newborn, within one month of the birth.",
    ),
    materials=(
        fetched(
            "birth_certificate",
            "出生医学证明",
            "Birth medical certificate",
            Agency.FAMILY_PLANNING,
            "BirthCertificate",
        ),
        PARENTS_RECORDS,
        fetched(
            "parents_marriage",
            "父母结婚登记信息",
            "The parents' marriage record",
            Agency.CIVIL_AFFAIRS,
            "Marriage",
        ),
        Material(
            code="parents_ethnicity_choice",
            name=Label(
                "父母共同选择子女民族成份的声明",
                "The parents' joint choice of the child's ethnicity",
            ),
            obtained=Obtained.PROVIDED,
            condition=Label("父母民族成份不同时", "when the parents' ethnic groups differ"),
            original_required=True,
        ),
    ),
    time_limit=TimeLimit(legal_days=20, promised_days=3),
    steps=(
        LegalStep(
            name=Label("户籍地派出所审核登记", "Review and registration by the police station"),
            agency=Agency.POLICE,
            level=UnitLevel.STATION,
            working_days=20,
        ),
    ),
    fee=Fee(),
    accepting=AcceptingUnit(agency=Agency.POLICE, level=UnitLevel.STATION),
    executing=Agency.POLICE,
    delivery=(COURIER, PICKUP),
    fields=NEWBORN_FIELDS,
    forms=(
        application_form(NEWBORN_FIELDS, *PARENTS_SIGNATURES),
        Form(
            code="ethnicity-choice",
            title=Label("父母共同选择子女民族成份声明", "Joint choice of the child's ethnicity"),
            fields=(NEWBORN_FIELDS[1],),
            signatures=PARENTS_SIGNATURES,
            note=Label(
                "父母民族成份不同时填写，双方签名后将原件快递或交至派出所。",
                "When the parents' ethnic groups differ: both sign, then send the original by "
                "courier or hand it in at the police station.",
            ),
        ),
    ),
)

TRANSFER_FIELDS = (
    FormField(
        key="destination_region",
        name=Label("迁入地县（市、区）", "County moved to"),
        type=FieldType.REGION,
        choices=SANMING_COUNTIES,
    ),
    text("destination_address", Label("迁入地详细地址", "Address moved to"), max_length=200),
    FormField(
        key="reason",
        name=Label("迁移原因", "Reason for the move"),
        type=FieldType.CHOICE,
        choices=(
            Choice("MARRIAGE", Label("投靠配偶", "Joining a spouse")),
            Choice("EMPLOYMENT", Label("就业", "Employment")),
            Choice("HOUSING", Label("购房或租房", "Bought or rented a home")),
            Choice("RELATIVES", Label("投靠亲属", "Joining relatives")),
        ),
    ),
)

HOUSEHOLD_TRANSFER = Service(
    code="HOUSEHOLD_TRANSFER",
    name=Label("户口迁移", "Household transfer"),
    agency=Agency.POLICE,
    summary=Label(
        "准迁证和迁移证一次申请，由公安机关内部流转，无需往返迁出地和迁入地。"
        "配偶、就业等证明由平台向民政、社保、税务部门共享获取。",
        "The permit to move in and the transfer certificate in one application, passed on "
        "inside the police: no trips between the two places. Evidence of a spouse or of "
        "employment is shared by civil affairs, social security and tax.",
    ),
    applicants=(Applicant.SELF,),
    applicant_rule=Label(
        "迁移人本人申请；随迁的未成年子女由父母一并申请。",
        "The person moving; parents include the minor children moving with them.",
    ),
    materials=(
        HOUSEHOLD_RECORD,
        fetched(
            "current_household",
            "现户籍所在户",
            "The household now registered in",
            Agency.POLICE,
            "Household",
        ),
        when(
            fetched(
                "spouse_marriage",
                "结婚登记信息",
                "Marriage record",
                Agency.CIVIL_AFFAIRS,
                "Marriage",
            ),
            "投靠配偶时",
            "when joining a spouse",
        ),
        when(
            fetched(
                "insurance_enrolments",
                "社会保险参保信息",
                "Social insurance enrolments",
                Agency.SOCIAL_SECURITY,
                "InsuranceEnrolment",
            ),
            "因就业迁移时",
            "when moving for employment",
        ),
        when(
            fetched(
                "tax_summaries",
                "个人所得税年度汇总",
                "Annual income-tax summaries",
                Agency.TAX,
                "AnnualTaxSummary",
            ),
            "因就业迁移时",
            "when moving for employment",
        ),
        Material(
            code="housing_proof",
            name=Label("迁入地住所证明（房产证或租赁合同）", "Proof of the home (deed or lease)"),
            obtained=Obtained.PROVIDED,
            condition=Label("因购房或租房迁移时", "when moving to a bought or rented home"),
        ),
        Material(
            code="host_consent",
            name=Label("被投靠人同意书", "Consent of the relative joined"),
            obtained=Obtained.PROVIDED,
            condition=Label("投靠亲属时", "when joining relatives"),
            original_required=True,
        ),
    ),
    time_limit=TimeLimit(legal_days=20, promised_days=5),
    steps=(
        LegalStep(
            name=Label("迁入地县级公安机关审批，签发准迁证", "Permit to move in, by the county"),
            agency=Agency.POLICE,
            level=UnitLevel.COUNTY,
            working_days=10,
        ),
        LegalStep(
            name=Label("迁出地派出所签发迁移证", "Transfer certificate, by the station left"),
            agency=Agency.POLICE,
            level=UnitLevel.STATION,
            working_days=5,
        ),
        LegalStep(
            name=Label("迁入地派出所办理落户", "Registration by the station moved to"),
            agency=Agency.POLICE,
            level=UnitLevel.STATION,
            working_days=5,
        ),
    ),
    fee=Fee(),
    accepting=AcceptingUnit(
        agency=Agency.POLICE, level=UnitLevel.COUNTY, region_field="destination_region"
    ),
    executing=Agency.POLICE,
    delivery=(ELECTRONIC, COURIER, PICKUP),
    fields=TRANSFER_FIELDS,
    forms=(
        application_form(TRANSFER_FIELDS),
        Form(
            code="host-consent",
            title=Label("被投靠人同意书", "Consent of the relative joined"),
            fields=(
                FormField(
                    key="host_name",
                    name=Label("被投靠人姓名", "Name of the relative joined"),
                    type=FieldType.NAME,
                    max_length=20,
                ),
                text("relationship", Label("与迁移人关系", "Relationship"), max_length=20),
            ),
            signatures=(Label("被投靠人签名", "Signature of the relative joined"),),
            note=Label(
                "投靠亲属时填写，签名后将原件快递或交至派出所。",
                "When joining relatives: sign, then send the original by courier or hand it in.",
            ),
        ),
    ),
)

NAME_FIELDS = (
    FormField(key="new_name", name=Label("新姓名", "New name"), type=FieldType.NAME, max_length=20),
    text("reason", Label("变更理由", "Reason for the change"), max_length=500, multiline=True),
)

NAME_CHANGE = Service(
    code="NAME_CHANGE",
    name=Label("姓名变更", "Name change"),
    agency=Agency.POLICE,
    summary=Label(
        "变更户籍登记的姓名。批准后，新姓名自动告知税务、社保和民政部门。",
        "Change the registered name. Once approved, the new name is passed on to tax, social "
        "security and civil affairs.",
    ),
    applicants=(Applicant.SELF, Applicant.PARENT_OR_GUARDIAN),
    applicant_rule=Label(
        "成年人本人申请；未成年人由父母或监护人申请。",
        "An adult applies in person; for a minor, a parent or guardian applies.",
    ),
    materials=(
        HOUSEHOLD_RECORD,
        when(PARENTS_RECORDS, "为未成年人申请时", "when applying for a minor"),
        GUARDIANSHIP,
        Material(
            code="other_parent_consent",
            name=Label("父母另一方同意书", "Written consent of the other parent"),
            obtained=Obtained.PROVIDED,
            condition=Label("父母一方为未成年人申请时", "when one parent applies for a minor"),
            original_required=True,
        ),
    ),
    time_limit=TimeLimit(legal_days=20, promised_days=5),
    steps=(
        LegalStep(
            name=Label("县级公安机关审批", "Approval by the county police bureau"),
            agency=Agency.POLICE,
            level=UnitLevel.COUNTY,
            working_days=20,
        ),
    ),
    fee=Fee(),
    accepting=AcceptingUnit(agency=Agency.POLICE, level=UnitLevel.COUNTY),
    executing=Agency.POLICE,
    notified=(Agency.TAX, Agency.SOCIAL_SECURITY, Agency.CIVIL_AFFAIRS),
    delivery=(ELECTRONIC, PICKUP),
    fields=NAME_FIELDS,
    forms=(
        application_form(NAME_FIELDS),
        Form(
            code="parent-consent",
            title=Label("父母另一方同意书", "Consent of the other parent"),
            fields=(NAME_FIELDS[0],),
            signatures=(Label("父母另一方签名", "Signature of the other parent"),),
            note=Label(
                "父母一方为未成年人申请时填写，签名后将原件快递或交至派出所。",
                "When one parent applies for a minor: the other signs, then sends the original "
                "by courier or hands it in.",
            ),
        ),
    ),
)
