"""Linking a birth certificate to the child the police registered, once per hall application.

The police allocate the newborn's citizen ID number when they register it (registerNewborn);
the hall then links the certificate to that number here, so the certificate reads as
registered and leaves the unregistered births. The link checks what the certificate says: it
is not linked yet, and the child's ID number carries its birth date and sex.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from agencies.family_planning.models import BirthCertificate, CertificateLink
from subgraph.execution import Applied, ExecutionErrorCode, ExecutionFailed, apply_once, short_text
from subgraph.execution.checks import quoted, today_in_china
from subgraph.idnumber import birth_date_of, sex_of

CERTIFICATE_NUMBER_LENGTH = 12


def rejected(message: str) -> ExecutionFailed:
    """A REJECTED failure with its message."""
    return ExecutionFailed(ExecutionErrorCode.REJECTED, message)


async def certificate_region(*, session: AsyncSession, number: str) -> str | None:
    """Return the county code of a birth certificate, or None if there is none by that number."""
    region: str | None = await session.scalar(
        select(BirthCertificate.region_code).where(BirthCertificate.number == number)
    )
    return region


def _check_child(certificate: BirthCertificate, child_id: str) -> None:
    if certificate.child_id == child_id:
        raise rejected(f"birth certificate {certificate.number} is already linked to the child")
    if certificate.child_id is not None:
        raise rejected(f"birth certificate {certificate.number} is already linked to another child")
    if birth_date_of(child_id) != certificate.birth_date:
        raise rejected(
            f"`childId` carries the birth date {birth_date_of(child_id).isoformat()}, the "
            f"certificate states {certificate.birth_date.isoformat()}"
        )
    if sex_of(child_id) != certificate.sex:
        raise rejected("`childId` carries another sex than the certificate states")


async def _link(session: AsyncSession, number: str, child_id: str) -> CertificateLink:
    short_text(number, argument="number", max_length=CERTIFICATE_NUMBER_LENGTH)
    certificate = await session.get(BirthCertificate, number)
    if certificate is None:
        raise ExecutionFailed(
            ExecutionErrorCode.NOT_FOUND, f"`number` {quoted(number)} is not a birth certificate"
        )
    _check_child(certificate, child_id)
    other = await session.scalar(
        select(BirthCertificate.number).where(BirthCertificate.child_id == child_id)
    )
    if other is not None:
        raise rejected(f"the child is already linked to birth certificate {other}")
    certificate.child_id = child_id
    return CertificateLink(certificate_number=number, child_id=child_id, linked_on=today_in_china())


async def link_birth_certificate(
    *, session: AsyncSession, application: str, number: str, child_id: str
) -> Applied[CertificateLink]:
    """Link a birth certificate to the registered child's ID number, once per application."""

    async def change() -> CertificateLink:
        return await _link(session, number, child_id)

    return await apply_once(
        session,
        model=CertificateLink,
        application=application,
        arguments={"number": number, "child_id": child_id},
        change=change,
    )
