"""Waking the GUI thread the moment a worker hands it a result.

A worker thread makes no Qt call (with PySide6 6.12, signals emitted from a Python thread corrupt reference
counts, see ``operations._post``), so it cannot post a Qt event. It writes one byte to a socket pair instead,
plain Python; a ``QSocketNotifier`` on the GUI thread sees the byte at once and runs the callback. Without it
a result waited for the runner's next poll (up to 10 ms on every search keystroke). If no socket pair can be
made, ``ring`` does nothing and the runner's poll delivers as before.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier


class Wakeup(QObject):
    def __init__(self, callback: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self._callback = callback
        self._notifier: QSocketNotifier | None = None
        try:
            self._reader, self._writer = socket.socketpair()
            self._reader.setblocking(False)
            self._writer.setblocking(False)
        except OSError:
            self._reader = self._writer = None
            return
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    @property
    def works(self) -> bool:
        return self._notifier is not None

    def ring(self) -> None:
        """From any thread: run the callback on the GUI thread soon."""
        writer = self._writer
        if writer is None:
            return
        # A full buffer means wake-ups are already pending; a closed socket, that the runner has shut down.
        with contextlib.suppress(OSError):
            writer.send(b"\0")

    def _woken(self, *_args: object) -> None:
        if self._reader is None:
            return
        with contextlib.suppress(OSError):  # BlockingIOError once every byte is read
            while self._reader.recv(4096):
                pass
        # Bytes rung while the callback runs wake it again: at worst one call that finds nothing to do.
        self._callback()

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        for sock in (self._writer, self._reader):
            if sock is not None:
                sock.close()
        self._reader = self._writer = None
