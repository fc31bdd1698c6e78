"""What a write changed, so that every screen showing that kind of data can refresh itself.

A write operation declares the ``Area``s it changes; the GUI's operation runner announces them once after the
write has been committed. Screens declare the areas they show and reload when one of them changed.
"""

from __future__ import annotations

import enum


class Area(enum.Flag):
    MEMBERS = enum.auto()  # 妇联执委/成员名册
    HELPED = enum.auto()  # 帮扶对象
    PLEDGES = enum.auto()  # 承诺践诺
    CASES = enum.auto()  # 矛盾纠纷调解
    GRIDS = enum.auto()  # 网格、住户、服务记录
    COUNCIL = enum.auto()  # 议事会
    PROFILE = enum.auto()  # 村妇联信息
    SETTINGS = enum.auto()  # 各项设置
    POINTS = enum.auto()  # 志愿积分兑换
    DUTY = enum.auto()  # 调解值班、12338 热线值班
    ALL = MEMBERS | HELPED | PLEDGES | CASES | GRIDS | COUNCIL | PROFILE | SETTINGS | POINTS | DUTY
