"""Every message the pages show has its Chinese text; the language follows the visitor's choice."""

from __future__ import annotations

import ast
import json
from importlib import resources
from pathlib import Path

from jinja2 import Environment

from web.app import template_environment
from web.i18n import catalog

WEB = Path(resources.files("web"))  # type: ignore[arg-type]


def template_messages(env: Environment) -> set[str]:
    """The `_()` messages of every template."""
    found: set[str] = set()
    for name in env.list_templates(extensions=["html"]):
        source = (WEB / "templates" / name).read_text("utf-8")
        found |= {
            message
            for _, _, message in env.extract_translations(source)
            if isinstance(message, str)
        }
    return found


def code_messages() -> set[str]:
    """The literal messages of `N_("...")` and `visit._("...")` calls in the web package."""
    found: set[str] = set()
    for path in WEB.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            callee = node.func
            name = callee.id if isinstance(callee, ast.Name) else getattr(callee, "attr", "")
            first = node.args[0]
            if (
                name in {"N_", "_"}
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                found.add(first.value)
    return found


def test_every_message_has_its_chinese_text() -> None:
    # given every message of the templates and the code, when looked up in the zh catalog
    messages = template_messages(template_environment()) | code_messages()
    missing = sorted(message for message in messages if message not in catalog("zh"))
    # then none is missing (and there are messages at all)
    assert (len(messages) > 40, missing) == (True, [])


def test_no_message_has_two_different_chinese_texts() -> None:
    # given the zh files of every part of the site, when their messages are put side by side
    seen: dict[str, set[str]] = {}
    for part in sorted((WEB / "locales" / "zh").glob("*.json")):
        for message, chinese in json.loads(part.read_text("utf-8")).items():
            seen.setdefault(message, set()).add(chinese)
    # then a message shared by two parts reads the same in both
    assert {message: texts for message, texts in seen.items() if len(texts) > 1} == {}


def test_data_passed_through_the_translation_function_is_still_escaped() -> None:
    # given a template that labels a value of the API with `_()`
    template = template_environment().from_string("<p>{{ _(value) }} {{ _('Sign in') }}</p>")
    # when the value is markup a hostile record could hold
    page = template.render(lang="zh", value='<script>alert("x")</script>')
    # then it is shown as text, and known messages are translated
    assert page == "<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; 登录</p>"
