"""What the history knows about each table, read once from the models' metadata: which tables it records,
their keys, the columns it compares, and the rows the database itself deletes or changes with a record
(``ON DELETE CASCADE`` / ``SET NULL``), which no session event sees."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import Table

# Bookkeeping, not records of the chair's: never recorded. A new table can opt out with
# ``__table_args__ = {"info": {"history": False}}``.
NOT_RECORDED = {"app_meta", "settings", "case_number_counters", "change_log"}
# Derived from other columns, or kept by the database itself: never compared.
NOT_COMPARED = {"created_at", "updated_at", "name_initials", "address_key"}


@dataclass
class TableInfo:
    table: Table
    keys: list[str]
    columns: list[str]
    foreign: dict[str, str]  # column -> referred table
    owner: str | None  # the column pointing (ON DELETE CASCADE) at the record that owns this one
    cascades: list[tuple[Table, str, str]] = field(default_factory=list)  # (child, its column, our column)
    nulls: list[tuple[Table, str, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.table.name

    def key_of(self, values: dict) -> str:
        return ":".join(str(values.get(k)) for k in self.keys)


def recorded(table: Table) -> bool:
    return table.name not in NOT_RECORDED and table.info.get("history", True)


@cache
def _all() -> dict[str, TableInfo]:
    from fedclient.core.models import Base

    infos: dict[str, TableInfo] = {}
    for table in Base.metadata.sorted_tables:
        if not recorded(table):
            continue
        foreign, owner = {}, None
        for column in table.columns:
            for fk in column.foreign_keys:
                foreign[column.name] = fk.column.table.name
                if owner is None and fk.ondelete == "CASCADE":
                    owner = column.name
        infos[table.name] = TableInfo(
            table=table,
            keys=[c.name for c in table.primary_key.columns],
            columns=[c.name for c in table.columns if c.name not in NOT_COMPARED],
            foreign=foreign,
            owner=owner,
        )
    for info in infos.values():
        for column in info.table.columns:
            for fk in column.foreign_keys:
                parent = infos.get(fk.column.table.name)
                if parent is None:
                    continue
                link = (info.table, column.name, fk.column.name)
                if fk.ondelete == "CASCADE":
                    parent.cascades.append(link)
                elif fk.ondelete == "SET NULL":
                    parent.nulls.append(link)
    return infos


def table_info(name: str) -> TableInfo | None:
    return _all().get(name)


def all_tables() -> list[TableInfo]:
    return list(_all().values())
