"""Recognisers for tables: a header row of ledger columns with blank (or pre-numbered) rows below, and a
township summary with one row per village (a 村名/单位 column) of which only her village's row is filled."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..monthly_report.layout import LEDGERS, ROSTER
from ..synonyms import PROFILE_WORDS, best_match, match_score, normalise, synonyms_of
from .grid import Grid
from .labels import match_label
from .sources import COUNCIL, EXECUTIVES, INDICATOR, TABLES, VOLUNTEERS

TOTAL_WORDS = ("合计", "总计", "小计", "共计")
GENERIC = {"序号", "日期", "备注", "状态", "姓名", "职务", "单位"}
VILLAGE_WORDS = {"村": ("村名", *PROFILE_WORDS["村(社区)"], "单位", "填报单位", "单位名称", "村(社区)名称")}


@dataclass
class LedgerTable:
    header_row: int  # last row of the header
    table: str  # one of sources.TABLES
    columns: dict[int, str]  # column index -> ledger column
    unknown: dict[int, str]  # column index -> header text not understood
    body: list[int] = field(default_factory=list)  # blank rows to fill
    total_row: int | None = None
    seq_col: int | None = None
    occupied: bool = False  # rows below the header already hold data: the table is not a blank one


@dataclass
class VillageTable:
    header_row: int
    village_col: int
    columns: dict[int, str]  # column index -> indicator key
    unknown: dict[int, str]
    row: int | None  # her village's row
    first_row: int
    last_row: int


def _header_cells(grid: Grid, row: int) -> dict[int, str]:
    cells = {}
    for col in range(1, grid.max_col + 1):
        if grid.top_left(row, col)[1] == col and grid.text(row, col):
            cells[col] = grid.text(row, col)
    return cells


def _vocabulary(ledger: str) -> dict[str, tuple[str, ...]]:
    return {c: synonyms_of(c) for c in LEDGERS[ledger]}


def _ledger_header(grid: Grid, row: int) -> LedgerTable | None:
    cells = _header_cells(grid, row)
    if len(cells) < 2:
        return None
    # A row of indicator labels (执委人数 | 巾帼志愿者人数 | 网格数) is not a ledger's header, whatever it contains.
    indicators = sum(1 for text in cells.values() if (match_label(text)[0] or "").startswith(INDICATOR))
    best: tuple[int, int, str, dict[int, str]] | None = None
    for ledger in LEDGERS:
        vocabulary = _vocabulary(ledger)
        exact = {
            c: n for c, t in cells.items() for n, w in vocabulary.items() if match_score(t, (n, *w)) == 2
        }
        distinct = len(set(exact.values()) - GENERIC)
        score = (len(set(exact.values())), distinct)
        if score[0] >= 2 and distinct >= 1 and score[0] > indicators and (best is None or score > best[:2]):
            best = (*score, ledger, exact)
    if best is None:
        return None
    _, _, ledger, exact = best
    found: dict[int, str] = {}
    vocabulary = {"序号": synonyms_of("序号"), **_vocabulary(ledger)}  # every table may number its rows
    for col, text in cells.items():  # the header's other columns, by the looser match too
        name = exact.get(col) or best_match(text, vocabulary)
        if name and name not in found.values():
            found[col] = name
    unknown = {c: t for c, t in cells.items() if c not in found}
    seq = next((c for c, name in found.items() if name == "序号"), None)
    return LedgerTable(grid.span(row, min(cells))[2], ledger, found, unknown, seq_col=seq)


def which_table(ledger: str, context: str) -> str:
    """The roster's subset a form asks for, from its title and sheet name."""
    if ledger != ROSTER:
        return ledger
    if "志愿" in context:
        return VOLUNTEERS
    if "议事" in context:
        return COUNCIL
    return EXECUTIVES if "执委" in context else ROSTER


def _body(grid: Grid, table: LedgerTable) -> None:
    cols = sorted(set(table.columns) | set(table.unknown))
    row = table.header_row + 1
    while row <= grid.max_row:
        texts = [grid.text(row, c) for c in range(1, grid.max_col + 1)]
        if any(t.replace(" ", "").replace("\u3000", "").startswith(TOTAL_WORDS) for t in texts if t):
            table.total_row = row
            return
        filled = [
            c
            for c in cols
            if c != table.seq_col and not grid.is_empty(row, c) and not grid.is_formula(row, c)
        ]
        numbered = table.seq_col is not None and not grid.is_empty(row, table.seq_col)
        if filled or not (numbered or any(grid.bordered(row, c) for c in cols)):
            table.occupied = bool(filled) and not table.body
            return
        table.body.append(row)
        row += 1


def find_ledger_tables(grid: Grid) -> list[LedgerTable]:
    found = []
    row = 1
    while row <= grid.max_row:
        table = _ledger_header(grid, row)
        if table is None:
            row += 1
            continue
        context = grid.ws.title + "".join(
            grid.text(r, c) for r in range(1, row) for c in range(1, grid.max_col + 1)
        )
        table.table = which_table(table.table, context)
        _body(grid, table)
        found.append(table)
        row = (table.total_row or (table.body[-1] if table.body else table.header_row)) + 1
    return found


def _column_text(grid: Grid, row: int, col: int) -> list[str]:
    """A column's header, alone and with the group header above it (调解纠纷 / 本月受理)."""
    own = grid.text(row, col)
    above = (
        grid.text(row - 1, col) if row > 1 and grid.top_left(row - 1, col) != grid.top_left(row, col) else ""
    )
    return [own] + ([above + own, own + above] if above and above != own else [])


def _village_matches(text: str, village: str) -> bool:
    def core(s: str) -> str:
        s = normalise(s)
        return s[: -len("妇联")] if s.endswith("妇联") else s

    a, b = core(text), core(village)
    return bool(a and b) and (
        a == b or (len(b) >= 2 and b in a) or (len(a) >= 2 and a in b and a.endswith(("村", "社区")))
    )


def find_village_table(grid: Grid, village: str) -> VillageTable | None:
    for row in range(1, min(grid.max_row, 40) + 1):
        cells = _header_cells(grid, row)
        village_col = next((c for c, t in cells.items() if best_match(t, VILLAGE_WORDS) == "村"), None)
        if village_col is None:
            continue
        columns, unknown = {}, {}
        for col in range(village_col + 1, grid.max_col + 1):
            if grid.top_left(row, col)[1] != col or not grid.text(row, col):
                continue
            keys = [match_label(t)[0] for t in _column_text(grid, row, col)]
            key = next((k for k in keys if k and k.startswith(INDICATOR)), None)
            if key:
                columns[col] = key
            else:
                unknown[col] = grid.text(row, col)
        if len(columns) < 2:
            continue
        header_end = grid.span(row, village_col)[2]
        first = header_end + 1
        last, mine, blank = first - 1, None, None
        for r in range(first, grid.max_row + 1):
            text = grid.text(r, village_col)
            if text and normalise(text).startswith(TOTAL_WORDS):
                break
            if not text and not any(grid.bordered(r, c) for c in columns):
                break
            last = r
            if text and _village_matches(text, village):
                mine = r
            elif (
                not text
                and blank is None
                and all(grid.fillable(r, c) or grid.is_formula(r, c) for c in columns)
            ):
                blank = r
        return VillageTable(header_end, village_col, columns, unknown, mine or blank, first, last)
    return None


def region(
    grid: Grid, header_row: int, last_row: int, first_header_row: int | None = None
) -> set[tuple[int, int]]:
    start = first_header_row or header_row
    return {(r, c) for r in range(start, last_row + 1) for c in range(1, grid.max_col + 1)}


def table_ledger(table: str) -> str:
    return TABLES[table]
