"""Python's cyclic garbage collector paused while an import holds tens of thousands of rows, and whether it is.

``gc_paused``: the collector off while the rows are read, checked and written: with a 50,000-row sheet, its rows
and their preview in memory, every full collection walks millions of objects that are not garbage (~0.8 s of an
import). Turned back on when the block ends. ``collection_paused``: whether such a block runs in any thread; the
window's own collector (``ui.gui_gc``, collecting by hand on the GUI thread) waits for it too, or it would walk the
import's rows anyway (~120 ms for 50,000, holding Python's lock). Standard library only: the window imports this
at start.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_running = 0  # ``gc_paused`` blocks running, in any thread
_enabled_before = False  # whether the collector was on when the first of them began


@contextmanager
def gc_paused() -> Iterator[None]:
    """The collector off until the last of the blocks running (in any thread) ends; then as it was before the
    first began."""
    global _running, _enabled_before
    with _LOCK:
        if not _running:
            _enabled_before = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _LOCK:
            _running -= 1
            if not _running and _enabled_before:
                gc.enable()


def collection_paused() -> bool:
    return _running > 0
