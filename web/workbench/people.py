"""Person lookup: a declared purpose and case first, then the record across agencies."""

from __future__ import annotations

from urllib.parse import quote

from starlette.responses import Response

from web.kit import Visit
from web.labels import AGENCIES
from web.workbench.fields import Reader
from web.workbench.lookup import PURPOSES, Lookup
from web.workbench.operations import PERSON
from web.workbench.person_sections import sections
from web.workbench.problems import STAFF_WORDS

TEMPLATE = "workbench/people.html"


async def people(visit: Visit) -> Response:
    """The lookup form; with a sealed lookup in the address, its result as well."""
    sealed = visit.request.query_params.get("lookup")
    if sealed is None:
        return _form(visit, Lookup())
    lookup = Lookup.opened(visit, sealed)
    if lookup is None:
        return _form(visit, Lookup(), expired=True)
    result = await visit.query(
        PERSON, {"idNumber": lookup.person}, purpose=lookup.purpose, case=lookup.case_number or None
    )
    if result.codes() & {"CASE_NOT_ASSIGNED", "PURPOSE_REQUIRED"}:
        problem = STAFF_WORDS.of(result)
        assert problem is not None
        lookup.errors = {
            "case" if problem.code == "CASE_NOT_ASSIGNED" else "purpose": problem.message
        }
        return _form(visit, lookup, status=403)
    reader = Reader(result)
    person = reader.value("person")
    return _form(
        visit,
        lookup,
        shown=True,
        person=person,
        problem=STAFF_WORDS.of(result) if person is None else None,
        sections=sections(reader, language=visit.language) if person else [],
    )


async def look_up(visit: Visit) -> Response:
    """Check the declared purpose, case and ID number, then show the result page."""
    lookup = Lookup.read(visit.form)
    if lookup.errors:
        return _form(visit, lookup, status=400)
    return visit.redirect("/work/people?lookup=" + quote(lookup.seal(visit)))


def _form(visit: Visit, lookup: Lookup, *, status: int = 200, **context: object) -> Response:
    return visit.render(
        TEMPLATE, status=status, lookup=lookup, purposes=PURPOSES, agencies=AGENCIES, **context
    )
