"""Draw the program icon: resources/fedclient.png (256 px, the window icon) and resources/fedclient.ico (16-256 px,
for the installer, the shortcuts and the executables), and the installer's welcome picture
(resources/installer-welcome.bmp, 164x314, the size NSIS's welcome and finish pages show).

The design: a red rounded square with a white "妇" and a golden band below it, the colours of the women's
federation's notice boards. Run from the repository root after changing it, and commit both files:

    .venv/bin/python packaging/make_icon.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath

SIZES = (16, 24, 32, 48, 64, 128, 256)
FONT_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei")


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = max(1.0, size / 32)
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    shape = QPainterPath()
    shape.addRoundedRect(box, size * 0.18, size * 0.18)
    gradient = QLinearGradient(box.topLeft(), box.bottomLeft())
    gradient.setColorAt(0, QColor("#d93a3a"))
    gradient.setColorAt(1, QColor("#a51d24"))
    p.fillPath(shape, gradient)
    band = QRectF(
        box.left() + box.width() * 0.2, box.top() + box.height() * 0.80, box.width() * 0.6, size * 0.07
    )
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#f6c343"))
    p.drawRoundedRect(band, band.height() / 2, band.height() / 2)
    font = QFont(FONT_FAMILIES[0])
    font.setFamilies(list(FONT_FAMILIES))
    font.setPixelSize(round(size * 0.62))
    font.setWeight(QFont.Weight.Black)
    p.setFont(font)
    p.setPen(QColor("white"))
    text_box = QRectF(box.left(), box.top() - size * 0.04, box.width(), box.height() * 0.84)
    p.drawText(text_box, Qt.AlignmentFlag.AlignCenter, "妇")
    p.end()
    return image


def welcome_picture() -> QImage:
    """The left side of the installer's first and last page: the icon on the federation's red."""
    image = QImage(164, 314, QImage.Format.Format_RGB32)
    p = QPainter(image)
    gradient = QLinearGradient(0, 0, 0, 314)
    gradient.setColorAt(0, QColor("#c62828"))
    gradient.setColorAt(1, QColor("#8e1b1f"))
    p.fillRect(image.rect(), gradient)
    p.drawImage(26, 60, draw(112))
    p.setPen(QColor("white"))
    font = QFont(FONT_FAMILIES[0])
    font.setFamilies(list(FONT_FAMILIES))
    font.setPixelSize(20)
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(0, 196, 164, 32), Qt.AlignmentFlag.AlignCenter, "村妇联工作台")
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """The classic ICO entry: a BITMAPINFOHEADER, 32-bit BGRA rows bottom-up, then an all-zero AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(size)):
        row = bytearray()
        for x in range(size):
            c = image.pixelColor(x, y)
            row += bytes((c.blue(), c.green(), c.red(), c.alpha()))
        rows.append(bytes(row))
    mask_row = b"\0" * (((size + 31) // 32) * 4)
    return header + b"".join(rows) + mask_row * size


def ico_bytes(images: list[QImage]) -> bytes:
    """An .ico file: DIB entries up to 64 px (every Windows tool reads them), PNG entries above."""
    entries = [dib_bytes(im) if im.width() <= 64 else png_bytes(im) for im in images]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for image, data in zip(images, entries, strict=True):
        side = image.width() % 256  # 0 means 256
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(entries)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts need the app)
    resources = Path(__file__).resolve().parents[1] / "resources"
    images = [draw(size) for size in SIZES]
    (resources / "fedclient.ico").write_bytes(ico_bytes(images))
    images[-1].save(str(resources / "fedclient.png"), "PNG")
    welcome_picture().save(str(resources / "installer-welcome.bmp"), "BMP")
    print(f"saved {resources / 'fedclient.ico'}, fedclient.png and installer-welcome.bmp")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
