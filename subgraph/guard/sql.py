"""A jurisdiction as a SQL WHERE clause, so lists never load records outside it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, false, or_

from authz.scope import Jurisdiction, Scope


def where_clause(
    jurisdiction: Jurisdiction,
    *,
    region: Any = None,
    unit: Any = None,
    subjects: Sequence[Any] = (),
) -> ColumnElement[bool] | None:
    """Turn a jurisdiction into a WHERE clause over the given columns; None means no filter.

    ALL: no filter; REGION: the region column starts with the actor's region prefix; UNIT:
    the unit column is the actor's unit; SELF: a data-subject column holds the actor or a
    ward; NONE, or a scope the columns cannot express: false.
    """
    scope = jurisdiction.scope
    if scope is Scope.ALL:
        return None
    if scope is Scope.REGION and region is not None and jurisdiction.region_prefix:
        # A region prefix is digits only: nothing to escape in the LIKE pattern.
        clause: ColumnElement[bool] = region.like(jurisdiction.region_prefix + "%")
        return clause
    if scope is Scope.UNIT and unit is not None and jurisdiction.unit:
        clause = unit == jurisdiction.unit
        return clause
    if scope is Scope.SELF and subjects and jurisdiction.data_subjects:
        wanted = list(jurisdiction.data_subjects)
        return or_(*(column.in_(wanted) for column in subjects))
    return false()
