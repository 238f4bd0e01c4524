"""A list page whose items each carry a one-field form (answer a question, urge an application):
the page asked for, a form posted once, and what the page then says above its items."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from web.gateway import GraphQLResult
from web.i18n import N_
from web.kit import Visit
from web.paging import PageRequest, next_cursor, page_links
from web.problems import Problem
from web.workbench.operations import PURPOSE
from web.workbench.problems import STAFF_WORDS
from web.workbench.validation import normalized_text, text_problem

INVALID_PAGE = N_("This page link is not valid: start again from the first page.")
Context = Callable[[Visit, GraphQLResult, list[dict[str, Any]]], dict[str, Any]]


@dataclass(frozen=True)
class Outcome:
    """What the page says above its items: the item whose form was done, or a problem with the
    page link or with a form (its item's number, the text as typed, the message)."""

    status: int = 200
    done: str | None = None
    page_error: str | None = None
    failed: tuple[str, str, str] | None = None
    refused: Problem | None = None


@dataclass(frozen=True)
class ItemForms:
    """One such page: its address and template, its list, its form and what the form sends."""

    path: str
    template: str
    query: str  # reads a page of the list (`$after`) and whatever `context` shows
    list_field: str
    context: Context  # the template's own values, from the answer and the page's items
    is_number: Callable[[str], bool]
    unknown: str  # the message when the posted number is not one of an item
    done: str  # the address parameter naming the item whose form was done
    field: str  # the form's text field, sent to `mutation` with the item's `number`
    mutation: str
    mutation_field: str

    async def show(self, visit: Visit) -> Response:
        """The page of the list the address asks for (the first when its link is invalid)."""
        paging = PageRequest.of(visit.request.query_params)
        done = visit.request.query_params.get(self.done, "")
        outcome = Outcome(
            done=done if self.is_number(done) else None,
            page_error=None if paging.valid else INVALID_PAGE,
        )
        return await self.page(visit, paging, outcome)

    async def post(self, visit: Visit) -> Response:
        """Send an item's form once; on a problem, the first page with the text kept."""
        number, text = visit.form.get("number"), visit.form.get(self.field)
        if not self.is_number(number):
            return await self.page(visit, PageRequest(), Outcome(400, page_error=self.unknown))
        problem = text_problem(text, required=True)
        if problem is not None:
            return await self.page(
                visit, PageRequest(), Outcome(400, failed=(number, text, problem))
            )
        variables = {"number": number, self.field: normalized_text(text)}
        result = await visit.query(self.mutation, variables, purpose=PURPOSE, case=number)
        if not result.errors and result.data.get(self.mutation_field):
            return visit.redirect(f"{self.path}?{self.done}={number}")
        refused = STAFF_WORDS.refusal(result)
        outcome = Outcome(refused.status, failed=(number, text, refused.message), refused=refused)
        return await self.page(visit, PageRequest(), outcome)

    async def page(self, visit: Visit, paging: PageRequest, outcome: Outcome) -> Response:
        """Draw a page of the list with the outcome above it."""
        result = await visit.query(self.query, {"after": paging.after or None}, purpose=PURPOSE)
        page: dict[str, Any] = result.data.get(self.list_field) or {}
        previous, following = page_links(
            self.path, {}, after=paging.after, trail=paging.trail, end=next_cursor(page)
        )
        return visit.render(
            self.template,
            status=outcome.status,
            outcome=outcome,
            problem=STAFF_WORDS.of(result),
            previous=previous,
            following=following,
            **self.context(visit, result, page.get("items") or []),
        )
