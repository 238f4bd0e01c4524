"""Ethnicity change (民族成份变更), for a minor and for an adult of 18 to 20.

Per the 2015 measures of the State Ethnic Affairs Commission and the Ministry of Public
Security (ARCHITECTURE.md): the legal path is county review, city approval, county notice and
police registration; on the platform the city bureau accepts directly and checks are automatic.
"""

from __future__ import annotations

from hall.catalogue_common import (
    ELECTRONIC,
    GUARDIANSHIP,
    HOUSEHOLD_RECORD,
    PARENTS_RECORDS,
    PICKUP,
    application_form,
    fetched,
    text,
    when,
)
from hall.catalogue_model import (
    AcceptingUnit,
    Agency,
    Applicant,
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

STEPS = (
    LegalStep(
        name=Label("县级民族工作部门审核", "Review by the county ethnic-affairs bureau"),
        agency=Agency.ETHNIC_AFFAIRS,
        level=UnitLevel.COUNTY,
        working_days=10,
        extension_days=10,
    ),
    LegalStep(
        name=Label("设区的市级民族工作部门审批", "Approval by the city ethnic-affairs bureau"),
        agency=Agency.ETHNIC_AFFAIRS,
        level=UnitLevel.CITY,
        working_days=10,
    ),
    LegalStep(
        name=Label("县级民族工作部门通知", "Notice by the county ethnic-affairs bureau"),
        agency=Agency.ETHNIC_AFFAIRS,
        level=UnitLevel.COUNTY,
        working_days=10,
    ),
    LegalStep(
        name=Label("公安机关户口登记", "Registration by the police"),
        agency=Agency.POLICE,
        level=UnitLevel.STATION,
        working_days=15,
    ),
)
# The Sanming platform's promise: two days instead of fifteen, by sharing the records.
TIME_LIMIT = TimeLimit(legal_days=45, extension_days=10, promised_days=2)

ETHNICITY_HISTORY = fetched(
    "ethnicity_history",
    "户籍民族成份变更记录",
    "Ethnicity changes in the household register",
    Agency.POLICE,
    "EthnicityRecord",
)
EARLIER_DECISIONS = fetched(
    "earlier_ethnicity_changes",
    "民族成份变更审批记录",
    "Earlier ethnicity-change decisions",
    Agency.ETHNIC_AFFAIRS,
    "EthnicityChange",
)
PARENTS_MARRIAGES = fetched(
    "parents_marriages",
    "父母婚姻登记信息（结婚、离婚、再婚）",
    "The parents' marriages, divorces and remarriages",
    Agency.CIVIL_AFFAIRS,
    "Marriage",
)
ADOPTION = when(
    fetched("adoption_record", "收养登记信息", "Adoption record", Agency.CIVIL_AFFAIRS, "Adoption"),
    "随养父母民族成份时",
    "when the change follows an adoptive parent",
)
CHILD_STATEMENT = Material(
    code="child_statement",
    name=Label("子女本人意见书（本人签名）", "The child's own signed statement of their view"),
    obtained=Obtained.PROVIDED,
    condition=Label("子女年满十六周岁时", "when the child is 16 or older"),
)

TARGET_GROUP = FormField(
    key="target_ethnic_group",
    name=Label("变更后的民族成份", "Ethnic group after the change"),
    type=FieldType.ETHNIC_GROUP,
    help=Label("GB 3304 两位代码，如 22 畲族", "Two-digit GB 3304 code, e.g. 22 for She"),
)
REASON = text(
    "reason", Label("申请理由", "Reason for the application"), max_length=500, multiline=True
)
# Whose ethnicity the change follows (father, mother, step- or adoptive parent) is not asked:
# ethnic affairs decides it from the records, with the target group.
MINOR_FIELDS = (TARGET_GROUP, REASON)
ADULT_FIELDS = (TARGET_GROUP, REASON)

ETHNICITY_CHANGE_MINOR = Service(
    code="ETHNICITY_CHANGE_MINOR",
    name=Label("民族成份变更（未成年人）", "Ethnicity change (minor)"),
    agency=Agency.ETHNIC_AFFAIRS,
    summary=Label(
        "父母婚姻状况改变后，未成年子女的民族成份可变更一次，随父亲、母亲、"
        "抚养其的继父母或养父母的民族成份。市民族宗教事务局直接受理，核查自动完成，"
        "批准后由公安机关办理户口登记。",
        "After the parents' marriage changed, a minor's ethnicity may be changed once, to that "
        "of the father, the mother, or a step-parent or adoptive parent raising the child. The "
        "city ethnic-affairs bureau accepts directly, the checks run automatically, and the "
        "police register the approved change.",
    ),
    applicants=(Applicant.PARENT_OR_GUARDIAN,),
    applicant_rule=Label(
        "未满十八周岁者由父母或监护人申请，限变更一次；子女年满十六周岁的，应听取本人意见。",
        "A parent or guardian applies for a person under 18, once; a child of 16 or more is heard.",
    ),
    materials=(
        HOUSEHOLD_RECORD,
        PARENTS_RECORDS,
        ETHNICITY_HISTORY,
        EARLIER_DECISIONS,
        PARENTS_MARRIAGES,
        ADOPTION,
        GUARDIANSHIP,
        CHILD_STATEMENT,
    ),
    time_limit=TIME_LIMIT,
    steps=STEPS,
    fee=Fee(),
    accepting=AcceptingUnit(agency=Agency.ETHNIC_AFFAIRS, level=UnitLevel.CITY),
    executing=Agency.POLICE,
    delivery=(ELECTRONIC, PICKUP),
    fields=MINOR_FIELDS,
    forms=(
        application_form(
            MINOR_FIELDS, Label("父母或监护人签名", "Signature of the parent or guardian")
        ),
        Form(
            code="child-statement",
            title=Label("子女本人意见书", "Statement of the child's view"),
            fields=(
                text("statement", Label("本人意见", "My view"), max_length=500, multiline=True),
            ),
            signatures=(Label("子女本人签名", "Signature of the child"),),
            note=Label(
                "年满十六周岁的子女填写，签名后拍照上传。",
                "For a child of 16 or more: fill in, sign, photograph and upload.",
            ),
        ),
    ),
)

ETHNICITY_CHANGE_ADULT = Service(
    code="ETHNICITY_CHANGE_ADULT",
    name=Label("民族成份变更（成年人）", "Ethnicity change (adult)"),
    agency=Agency.ETHNIC_AFFAIRS,
    summary=Label(
        "年满十八周岁后两年内，本人可将民族成份变更一次，随父亲或母亲的民族成份。"
        "市民族宗教事务局直接受理，核查自动完成，批准后由公安机关办理户口登记。",
        "Within two years after turning 18, a person may change their ethnicity once, to the "
        "father's or the mother's. The city ethnic-affairs bureau accepts directly, the checks "
        "run automatically, and the police register the approved change.",
    ),
    applicants=(Applicant.SELF,),
    applicant_rule=Label(
        "年满十八周岁不满二十周岁的本人申请，限变更一次。",
        "The person themself, aged 18 to 20 (within two years after turning 18), once.",
    ),
    materials=(HOUSEHOLD_RECORD, PARENTS_RECORDS, ETHNICITY_HISTORY, EARLIER_DECISIONS),
    time_limit=TIME_LIMIT,
    steps=STEPS,
    fee=Fee(),
    accepting=AcceptingUnit(agency=Agency.ETHNIC_AFFAIRS, level=UnitLevel.CITY),
    executing=Agency.POLICE,
    delivery=(ELECTRONIC, PICKUP),
    fields=ADULT_FIELDS,
    forms=(application_form(ADULT_FIELDS),),
)
