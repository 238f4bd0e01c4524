"""The sections of a person's record across agencies, each value shown or marked refused."""

from __future__ import annotations

from web.i18n import N_
from web.workbench.fields import Cell, Reader
from web.workbench.person_view import P, Section, code_label, records, yes_no


def sections(reader: Reader, *, language: str) -> list[Section]:
    """The police, civil-affairs, health, tax and social-insurance parts of the record."""
    return [
        _identity(reader, language),
        Section(
            N_("Household"),
            "police",
            [
                (N_("Household number"), reader.cell(P, "household", "number")),
                (N_("Registered address"), reader.cell(P, "household", "address")),
            ],
        ),
        Section(
            N_("Parents"),
            "police",
            [
                (N_("Father"), reader.person(P, "father")),
                (N_("Mother"), reader.person(P, "mother")),
            ],
        ),
        Section(
            N_("Identity cards"),
            "police",
            table=records(
                reader,
                "idCards",
                columns=(N_("Serial"), N_("Issued on"), N_("Valid until"), N_("Status")),
                row=lambda i: [
                    reader.cell(P, "idCards", i, "serial"),
                    reader.cell(P, "idCards", i, "issuedOn"),
                    reader.cell(P, "idCards", i, "validUntil"),
                    reader.cell(P, "idCards", i, "status", show=code_label, label=True),
                ],
            ),
        ),
        _marriages(reader),
        Section(
            N_("Birth certificate"),
            "family_planning",
            [
                (N_("Certificate number"), reader.cell(P, "birthCertificate", "number")),
                (N_("Hospital"), reader.cell(P, "birthCertificate", "hospital")),
                (N_("Issued on"), reader.cell(P, "birthCertificate", "issuedOn")),
            ],
        ),
        Section(
            N_("Taxpayer registration"),
            "tax",
            [
                (N_("Taxpayer number"), reader.cell(P, "taxpayer", "taxpayerNumber")),
                (N_("Tax office"), reader.cell(P, "taxpayer", "taxOffice")),
                (
                    N_("Tax cleared"),
                    reader.cell(P, "taxpayer", "clearance", "cleared", show=yes_no, label=True),
                ),
            ],
        ),
        Section(
            N_("Social insurance"),
            "social_security",
            table=records(
                reader,
                "insurance",
                columns=(
                    N_("Number"),
                    N_("Scheme"),
                    N_("Starts on"),
                    N_("Months paid"),
                    N_("Status"),
                ),
                row=lambda i: [
                    reader.cell(P, "insurance", i, "number"),
                    reader.cell(P, "insurance", i, "scheme", show=code_label, label=True),
                    reader.cell(P, "insurance", i, "startsOn"),
                    reader.cell(P, "insurance", i, "contributionMonths"),
                    reader.cell(P, "insurance", i, "status", show=code_label, label=True),
                ],
            ),
        ),
    ]


def _identity(reader: Reader, language: str) -> Section:
    group_name = "nameEn" if language == "en" else "nameZh"
    return Section(
        N_("Identity"),
        "police",
        [
            (N_("Name"), reader.cell(P, "name")),
            (N_("Sex"), reader.cell(P, "sex", show=code_label, label=True)),
            (N_("Date of birth"), reader.cell(P, "birthDate")),
            (N_("Registered county"), reader.cell(P, "regionCode")),
            (N_("Ethnic group"), reader.cell(P, "ethnicGroup", group_name)),
            (N_("Relation to the head of household"), reader.cell(P, "relationToHead")),
        ],
    )


def _marriages(reader: Reader) -> Section:
    def row(i: int) -> list[Cell]:
        return [
            reader.cell(P, "marriages", i, "number"),
            reader.cell(P, "marriages", i, "registeredOn"),
            reader.cell(P, "marriages", i, "divorcedOn"),
            reader.cell(P, "marriages", i, "status", show=code_label, label=True),
            reader.person(P, "marriages", i, "husband"),
            reader.person(P, "marriages", i, "wife"),
        ]

    columns = (
        N_("Certificate number"),
        N_("Registered on"),
        N_("Divorced on"),
        N_("Status"),
        N_("Husband"),
        N_("Wife"),
    )
    return Section(
        N_("Marriages"),
        "civil_affairs",
        [(N_("Marital status"), reader.cell(P, "maritalStatus", show=code_label, label=True))],
        records(reader, "marriages", columns=columns, row=row),
    )
