"""How fast the 住户 list answers with many households: run by hand, prints timings.

.venv/bin/python benchmarks/grid_households.py [HOUSEHOLDS]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from fedclient.core import grids
from fedclient.core.grids import households
from fedclient.core.grids.households import address_sort_key
from fedclient.core.migrate import open_database
from fedclient.core.models import Grid, GridService, GridServiceHousehold, Household
from fedclient.core.pinyin import initials_index


def main(n: int) -> None:
    rng = random.Random(1)
    today = date(2026, 11, 25)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.sqlite")
        with db.session() as s:
            grid_ids = []
            for i in range(1, 41):
                g = Grid(number=i, name=f"{i}组片")
                s.add(g)
                s.flush()
                grid_ids.append(g.id)
            surnames, given = "王李张刘陈杨赵黄周吴", "秀英桂兰玉梅丽红芳霞"
            s.add_all(
                Household(
                    contact_name=(name := rng.choice(surnames) + rng.choice(given) + rng.choice(given)),
                    name_initials=initials_index(name),
                    address=(address := f"{rng.randint(1, 40)}组{rng.randint(1, 300)}号"),
                    address_key=address_sort_key(address),
                    grid_id=rng.choice(grid_ids),
                )
                for _ in range(n)
            )
            s.flush()
            for _ in range(n // 5):
                svc = GridService(
                    date=today - timedelta(days=rng.randint(0, 700)),
                    grid_id=rng.choice(grid_ids),
                    role="政策宣传",
                    description="走访",
                )
                s.add(svc)
                s.flush()
                s.add_all(
                    GridServiceHousehold(service_id=svc.id, household_id=h)
                    for h in {rng.randint(1, n) for _ in range(4)}
                )
        cases = {
            "全部（第一页）": grids.HouseholdFilter(),
            "拼音首字母 wxy": grids.HouseholdFilter(text="wxy"),
            "一个网格": grids.HouseholdFilter(grid_id=grid_ids[3]),
            "久未走访 90 天": grids.HouseholdFilter(unvisited_days=90, today=today),
        }
        print(f"{n} 户，{n // 5} 条服务记录")
        for label, filters in cases.items():
            start = time.perf_counter()
            ids = db.run(households.list_ids, filters)
            page = db.run(households.rows_by_ids, ids[:200])
            print(
                f"{label:<16} 计数 {len(ids):>6}  首页 {len(page):>3} 行  {1000 * (time.perf_counter() - start):7.1f} ms"
            )
        start = time.perf_counter()
        db.run(grids.coverage, today)
        print(f"覆盖情况（{len(grid_ids)} 个网格） {1000 * (time.perf_counter() - start):7.1f} ms")
        db.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
