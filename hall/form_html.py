"""Printable HTML of a service's form, in Chinese with English labels, built from the catalogue.

Every text is escaped where it is written into the page, so no catalogue entry can inject markup.
"""

from __future__ import annotations

from html import escape

from hall.catalogue_common import AGENCY_NAMES, LEVEL_NAMES
from hall.catalogue_model import (
    APPLICATION_FORM,
    Applicant,
    FieldType,
    Form,
    FormField,
    Label,
    Material,
    Obtained,
    Service,
)

STYLE = """
body { font-family: "Noto Serif CJK SC", "SimSun", serif; margin: 2em; max-width: 50em; }
h1, h2 { margin: 0.2em 0; } .en { color: #444; font-size: 0.8em; margin-left: 0.6em; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; }
th, td { border: 1px solid #000; padding: 0.5em; text-align: left; vertical-align: top; }
th { width: 30%; } td.blank { height: 1.6em; } td.tall { height: 8em; }
.sign { margin-top: 2.5em; } .note { border: 1px dashed #000; padding: 0.6em; }
@media print { body { margin: 0; } }
"""

APPLICANT_ROWS = (
    Label("申请人姓名", "Applicant's name"),
    Label("申请人公民身份号码", "Applicant's citizen ID number"),
    Label("联系电话", "Telephone"),
)
PERSON_CONCERNED_ROWS = (
    Label("当事人（未成年人）姓名", "Name of the person concerned (the minor)"),
    Label("当事人公民身份号码", "Citizen ID number of the person concerned"),
    Label("申请人与当事人关系", "Applicant's relationship to the person concerned"),
)
TYPE_HINTS: dict[FieldType, Label] = {
    FieldType.NAME: Label("中文姓名", "name in Chinese characters"),
    FieldType.DATE: Label("年-月-日", "year-month-day"),
    FieldType.BOOLEAN: Label("□ 是　□ 否", "yes / no"),
}


def render_form(service: Service, form: Form) -> str:
    """Return the printable HTML page of one form of a service."""
    parts = [
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n',
        f"<title>{_e(service.name.zh)} {_e(form.title.zh)} / {_e(form.title.en)}</title>\n",
        f"<style>{STYLE}</style>\n</head>\n<body>\n",
        f"<h1>{_both(service.name)}</h1>\n<h2>{_both(form.title)}</h2>\n",
        f"<p>事项编码 Service code: {_e(service.code)}　表单编码 Form code: {_e(form.code)}</p>\n",
    ]
    if form.note is not None:
        parts.append(f'<p class="note">{_both(form.note)}</p>\n')
    if form.code == APPLICATION_FORM:
        parts.append(_section(Label("申请人", "Applicant"), APPLICANT_ROWS))
        if Applicant.PARENT_OR_GUARDIAN in service.applicants:
            parts.append(_section(Label("当事人", "Person concerned"), PERSON_CONCERNED_ROWS))
    parts.append(_fields(form.fields))
    if form.code == APPLICATION_FORM:
        parts.append(_materials(service.materials))
        parts.append(_handling(service))
    parts.extend(_signature(label) for label in form.signatures)
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def _e(text: str) -> str:
    return escape(text, quote=True)


def _both(label: Label) -> str:
    return f'{_e(label.zh)}<span class="en">{_e(label.en)}</span>'


def _section(title: Label, rows: tuple[Label, ...]) -> str:
    cells = "".join(f'<tr><th>{_both(row)}</th><td class="blank"></td></tr>\n' for row in rows)
    return f"<h3>{_both(title)}</h3>\n<table>\n{cells}</table>\n"


def _fields(fields: tuple[FormField, ...]) -> str:
    if not fields:
        return ""
    rows = "".join(_field_row(field) for field in fields)
    return f"<h3>{_both(Label('填写事项', 'Particulars'))}</h3>\n<table>\n{rows}</table>\n"


def _field_row(field: FormField) -> str:
    mark = "（必填 required）" if field.required else "（选填 optional）"
    boxes = "".join(f"□ {_both(choice.name)}<br>" for choice in field.choices)
    notes = [
        _both(label) for label in (TYPE_HINTS.get(field.type), field.help) if label is not None
    ]
    if field.max_length is not None:
        notes.append(f"≤ {field.max_length} 字 characters")
    cell = "tall" if field.multiline else "blank"
    return (
        f"<tr><th>{_both(field.name)}<br><small>{mark}</small></th>"
        f'<td class="{cell}">{boxes}<small>{"；".join(notes)}</small></td></tr>\n'
    )


def _materials(materials: tuple[Material, ...]) -> str:
    items = "".join(f"<li>{_material(material)}</li>\n" for material in materials)
    return f"<h3>{_both(Label('所需材料', 'Materials'))}</h3>\n<ul>\n{items}</ul>\n"


def _material(material: Material) -> str:
    text = _both(material.name)
    if material.condition is not None:
        text += f"（{_both(material.condition)}）"
    if material.obtained is Obtained.FETCHED and material.source is not None:
        agency = AGENCY_NAMES[material.source.agency]
        return (
            f"{text}：由平台向{_e(agency.zh)}共享获取，无需提交 "
            f"<small>fetched from {_e(agency.en)}: do not hand in</small>"
        )
    if material.original_required:
        return text + "：需提交原件 <small>original to be sent in</small>"
    return text + "：上传扫描件或照片 <small>upload a scan or photo</small>"


def _handling(service: Service) -> str:
    unit = service.accepting
    agency, level = AGENCY_NAMES[unit.agency], LEVEL_NAMES[unit.level]
    limit = service.time_limit
    fee = service.fee
    rows = [
        (Label("受理单位", "Accepting unit"), f"{_both(level)} {_both(agency)}"),
        (
            Label("办理时限", "Time limit"),
            f"承诺 {limit.promised_days} 个工作日 promised working days；"
            f"法定 {limit.legal_days} 个工作日 legal working days",
        ),
        (
            Label("收费", "Fee"),
            f"{fee.amount_fen // 100}.{fee.amount_fen % 100:02d} 元 yuan"
            + (f"（{_both(fee.basis)}）" if fee.basis is not None else ""),
        ),
    ]
    cells = "".join(f"<tr><th>{_both(title)}</th><td>{value}</td></tr>\n" for title, value in rows)
    return f"<h3>{_both(Label('办理信息', 'Handling'))}</h3>\n<table>\n{cells}</table>\n"


def _signature(label: Label) -> str:
    return (
        f'<p class="sign">{_both(label)}：＿＿＿＿＿＿＿＿　日期 Date：＿＿＿＿年＿＿月＿＿日</p>\n'
    )
