"""What the services of the catalogue share: names, counties, accounts, materials, helpers."""

from __future__ import annotations

from hall.catalogue_model import (
    APPLICATION_FORM,
    Account,
    Agency,
    Applicant,
    Choice,
    DeliveryMethod,
    DeliveryOption,
    FieldType,
    Form,
    FormField,
    Label,
    Material,
    Obtained,
    Source,
    UnitLevel,
)

AGENCY_NAMES: dict[Agency, Label] = {
    Agency.POLICE: Label("公安机关", "Public security (police)"),
    Agency.ETHNIC_AFFAIRS: Label("民族宗教事务部门", "Ethnic and religious affairs"),
    Agency.CIVIL_AFFAIRS: Label("民政部门", "Civil affairs"),
    Agency.FAMILY_PLANNING: Label("卫生健康部门", "Health and family planning"),
    Agency.TAX: Label("税务部门", "Taxation"),
    Agency.SOCIAL_SECURITY: Label("人力资源和社会保障部门", "Human resources and social security"),
}

APPLICANT_NAMES: dict[Applicant, Label] = {
    Applicant.SELF: Label("本人", "The person concerned"),
    Applicant.PARENT_OR_GUARDIAN: Label("父母或监护人", "A parent or guardian"),
}

LEVEL_NAMES: dict[UnitLevel, Label] = {
    UnitLevel.CITY: Label("市级", "City level"),
    UnitLevel.COUNTY: Label("县（市、区）级", "County level"),
    UnitLevel.STATION: Label("户籍地派出所", "Police station of the household"),
}

# The counties of Sanming (GB/T 2260), the regions the hall serves.
SANMING_COUNTIES: tuple[Choice, ...] = (
    Choice("350404", Label("三元区", "Sanyuan District")),
    Choice("350405", Label("沙县区", "Shaxian District")),
    Choice("350481", Label("永安市", "Yong'an City")),
    Choice("350421", Label("明溪县", "Mingxi County")),
    Choice("350423", Label("清流县", "Qingliu County")),
    Choice("350424", Label("宁化县", "Ninghua County")),
    Choice("350425", Label("大田县", "Datian County")),
    Choice("350426", Label("尤溪县", "Youxi County")),
    Choice("350428", Label("将乐县", "Jiangle County")),
    Choice("350429", Label("泰宁县", "Taining County")),
    Choice("350430", Label("建宁县", "Jianning County")),
)

CITY_POLICE_NON_TAX = Account(
    code="SM-POLICE-NON-TAX",
    name=Label(
        "三明市公安局非税收入汇缴账户", "Sanming Public Security Bureau non-tax revenue account"
    ),
    agency=Agency.POLICE,
)

PICKUP = DeliveryOption(
    method=DeliveryMethod.PICKUP, name=Label("窗口领取", "Collect at a service window")
)
COURIER = DeliveryOption(
    method=DeliveryMethod.COURIER, name=Label("快递送达", "Delivered by courier")
)
ELECTRONIC = DeliveryOption(
    method=DeliveryMethod.ELECTRONIC,
    name=Label("电子证照/电子文书", "Electronic document in the hall"),
)

FATHER = Choice("FATHER", Label("父亲", "Father"))
MOTHER = Choice("MOTHER", Label("母亲", "Mother"))


def fetched(code: str, zh: str, en: str, agency: Agency, record_type: str) -> Material:
    """A material the hall fetches from the agency that holds it."""
    return Material(
        code=code,
        name=Label(zh, en),
        obtained=Obtained.FETCHED,
        source=Source(agency, record_type),
    )


def when(material: Material, zh: str, en: str) -> Material:
    """The material, needed only under a condition."""
    return Material(
        code=material.code,
        name=material.name,
        obtained=material.obtained,
        source=material.source,
        condition=Label(zh, en),
        original_required=material.original_required,
    )


def application_form(
    fields: tuple[FormField, ...], *signatures: Label, note: Label | None = None
) -> Form:
    """The application form of a service, asking for its fields."""
    return Form(
        code=APPLICATION_FORM,
        title=Label("申请表", "Application form"),
        fields=fields,
        signatures=signatures or (Label("申请人签名", "Signature of the applicant"),),
        note=note,
    )


def text(
    key: str,
    name: Label,
    max_length: int,
    *,
    required: bool = True,
    multiline: bool = False,
    help: Label | None = None,
) -> FormField:
    """A free-text field of at most `max_length` characters."""
    return FormField(
        key=key,
        name=name,
        type=FieldType.TEXT,
        max_length=max_length,
        required=required,
        multiline=multiline,
        help=help,
    )


HOUSEHOLD_RECORD = fetched(
    "household_record",
    "当事人户籍信息",
    "Household registration of the person concerned",
    Agency.POLICE,
    "Person",
)
PARENTS_RECORDS = fetched(
    "parents_household_records",
    "父母户籍信息（含民族成份）",
    "The parents' household registration, ethnicity included",
    Agency.POLICE,
    "Person",
)
GUARDIANSHIP = when(
    fetched(
        "guardianship_record",
        "监护关系信息",
        "Guardianship record",
        Agency.CIVIL_AFFAIRS,
        "Guardianship",
    ),
    "由父母以外的监护人申请时",
    "when a guardian other than a parent applies",
)
