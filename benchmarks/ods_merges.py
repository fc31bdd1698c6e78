"""Reading a 50,000-row .ods whose 所在组 is merged down over each group of 20 (what LibreOffice and WPS save),
against the same rows without merges: time and peak memory, each in a fresh process.

.venv/bin/python benchmarks/ods_merges.py [--rows 50000] [--runs 3] [--keep DIR]

- floor: python-calamine reads the sheet's rows (``to_python``), nothing else;
- read: ``load_roster`` and every record (what an import reads before checking), on the file with merges and
  on the same rows without, alternating (paired runs, medians). The merges and hidden rows are read from the
  file's content.xml in one streaming pass (``core/tabular/ods.py``): memory must not grow with them.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HEADER = ["序号", "姓名", "性别", "出生年月", "民族", "文化程度", "政治面貌", "职务", "岗位", "专长", "所在组",
          "身份证号码", "联系电话", "任职时间", "是否进村两委", "备注"]  # fmt: skip
NAMESPACES = " ".join(
    f'xmlns:{p}="urn:oasis:names:tc:opendocument:xmlns:{p}:1.0"' for p in ("office", "table", "text")
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest manifest:version="1.2" '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
    'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)
GROUP = 20  # people per group


def _cell(value, spans: str = "") -> str:
    if value is None:
        return f"<table:table-cell{spans}/>"
    if isinstance(value, int):
        return f'<table:table-cell{spans} office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell{spans} office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'


def write_ods(path: Path, rows: int, merged: bool) -> None:
    from stdnum.cn.ric import calc_check_digit

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", MANIFEST)
        with z.open("content.xml", "w") as f:
            f.write(
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} office:version="1.2">'
                '<office:body><office:spreadsheet><table:table table:name="执委名册">'.encode()
            )
            title = _cell(
                "某某县妇联执委名册", ' table:number-columns-spanned="16" table:number-rows-spanned="1"'
            )
            f.write(
                f'<table:table-row>{title}<table:covered-table-cell table:number-columns-repeated="15"/></table:table-row>'.encode()
            )
            f.write(("<table:table-row>" + "".join(map(_cell, HEADER)) + "</table:table-row>").encode())
            surnames, given = (
                "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗",
                "秀英桂兰玉梅丽红芳霞燕萍娟敏静婷雪琴",
            )
            for i in range(rows):
                body = f"430724{1950 + i % 50}{i % 12 + 1:02d}{i % 28 + 1:02d}{i % 100:02d}{(i * 2) % 10}"
                values = [i + 1, surnames[i % 20] + given[i % 18] + given[(i // 18) % 18], "女",
                          f"{1950 + i % 50}.{i % 12 + 1:02d}", "汉族", "高中", "群众", "执委", "联系群众", "调解",
                          f"{i // GROUP + 1}组", body + calc_check_digit(body + "0"), f"138{i:08d}", "2023.06", "是", None]  # fmt: skip
                cells = []
                for c, value in enumerate(values):
                    if c == 10 and merged:
                        size = min(GROUP, rows - i)
                        spans = f' table:number-columns-spanned="1" table:number-rows-spanned="{size}"'
                        cells.append(_cell(value, spans) if i % GROUP == 0 else "<table:covered-table-cell/>")
                    else:
                        cells.append(_cell(value))
                f.write(("<table:table-row>" + "".join(cells) + "</table:table-row>").encode())
            f.write(
                b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/>'
                b"</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
            )


def child(kind: str, path: Path) -> dict:
    started = time.perf_counter()
    if kind == "floor":
        from python_calamine import CalamineWorkbook

        rows = (
            CalamineWorkbook.from_path(str(path))
            .get_sheet_by_name("执委名册")
            .to_python(skip_empty_area=False)
        )
        groups = sum(1 for r in rows[2:] if r[10] != "")
    else:
        from fedclient.core.members.roster_import import load_roster

        table = load_roster(path)
        records = [r for r in table.records() if not r.skip]
        groups = sum(1 for r in records if r.text("group_name"))  # people given a group
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak, "groups": groups}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        merged, plain = folder / f"roster_{args.rows}_merged.ods", folder / f"roster_{args.rows}_plain.ods"
        for path, with_merges in ((merged, True), (plain, False)):
            if not path.exists():
                write_ods(path, args.rows, with_merges)
        kinds = {"floor (calamine, merged file)": ("floor", merged), "read, merged": ("read", merged),
                 "read, without merges": ("read", plain)}  # fmt: skip
        runs: dict[str, list[dict]] = {k: [] for k in kinds}
        for _ in range(args.runs):
            for label, (kind, path) in kinds.items():
                out = subprocess.run([sys.executable, __file__, "--child", kind, str(path)], capture_output=True, text=True, check=True)  # fmt: skip
                runs[label].append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"rows: {args.rows}, {args.runs} paired runs, medians (each run in brackets)")
    for label, found in runs.items():
        seconds = [f"{r['seconds']:.2f}" for r in found]
        peaks = [f"{r['peak_mb']:.0f}" for r in found]
        print(
            f"{label}: {statistics.median(r['seconds'] for r in found):.2f} s [{', '.join(seconds)}], "
            f"peak {statistics.median(r['peak_mb'] for r in found):.0f} MB [{', '.join(peaks)}], "
            f"people with a group {found[0]['groups']}"
        )


if __name__ == "__main__":
    main()
