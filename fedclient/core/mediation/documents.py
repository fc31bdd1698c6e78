"""Case documents as HTML for fedclient.ui.printing: 受理登记表, 调解协议书, 回访记录 (A4 portrait).

These go to the parties and the station's own file, so they carry full names. They never go on a board.
"""

from __future__ import annotations

from datetime import date
from html import escape

from sqlalchemy.orm import Session

from ..printed import keep_together
from ..village import get_profile
from ..vocab import PARTY_SIDES
from .service import CaseRecord, case_id_by_number, get_case

CN_NUMBERS = dict(enumerate("零一二三四五六七八九十", 0))
KINDS = {"registration": "受理登记表", "agreement": "调解协议书", "followup": "回访记录"}

STYLE = """
<style>
  h1 { font-size: 20pt; font-weight: bold; text-align: center; margin: 0 0 4pt 0; }
  p.sub { text-align: center; font-size: 11pt; margin: 0 0 12pt 0; }
  table.form { border-collapse: collapse; width: 100%; }
  table.form td, table.form th { border: 1px solid #000; padding: 6pt; font-size: 12pt; vertical-align: top; }
  table.form th { font-weight: bold; background: #f2f2f2; }
  td.k { font-weight: bold; white-space: nowrap; }
  p { font-size: 12pt; line-height: 160%; margin: 4pt 0; }
  p.h { font-weight: bold; margin-top: 10pt; }
  table.sign td { font-size: 12pt; line-height: 260%; }
</style>
"""


class DocumentRefused(Exception):
    pass


def _e(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    return escape(str(value)).replace("\n", "<br/>")


def _station(session: Session) -> str:
    profile = get_profile(session)
    village = f"{profile.township}{profile.village}" if profile and profile.village else ""
    return f"{village}妇联婚姻家庭纠纷调解站"


def _head(session: Session, title: str, record: CaseRecord) -> str:
    return (
        f"<html><head>{STYLE}</head><body><h1>{title}</h1>"
        f"<p class='sub'>{_e(_station(session))}&nbsp;&nbsp;&nbsp;&nbsp;编号：{_e(record.draft.number)}</p>"
    )


def _parties_table(record: CaseRecord) -> str:
    rows = "".join(
        f"<tr><td>{PARTY_SIDES.get(p.side, p.side)}</td><td>{_e(p.name)}</td><td>{_e(p.gender)}</td>"
        f"<td>{_e(p.age)}</td><td>{_e(p.phone)}</td><td>{_e(p.address)}</td><td>{_e(p.relationship)}</td></tr>"
        for p in record.draft.parties
    )
    return (
        "<table class='form' border='1' cellspacing='0' cellpadding='6' width='100%'><thead><tr><th>身份</th><th>姓名</th>"
        "<th>性别</th><th>年龄</th><th>联系电话</th><th>住址或所在组</th><th>双方关系</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _mediators(record: CaseRecord) -> str:
    return "、".join(record.mediator_names.get(i, "") for i in record.draft.mediator_ids)


def registration_html(session: Session, record: CaseRecord) -> str:
    d = record.draft
    flags = [
        label
        for flag, label in (
            (d.flag_criminal_risk, "民转刑倾向"),
            (d.flag_petition_risk, "群体上访倾向"),
            (d.flag_self_harm_risk, "自伤自杀倾向"),
        )
        if flag
    ]
    risk = d.risk_level + ("（" + "、".join(flags) + "）" if flags else "")

    def row(*cells: tuple[str, str]) -> str:
        span = " colspan='3'" if len(cells) == 1 else ""
        return (
            "<tr>"
            + "".join(f"<td class='k' width='16%'>{k}</td><td{span}>{v}</td>" for k, v in cells)
            + "</tr>"
        )

    table = (
        "<table class='form' border='1' cellspacing='0' cellpadding='6' width='100%'>"
        + row(("受理日期", _e(d.received_date)), ("案件来源", _e(d.source)))
        + row(("纠纷类型", _e(d.dispute_type)), ("风险等级", _e(risk)))
        + row(("纠纷简要情况", _e(d.description)))
        + row(("主要事实及争议", _e(d.facts) or "　"))
        + row(("调解方法", _e("、".join(d.methods)) or "　"))
        + row(("调解员", _e(_mediators(record)) or "　"))
        + (row(("来源说明", _e(record.service_label))) if record.service_label else "")
        + "</table>"
    )
    return (
        _head(session, "矛盾纠纷受理登记表", record)
        + "<p class='h'>一、当事人基本情况</p>"
        + _parties_table(record)
        + "<p class='h'>二、受理情况</p>"
        + table
        + "<p>&nbsp;</p><table class='sign' width='100%'><tr><td>登记人（签名）：＿＿＿＿＿＿</td>"
        + f"<td align='right'>登记日期：{_e(d.received_date)}</td></tr></table></body></html>"
    )


def agreement_html(session: Session, record: CaseRecord) -> str:
    d = record.draft
    if d.outcome != "调解成功":
        raise DocumentRefused(f"案件{d.number}没有达成调解协议，不能打印调解协议书")
    parties = "".join(
        f"<p>{PARTY_SIDES.get(p.side, p.side)}：{_e(p.name)}，{_e(p.gender) or '—'}，"
        f"{_e(p.age) + '岁' if p.age else '年龄不详'}，住{_e(p.address) or '—'}，联系电话：{_e(p.phone) or '—'}。</p>"
        for p in d.parties
    )
    terms = [line.strip() for line in d.agreement_terms.splitlines() if line.strip()]
    numbered = (
        "".join(f"<p>{i}. {_e(t)}</p>" for i, t in enumerate(terms, 1))
        if len(terms) > 1
        else f"<p>{_e(terms[0])}</p>"
    )
    performance = _e(d.performance_method) or "双方自觉履行"
    deadline = f"，于{_e(d.performance_deadline)}前履行完毕" if d.performance_deadline else ""
    # One copy per party plus the station's; "双方" only when there are exactly two parties.
    copies = CN_NUMBERS.get(len(d.parties) + 1, str(len(d.parties) + 1))
    holders = "双方当事人" if len(d.parties) == 2 else "各方当事人"
    signs = "".join(
        f"<tr><td width='50%'>{PARTY_SIDES.get(p.side, p.side)}（签名）：＿＿＿＿＿＿</td>"
        f"<td>（{_e(p.name)}）</td></tr>"
        for p in d.parties
    )
    return (
        _head(session, "婚姻家庭纠纷调解协议书", record)
        + "<p class='h'>当事人</p>"
        + parties
        + "<p class='h'>纠纷主要事实、争议事项</p>"
        + f"<p>{_e(d.facts or d.description)}</p>"
        + f"<p>经调解员调解，{holders}在平等自愿的基础上，达成如下协议：</p>"
        + "<p class='h'>协议内容</p>"
        + numbered
        + "<p class='h'>履行方式、时限</p>"
        + f"<p>{performance}{deadline}。</p>"
        + keep_together(  # the signature lines and the sentence they sign stay on one page
            f"<p>本协议经各方当事人和调解员签名后生效。本协议一式{copies}份，{holders}各执一份，调解站留存一份。</p>"
            + f"<p>&nbsp;</p><table class='sign' width='100%'>{signs}"
            + f"<tr><td>调解员（签名）：＿＿＿＿＿＿</td><td>（{_e(_mediators(record))}）</td></tr>"
            + f"<tr><td>调解站（盖章）</td><td>{_e(d.outcome_date)}</td></tr></table>"
        )
        + "</body></html>"
    )


def followup_html(session: Session, record: CaseRecord) -> str:
    d = record.draft
    if not record.followups:
        raise DocumentRefused(f"案件{d.number}还没有回访记录")
    summary = (
        f"<p>纠纷类型：{_e(d.dispute_type)}&nbsp;&nbsp;&nbsp;&nbsp;受理日期：{_e(d.received_date)}&nbsp;&nbsp;&nbsp;&nbsp;"
        f"调解结果：{_e(d.outcome or '尚无')}（{_e(d.outcome_date)}）</p>"
        f"<p>当事人：{_e('、'.join(p.name for p in d.parties))}</p>"
    )
    if d.outcome == "调解成功":
        summary += f"<p>协议内容：{_e(d.agreement_terms)}</p>"
    else:
        summary += f"<p>转介去向：{_e(d.referred_to)}</p>"
    rows = "".join(
        f"<tr><td>{i}</td><td>{_e(f.visit_date)}</td><td>{_e(f.visitor_name)}</td>"
        f"<td>{'已履行' if f.performed else '未履行'}</td><td>{_e(f.satisfaction)}</td>"
        f"<td>{_e(f.relapse_signs) or '无'}</td><td>{_e(f.notes)}</td></tr>"
        for i, f in enumerate(record.followups, 1)
    )
    table = (
        "<table class='form' border='1' cellspacing='0' cellpadding='6' width='100%'><thead><tr><th>次数</th><th>回访日期</th>"
        "<th>回访人</th><th>协议履行</th><th>满意度</th><th>反弹迹象</th><th>情况记录</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    return (
        _head(session, "矛盾纠纷调解回访记录", record)
        + summary
        + table
        + "<p>&nbsp;</p><table class='sign' width='100%'><tr><td>回访人（签名）：＿＿＿＿＿＿</td>"
        + "<td>当事人（签名）：＿＿＿＿＿＿</td></tr></table></body></html>"
    )


BUILDERS = {"registration": registration_html, "agreement": agreement_html, "followup": followup_html}


def document_html(session: Session, case_id: int, kind: str) -> tuple[str, str]:
    """(title, html) of one document of one case; DocumentRefused when it cannot be made."""
    record = get_case(session, case_id)
    if record is None:
        raise DocumentRefused("该案件已不存在")
    return f"{record.draft.number} {KINDS[kind]}", BUILDERS[kind](session, record)


def document_html_by_number(session: Session, number: str, kind: str) -> tuple[str, str]:
    case_id = case_id_by_number(session, number)
    if case_id is None:
        raise DocumentRefused(f"没有编号为 {number} 的案件")
    return document_html(session, case_id, kind)
