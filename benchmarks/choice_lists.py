"""What telling namesakes apart costs the choice lists (承诺人, 帮扶人, 调解员, 责任人, 值班, …): run by hand on a copy
of a county-scale file (it only reads).

.venv/bin/python benchmarks/choice_lists.py FILE.sqlite [RUNS]

Each run reads ``member_choices`` (every member in office, with the words that tell namesakes apart) paired with,
just before it, the same query labelled without them (the floor: what the list took before), so the machine's
load weighs on both alike; then ``namesakes_apart`` alone. Medians of RUNS.
"""

from __future__ import annotations

import statistics
import sys
import time

from sqlalchemy import select

from fedclient.core.database import Database
from fedclient.core.members.choice_names import namesakes_apart
from fedclient.core.members.office import ROLE_RANK
from fedclient.core.members.query import member_choices
from fedclient.core.models import Member
from fedclient.core.vocab import ROLES


def plain_choices(session) -> list[tuple[int, str]]:
    """The list as it was read before namesakes were told apart."""
    query = select(Member.id, Member.name, Member.role).where(Member.status == "active")
    query = query.order_by(Member.status, ROLE_RANK, Member.name_initials, Member.id)
    return [
        (member_id, f"{name}（{ROLES.get(role, role)}）") for member_id, name, role in session.execute(query)
    ]


def ms(db: Database, read) -> float:
    start = time.perf_counter()
    db.run(read)
    return (time.perf_counter() - start) * 1000


def main(path: str, runs: int = 7) -> None:
    db = Database(path)
    try:
        shown = db.run(member_choices)
        told = sum(1 for _id, label in shown if "同名" in label or "组" in label or "年" in label)
        print(
            f"{len(shown)} choices, {len(db.run(namesakes_apart))} members share a name, {told} labels tell them apart"
        )
        floor, told_apart, alone = [], [], []
        for _ in range(runs):
            floor.append(ms(db, plain_choices))
            told_apart.append(ms(db, member_choices))
            alone.append(ms(db, namesakes_apart))
        print(
            f"member_choices: median {statistics.median(told_apart):.1f} ms (floor, the plain list: "
            f"{statistics.median(floor):.1f} ms); namesakes_apart alone {statistics.median(alone):.1f} ms; {runs} runs"
        )
    finally:
        db.dispose()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 7)
