"""The citizen portal: catalogue and guides, applying, paying, progress, notices, questions,
flags, ratings and the data tracker."""

from __future__ import annotations

from web.kit import Page
from web.portal.application import application
from web.portal.application_actions import ask, flag, pay, rate
from web.portal.apply import apply_form, submit_application
from web.portal.catalogue import catalogue, guide
from web.portal.overview import applications, start
from web.portal.questions import ask_question, questions
from web.portal.shared import CITIZENS
from web.portal.tracker import tracker

POST = ("POST",)
PAGES: tuple[Page, ...] = (
    Page("/me", start, kinds=CITIZENS),
    Page("/services", catalogue),
    Page("/services/{code}", guide),
    Page("/services/{code}/apply", apply_form, kinds=CITIZENS),
    Page("/services/{code}/apply", submit_application, methods=POST, kinds=CITIZENS),
    Page("/me/applications", applications, kinds=CITIZENS),
    Page("/me/applications/{number}", application, kinds=CITIZENS),
    Page("/me/applications/{number}/pay", pay, methods=POST, kinds=CITIZENS),
    Page("/me/applications/{number}/rate", rate, methods=POST, kinds=CITIZENS),
    Page("/me/applications/{number}/ask", ask, methods=POST, kinds=CITIZENS),
    Page("/me/applications/{number}/flag", flag, methods=POST, kinds=CITIZENS),
    Page("/me/questions", questions, kinds=CITIZENS),
    Page("/me/questions", ask_question, methods=POST, kinds=CITIZENS),
    Page("/me/tracker", tracker, kinds=CITIZENS),
)
