"""The staff workbench: the unit's queue, deciding applications on the one-pass verification,
person lookup for a declared purpose and case, and supervision of subordinate units."""

from __future__ import annotations

from web.kit import Page
from web.users import STAFF_KINDS, SUPERVISOR
from web.workbench.application import application, decide
from web.workbench.people import look_up, people
from web.workbench.questions import answer, questions
from web.workbench.queue import queue
from web.workbench.supervision import supervision, urge

SUPERVISORS = frozenset({SUPERVISOR})

PAGES: tuple[Page, ...] = (
    Page("/work", queue, kinds=STAFF_KINDS),
    Page("/work/applications/{number}", application, kinds=STAFF_KINDS),
    Page("/work/applications/{number}", decide, methods=("POST",), kinds=STAFF_KINDS),
    Page("/work/people", people, kinds=STAFF_KINDS),
    Page("/work/people", look_up, methods=("POST",), kinds=STAFF_KINDS),
    Page("/work/questions", questions, kinds=STAFF_KINDS),
    Page("/work/questions/answer", answer, methods=("POST",), kinds=STAFF_KINDS),
    Page("/work/supervision", supervision, kinds=SUPERVISORS),
    Page("/work/supervision/urge", urge, methods=("POST",), kinds=SUPERVISORS),
)
