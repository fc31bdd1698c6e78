"""The recovery-code sheet for the federation's cabinet (HTML, printed by ``ui.printing``)."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from .recovery import grouped

WARNING = "没有开机密码、也没有恢复码，任何人（包括技术支持人员）都无法读出这台电脑上的村妇联工作台数据。"


def recovery_sheet_html(code: str, data_file: Path, village: str = "", made: date | None = None) -> str:
    made = made or date.today()
    title = f"{escape(village)}妇联 " if village else ""
    return f"""
<h2 style="text-align:center">{title}村妇联工作台 恢复码</h2>
<p style="text-align:center; font-size:26pt; letter-spacing:2pt"><b>{escape(grouped(code))}</b></p>
<table border="1" cellpadding="6" cellspacing="0" width="100%">
<tr><td width="22%">生成日期</td><td>{made:%Y年%m月%d日}</td></tr>
<tr><td>数据文件</td><td>{escape(str(data_file))}</td></tr>
<tr><td>用途</td><td>忘记开机密码时，在登录窗口点“忘记密码”，输入这个恢复码，就可以重新设置开机密码。
也能打开用它保护的备份（备份文件旁的同名 .key 文件要一起保存）。</td></tr>
</table>
<p><b>{WARNING}</b></p>
<ul>
<li>请把这张纸放进妇联的文件柜锁好，不要和电脑放在一起，不要拍照发到群里。</li>
<li>恢复码用过一次后，程序会生成新的恢复码，请打印新的一张，旧的这张作废（它仍能打开以前的备份）。</li>
<li>字母不分大小写；易混的 0/O、1/I 不会出现在恢复码中。</li>
</ul>
<p>保管人签字：________________　　　日期：________________</p>
"""
