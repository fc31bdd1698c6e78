"""Printed records of the grids domain: the council meeting's 议事纪要 and the household file (一户一档).

Both are internal records of the federation, never posted: the 议事纪要 names the people responsible for each
decision; the household file names the household's own people (its contact, the parties who live there, the
people helped who live there) but never the other side of a dispute, no ID number, no description of a
dispute (domestic violence details stay in the case file), only its type, risk level and state.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ..printed import e, form_document, form_table, keep_together
from ..village import get_profile
from .council import get_meeting
from .household_file import household_file


class NotFound(Exception):
    pass


def _federation(session: Session) -> str:
    profile = get_profile(session)
    return f"{profile.township}{profile.village}妇联" if profile and profile.village else "村妇联"


def _fields(pairs: list[tuple[str, str]]) -> str:
    """Label/value pairs two per row."""
    rows = []
    for i in range(0, len(pairs), 2):
        cells = "".join(
            f"<td class='k' width='14%'>{k}</td><td width='36%'>{v}</td>" for k, v in pairs[i : i + 2]
        )
        if len(pairs[i : i + 2]) == 1:
            cells = f"<td class='k' width='14%'>{pairs[i][0]}</td><td colspan='3'>{pairs[i][1]}</td>"
        rows.append(f"<tr>{cells}</tr>")
    return (
        "<table class='form' border='1' cellspacing='0' cellpadding='4' width='100%'>"
        + "".join(rows)
        + "</table>"
    )


def minutes_html(session: Session, meeting_id: int) -> tuple[str, str]:
    """(title, html) of one meeting's 议事纪要."""
    m = get_meeting(session, meeting_id)
    if m is None:
        raise NotFound("该会议记录已被删除")
    source = m.topic_source + (f"（{m.topic_source_detail}）" if m.topic_source_detail else "")
    body = _fields(
        [
            ("会议时间", e(m.date)),
            ("会议地点", e(m.place)),
            ("议题类别", e(m.topic_category)),
            ("议题来源", e(source) or "未填写"),
            ("议题", e(m.topic)),
            ("参会人数", f"{m.participants_count}人"),
            ("参会人员", e(m.participants) or "—"),
        ]
    )
    body += "<p class='h'>议事情况</p>" + f"<p>{e(m.decisions) or '—'}</p>"
    rows = [
        [
            str(n),
            e(d.content),
            e(d.responsible_name),
            e(d.due_date),
            e(d.status + (f"（{d.done_date.month}月{d.done_date.day}日）" if d.done_date else ""))
            + (f"<br/>{e(d.outcome)}" if d.outcome else ""),
            e(d.satisfaction) or "—",
        ]  # fmt: skip
        for n, d in enumerate(m.decision_items, 1)
    ]
    body += "<p class='h'>决议事项及落实情况</p>" + form_table(
        ["序号", "决议事项", "责任人", "完成时限", "落实情况", "群众满意度"],
        rows,
        [6, 30, 12, 18, 24, 10],
        "本次会议没有形成决议",
    )
    if m.follow_up:
        body += "<p class='h'>后续跟进</p>" + f"<p>{e(m.follow_up)}</p>"
    body += keep_together(
        "<p>&nbsp;</p><table class='sign' width='100%'><tr><td>主持人（签名）：＿＿＿＿＿＿</td>"
        "<td>记录人（签名）：＿＿＿＿＿＿</td></tr></table>"
    )
    title = f"妇女议事会议事纪要（{m.date:%Y-%m-%d}）"
    return title, form_document("妇女议事会议事纪要", e(_federation(session)), body)


def household_file_html(session: Session, household_id: int, today: date) -> tuple[str, str]:
    """(title, html) of one household's file."""
    f = household_file(session, household_id, today)
    if f is None:
        raise NotFound("该住户已被删除")
    h = f.household
    body = _fields(
        [
            ("户主/联系人", e(h.contact_name)),
            ("住址", e(h.address)),
            ("人口", f"{h.size}人"),
            ("所属网格", e(h.grid_label) or "未划入网格"),
            ("联系电话", e(h.phone) or "—"),
            ("户情标签", e(h.tags_text) or "—"),
        ]
    )
    if f.alert:
        body += f"<p class='alert'>风险提示：{e(f.alert)}</p>"
    services = [[e(s.day), e(s.role), e(s.description), e(s.served_by), e(s.result)] for s in f.services]
    body += f"<p class='h'>一、走访与服务（{len(services)}次）</p>" + form_table(
        ["日期", "类别", "服务内容", "服务人", "结果"], services, [18, 10, 44, 16, 12], "没有走访或服务记录"
    )
    disputes = [
        [e(d.number), e(d.received), e(d.dispute_type), e(d.risk_level), e(d.status), e(d.residents)]
        for d in f.disputes
    ]
    body += f"<p class='h'>二、矛盾纠纷（{len(disputes)}起）</p>" + form_table(
        ["案件编号", "受理日期", "纠纷类型", "风险等级", "办理情况", "本户当事人"], disputes, [13, 16, 14, 10, 17, 30],
        "没有本户成员为当事人的纠纷",
    )  # fmt: skip
    helped = [[e(p.name), e(p.category), e(p.status), e(p.start) or "—", e(p.end) or "—"] for p in f.helped]
    body += f"<p class='h'>三、帮扶对象（{len(helped)}人）</p>" + form_table(
        ["姓名", "类别", "状态", "开始日期", "结束日期"],
        helped,
        [20, 20, 20, 20, 20],
        "没有住在本户的帮扶对象",
    )
    body += f"<p class='note'>内部资料，注意保密，不得张贴公示。打印日期：{e(today)}</p>"
    title = f"一户一档（{h.contact_name}）"
    return title, form_document(
        "一户一档", f"{e(_federation(session))}&nbsp;&nbsp;&nbsp;&nbsp;{e(h.address)}", body
    )
