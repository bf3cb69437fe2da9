"""ui/kit/operations: latest wins, one failure path, cancel, owner closed, changes."""

from __future__ import annotations

import errno
import threading

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget

from desasadar_gui.errors import Cancelled, UserError
from desasadar_gui.services.oserrors import DISK_FULL, message_for
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.background import wait_for_all
from desasadar_gui.ui.kit.context import PARTICIPANTS, VILLAGES, DataBus
from desasadar_gui.ui.kit.operations import run_change, run_operation


class _Ctx:
    def __init__(self) -> None:
        self.bus = DataBus()


@pytest.fixture
def shown(monkeypatch):
    """Every message the helpers show, instead of a box."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(
        messages, "show_error", lambda parent, text, title=None: seen.append(("error", text))
    )
    monkeypatch.setattr(
        messages, "show_info", lambda parent, text, title=None: seen.append(("info", text))
    )
    monkeypatch.setattr(
        messages, "show_unexpected_error", lambda parent, log_path: seen.append(("bug", log_path))
    )
    return seen


@pytest.fixture
def pool():
    pool = QThreadPool()
    pool.setMaxThreadCount(2)
    yield pool
    wait_for_all(pool)


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _finish(qtbot, pool, op) -> None:
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    assert wait_for_all(pool)


def test_latest_request_wins_and_the_older_result_is_dropped(qtbot, owner, pool, shown):
    release = threading.Event()
    results: list[str] = []

    def slow(progress, cancelled):
        release.wait(5)
        return "old"  # ignores the cancel on purpose: its answer must still be dropped

    first = run_operation(owner, slow, on_success=results.append, key="list", pool=pool)
    second = run_operation(
        owner, lambda progress, cancelled: "new", on_success=results.append, key="list", pool=pool
    )
    qtbot.waitUntil(lambda: results == ["new"], timeout=5000)
    assert first.is_cancelled()
    release.set()
    _finish(qtbot, pool, first)
    qtbot.wait(20)
    assert results == ["new"]
    assert second.finished and not shown


def test_a_different_key_does_not_supersede(qtbot, owner, pool):
    results: list[str] = []
    run_operation(
        owner, lambda progress, cancelled: "a", on_success=results.append, key="a", pool=pool
    )
    last = run_operation(
        owner, lambda progress, cancelled: "b", on_success=results.append, key="b", pool=pool
    )
    _finish(qtbot, pool, last)
    qtbot.waitUntil(lambda: sorted(results) == ["a", "b"], timeout=5000)


def test_a_full_disk_is_told_in_plain_words(qtbot, owner, pool, shown):
    def work(progress, cancelled):
        raise OSError(errno.ENOSPC, "No space left on device", "/media/usb/x.xlsx")

    op = run_operation(owner, work, pool=pool)
    _finish(qtbot, pool, op)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == [("error", message_for(DISK_FULL).message())]
    assert "Errno" not in shown[0][1]


def test_a_refusal_shows_its_own_message_and_a_bug_the_log(qtbot, owner, pool, shown):
    def refused(progress, cancelled):
        raise UserError("Berkas ditolak.", "File refused.")

    def bug(progress, cancelled):
        raise ZeroDivisionError("1/0")

    run_operation(owner, refused, pool=pool)
    op = run_operation(owner, bug, pool=pool)
    _finish(qtbot, pool, op)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=5000)
    assert ("error", "Berkas ditolak.") in shown
    assert [kind for kind, _text in shown].count("bug") == 1


def test_on_failure_may_deal_with_it(qtbot, owner, pool, shown):
    seen: list[BaseException] = []

    def failed(exc: BaseException) -> bool:
        seen.append(exc)
        return True

    op = run_operation(owner, lambda progress, cancelled: 1 / 0, on_failure=failed, pool=pool)
    _finish(qtbot, pool, op)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert isinstance(seen[0], ZeroDivisionError) and not shown


def test_cancel_ends_as_cancelled_not_as_an_error(qtbot, owner, pool, shown):
    started = threading.Event()
    outcome: list[str] = []

    def work(progress, cancelled):
        started.set()
        while not cancelled():
            threading.Event().wait(0.005)
        raise Cancelled()

    op = run_operation(
        owner,
        work,
        on_success=lambda _r: outcome.append("done"),
        on_cancelled=lambda: outcome.append("cancelled"),
        pool=pool,
    )
    assert started.wait(5)
    op.cancel()
    _finish(qtbot, pool, op)
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == ["cancelled"] and not shown


def test_the_progress_dialog_cancels(qtbot, owner, pool, shown):
    outcome: list[str] = []

    def work(progress, cancelled):
        while not cancelled():
            progress(1, 10)
            threading.Event().wait(0.005)
        raise Cancelled()

    op = run_operation(
        owner, work, progress="Bekerja…", on_cancelled=lambda: outcome.append("x"), pool=pool
    )
    assert op.dialog is not None
    op.dialog.canceled.emit()  # what the dialog's "Batal" button does
    _finish(qtbot, pool, op)
    qtbot.waitUntil(lambda: outcome == ["x"], timeout=5000)
    assert op.dialog is None  # closed and let go however the work ended


def test_nothing_is_shown_once_the_owner_was_closed(qtbot, pool, shown):
    owner = QWidget()
    qtbot.addWidget(owner)
    owner.show()
    release = threading.Event()
    called: list[str] = []

    def work(progress, cancelled):
        release.wait(5)
        raise OSError(errno.ENOSPC, "No space left on device")

    op = run_operation(owner, work, on_finished=lambda: called.append("finished"), pool=pool)
    owner.close()
    release.set()
    _finish(qtbot, pool, op)
    qtbot.wait(20)
    assert not shown and not called


def test_success_announces_the_changes_even_without_the_owner(qtbot, pool):
    ctx = _Ctx()
    owner = QWidget()
    qtbot.addWidget(owner)
    owner.show()
    owner.close()
    with qtbot.waitSignal(ctx.bus.changed, timeout=5000) as changed:
        run_operation(owner, lambda progress, cancelled: 1, ctx=ctx, changes=(VILLAGES,), pool=pool)
    assert changed.args == [frozenset({VILLAGES})]
    assert wait_for_all(pool)


def test_run_change_notifies_on_success(qtbot, owner, shown):
    ctx = _Ctx()
    with qtbot.waitSignal(ctx.bus.changed) as changed:
        done = run_change(owner, ctx, lambda: 42, changed=(PARTICIPANTS,))
    assert done.ok and done.value == 42
    assert changed.args == [frozenset({PARTICIPANTS})] and not shown


def test_run_change_shows_a_refusal_and_does_not_notify(qtbot, owner, shown):
    ctx = _Ctx()
    notified: list[frozenset] = []
    ctx.bus.changed.connect(notified.append)

    def refuse() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    done = run_change(owner, ctx, refuse, changed=(PARTICIPANTS,))
    assert not done.ok and not notified
    assert shown == [("error", message_for(DISK_FULL).message())]


def test_run_change_lets_a_bug_through(qtbot, owner, shown):
    with pytest.raises(ZeroDivisionError):
        run_change(owner, _Ctx(), lambda: 1 / 0)
    assert not shown
