from __future__ import annotations

from .common import add_db_argument, fail, open_db

LABELS = {
    "members": "成员",
    "helped": "帮扶对象",
    "pledges": "承诺",
    "progress": "践诺记录",
    "cases": "调解案件",
    "grids": "网格",
    "households": "户",
    "services": "网格服务",
    "meetings": "议事会",
    "redemptions": "积分兑换",
    "ballot_counts": "上年民主测评人数",
    "decisions": "议事决议",
    "linked": "关联到户的当事人和帮扶对象",
    "duty_shifts": "值班安排",
}


def register(sub) -> None:
    parser = sub.add_parser("demo", help="创建演示村（只写入空的数据文件）")
    add_db_argument(parser)
    parser.add_argument("--seed", type=int, default=2026, help="随机种子（相同种子得到相同数据）")
    parser.add_argument("--village", help="村（社区）名称（默认：杉板村），用于试做多个村的乡镇汇总")
    parser.set_defaults(func=run, writes=True)


def run(args) -> int:
    from fedclient.core.demo import DemoRefused, create_demo

    db = open_db(args)
    try:
        counts = db.run(create_demo, seed=args.seed, village=args.village)
    except DemoRefused as exc:
        fail(str(exc))
    finally:
        db.dispose()
    summary = "，".join(f"{LABELS.get(key, key)} {n}" for key, n in counts.items())
    print(f"已创建演示数据：{summary}。数据文件：{db.path}")
    return 0
