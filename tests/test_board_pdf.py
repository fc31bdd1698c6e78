"""The printed notice boards: every pledge on them, nothing private, landscape of the chosen size, the table
header on every page, the Chinese font embedded."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from sqlalchemy import select

from fedclient.cli import main as cli_main
from fedclient.core import pledges as P
from fedclient.core.models import Member, Pledge, VillageProfile
from fedclient.core.pinyin import initials_index
from fedclient.core.pledges.board import pledge_board

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
TODAY = date(2026, 11, 25)


def nfkc(text: str) -> str:
    return text  # no normalisation: the text layer gives exactly the characters drawn


def pdf_text(path, page: int | None = None) -> str:
    # -raw: drawing order, so each table cell's lines stay together even when a pledge wraps.
    args = ["pdftotext", "-raw"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    return nfkc(subprocess.run(args, capture_output=True, text=True, check=True).stdout)


def flat(text: str) -> str:
    return "".join(nfkc(text).split())


def pdf_info(path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def save(db, path, year=2026, quarter=None, paper="A4"):
    from fedclient.ui.printing import save_pdf

    board = db.run(pledge_board, year, quarter, paper, date(2026, 2, 15), TODAY)
    pages = save_pdf(board.html, path, paper, True, board.footer, board.title, board.base_pt, board.footer_pt)
    return board, pages


@pytest.mark.parametrize("paper, size", [("A4", "842 x 595"), ("A3", "1191 x 842")])
def test_board_has_every_pledge_and_nothing_private(qapp, demo_db, tmp_path, paper, size):
    path = tmp_path / "board.pdf"
    _board, pages = save(demo_db, path, quarter=4, paper=paper)
    text = flat(pdf_text(path))
    with demo_db.session() as s:
        contents = s.scalars(select(Pledge.content).where(Pledge.year == 2026)).all()
        members = s.execute(select(Member.id_number, Member.phone)).all()
        chair_phone = s.get(VillageProfile, 1).chair_phone
    assert len(contents) >= 10
    for content in contents:
        assert flat(content) in text, content
    assert flat("杉板村妇联执委“一句话承诺”践诺情况公示") in text
    for word in ("监督电话：" + chair_phone, "公示日期：2026年02月15日", "欢迎群众监督", "完成进度", "状态"):
        assert flat(word) in text
    for id_number, phone in members:
        if id_number:
            assert id_number not in text and id_number[:6] + id_number[-4:] not in text
        if phone != chair_phone:
            assert flat(phone) not in text
    info = pdf_info(path)
    assert info["Pages"] == str(pages)
    assert info["Page size"].startswith(size)  # width x height: landscape
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "NotoSansCJKsc" in fonts and "CJKjp" not in fonts


def make_many(db, n=60):
    long = "每月走访辖区内留守儿童和困境儿童家庭，帮助解决学习生活中的实际困难，并建立一户一档的关爱台账"
    with db.session() as s:
        s.add(
            VillageProfile(
                id=1, county="临澧县", township="合口镇", village="杉板村", chair_phone="13800001111"
            )
        )
        for i in range(n):
            name = f"测试{i:02d}号"
            m = Member(name=name, name_initials=initials_index(name), role="executive_member",
                       phone=f"139{i:08d}", id_number=f"43072419800101{i:04d}")  # fmt: skip
            s.add(m)
            s.flush()
            content = long if i % 7 == 0 else f"第{i:02d}项：组织妇女参加技能培训"
            s.add(Pledge(member_id=m.id, year=2026, content=content, category="其他", target=5, unit="次",
                         deadline=date(2026, 12, 31)))  # fmt: skip


def test_sixty_pledges_repeat_the_header_and_number_pages(qapp, db, tmp_path):
    make_many(db)
    path = tmp_path / "many.pdf"
    _board, pages = save(db, path)
    assert pages > 1
    assert pdf_info(path)["Pages"] == str(pages)
    whole = flat(pdf_text(path))
    for i in range(60):
        assert flat(f"测试{i:02d}号") in whole
    # A long pledge wraps instead of being cut: all of it is there.
    assert flat("并建立一户一档的关爱台账") in whole
    assert whole.count(flat("并建立一户一档的关爱台账")) == len(range(0, 60, 7))
    for page in range(1, pages + 1):
        text = flat(pdf_text(path, page))
        for header in ("序号", "姓名", "职务", "承诺内容", "完成标准", "完成时限"):
            assert header in text, (page, header)
        assert f"第{page}页/共{pages}页" in text
        assert "监督电话：13800001111" in text and "欢迎群众监督" in text
    for i in range(60):
        assert f"139{i:08d}" not in whole


def test_print_board_command(qapp, demo_db, tmp_path, capsys):
    path = tmp_path / "cli.pdf"
    code = cli_main(["print-board", "--db", str(demo_db.path), "--year", "2026", "--paper", "A3",
                     "--posted", "2026-02-15", "--pdf", str(path)])  # fmt: skip
    assert code == 0 and "已保存" in capsys.readouterr().out
    info = pdf_info(path)
    assert info["Page size"].startswith("1191 x 842")
    text = flat(pdf_text(path))
    assert flat("杉板村妇联执委“一句话承诺”公示") in text and "2026年度" in text
    assert "完成进度" not in text  # the start-of-year board has no progress column
    rows = demo_db.run(P.list_pledges, P.PledgeFilters(year=2026, as_of=TODAY))
    assert all(flat(r.content) in text for r in rows)


def test_print_board_refuses_bad_input(demo_db, tmp_path, capsys):
    with pytest.raises(SystemExit):
        cli_main(["print-board", "--db", str(demo_db.path), "--year", "2026", "--quarter", "5",
                  "--pdf", str(tmp_path / "x.pdf")])  # fmt: skip
    assert not (tmp_path / "x.pdf").exists()


def test_the_start_of_year_board_keeps_the_day_the_pledges_were_posted(db):
    """Reprinted in November, the 承诺公示栏 still says when the pledges went up; a quarterly board says today."""
    make_many(db, 5)
    with db.session() as s:
        pledges = s.scalars(select(Pledge).order_by(Pledge.id)).all()
        for p in pledges:
            p.posted_date = date(2026, 2, 18)
        pledges[0].posted_date = date(2026, 3, 2)  # one added later
    board = db.run(pledge_board, 2026, None, "A4", None, TODAY)
    assert "公示日期：2026年02月18日" in board.footer(1, 1)
    quarterly = db.run(pledge_board, 2026, 3, "A4", None, TODAY)
    assert "公示日期：2026年11月25日" in quarterly.footer(1, 1)
    chosen = db.run(pledge_board, 2026, None, "A4", date(2026, 2, 20), TODAY)
    assert "公示日期：2026年02月20日" in chosen.footer(1, 1)


def test_board_dialog_offers_the_posted_day(qapp, qtbot, demo_db, ops):
    from fedclient.ui.pledges.board_dialog import BoardDialog

    with demo_db.session() as s:
        posted = s.scalar(select(Pledge.posted_date).where(Pledge.year == 2026).limit(1))
    dialog = BoardDialog(ops, 2026, None, None, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.posted.value() == posted != TODAY
    dialog.kind.setCurrentIndex(dialog.kind.findData(4))
    assert dialog.posted.value() == TODAY


def test_the_print_dialog_is_titled_by_what_she_chose(qapp, qtbot, demo_db, ops):
    from fedclient.ui.pledges.board_dialog import BoardDialog

    dialog = BoardDialog(ops, 2026, None, "assessment", TODAY)  # 文件 → 导出 → 打印执委年度履职考核表…
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "打印年度履职考核表" and "考核表" in dialog.hint.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData(3))
    assert dialog.windowTitle() == "打印第三季度践诺情况公示" and "公示栏" in dialog.hint.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData(None))
    assert dialog.windowTitle() == "打印承诺公示栏"


def test_a_pdf_that_cannot_be_written_says_why_in_chinese(qapp, demo_db, tmp_path, capsys):
    (tmp_path / "U盘").write_bytes(b"")  # a file where the folder should be: the folder cannot be made
    missing = tmp_path / "U盘" / "不存在的文件夹" / "board.pdf"
    code = None
    with pytest.raises(SystemExit) as exit_:
        code = cli_main(["print-board", "--db", str(demo_db.path), "--year", "2026", "--pdf", str(missing)])
    assert code is None and exit_.value.code != 0
    err = capsys.readouterr().err
    assert "文件夹不存在" in err and "Errno" not in err and "QPainter" not in err
    folder = tmp_path / "公示栏"
    folder.mkdir()
    with pytest.raises(OSError, match="请输入文件名"):  # a folder chosen instead of a file
        save(demo_db, folder)
    assert list(tmp_path.glob("*part*")) == []  # no half-written file left behind
