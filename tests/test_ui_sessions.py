"""The sessions tab driven through real widgets: a session, ticked attendees, a walk-in,
a registration; the session's counts and the dashboard follow."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from desasadar_gui.domain.fields import MAX_NOTES
from desasadar_gui.domain.nik import make_nik
from desasadar_gui.services.participants import (
    ParticipantInput,
    create_participant,
    get_participant,
)
from desasadar_gui.services.session_queries import list_attendees, list_session_rows
from desasadar_gui.services.sessions import SessionInput, create_session
from desasadar_gui.services.targets import set_target
from desasadar_gui.services.villages import VillageInput, create_village
from desasadar_gui.ui.dashboard.tab import DashboardTab
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.background import wait_for_all
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.sessions import detail_panel as detail_panel_module
from desasadar_gui.ui.sessions import dialogs as dialogs_module
from desasadar_gui.ui.sessions import tab as sessions_tab_module
from desasadar_gui.ui.sessions.models import (
    A_NAME,
    A_OUTCOME,
    S_ATTENDED,
    S_NEW,
    S_REGISTERED,
    SessionTableModel,
)
from desasadar_gui.ui.sessions.tab import SessionsTab

# The tabs are shown (they reload only while visible); the offscreen platform then warns
# that it cannot pass size hints to a top-level window.
# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = [pytest.mark.both_engines, pytest.mark.qt_log_ignore("propagateSizeHints")]

YEAR = date.today().year
HELD_ON = date(YEAR, 1, 10) if date.today() >= date(YEAR, 1, 10) else date.today()


@pytest.fixture
def village(db):
    return create_village(
        db, VillageInput("Sungai Baung", kecamatan="Muara Bulian", kabupaten="Kabupaten Batanghari")
    )


@pytest.fixture
def people(db, village):
    """Three prospects of the village: two with a NIK, one without."""
    ids = {}
    for i, name in enumerate(("Siti Aminah", "Ahmad Fauzi", "Rahmat Hidayat"), start=1):
        nik = make_nik("150403", date(1985, 2, i), "P" if i == 1 else "L", i) if i < 3 else None
        saved = create_participant(
            db, ParticipantInput(name=name, nik=nik, phone=f"08123456780{i}", village_id=village.id)
        )
        ids[name] = saved.row.id
    return ids


@pytest.fixture
def ctx(db):
    return UiContext(db)


@pytest.fixture
def tab(qtbot, ctx):
    widget = SessionsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    with qtbot.waitSignal(widget.counts_loaded, timeout=10000):
        widget.show()
    yield widget
    wait_for_all()


def _drive(monkeypatch, module, name: str, fill) -> list:
    """Replace the modal loop of ``module.name`` by the test's typing (``fill(dialog)``)."""
    opened = []
    original = getattr(module, name)

    class Driven(original):  # type: ignore[misc, valid-type]
        def exec(self) -> int:
            opened.append(self)
            fill(self)
            return int(self.result())

    monkeypatch.setattr(module, name, Driven)
    return opened


def _reloaded(qtbot, tab: SessionsTab, action) -> None:
    with qtbot.waitSignal(tab.counts_loaded, timeout=10000):
        action()


def _counts(tab: SessionsTab, session_id: str) -> tuple[str, str, str]:
    row = tab.model.row_of(session_id)
    return tuple(tab.model.index(row, c).data() for c in (S_ATTENDED, S_NEW, S_REGISTERED))


def test_session_attendance_walkin_and_registration_move_the_counts(
    qtbot, monkeypatch, db, ctx, tab, village, people
):
    # A dashboard beside it, with a branch target of 4 for the year.
    set_target(db, YEAR, "branch", "", 4)
    dashboard = DashboardTab(ctx)
    qtbot.addWidget(dashboard)
    dashboard.resize(1366, 700)
    with qtbot.waitSignal(dashboard.loaded, timeout=10000):
        dashboard.show()
    assert dashboard.data.branch.counted == 0
    assert dashboard.progress_meter.ratio() == 0

    # 1. Create a session through the form.
    def fill_session(d):
        d.village_combo.setCurrentIndex(d.village_combo.findData(village.id))
        d.date_edit.setDate(QDate(HELD_ON.year, HELD_ON.month, HELD_ON.day))
        d.type_combo.setCurrentIndex(d.type_combo.findData("sosialisasi"))
        d.place_edit.setText("Balai Desa")
        d.save()

    _drive(monkeypatch, sessions_tab_module, "SessionDialog", fill_session)
    _reloaded(qtbot, tab, lambda: qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton))
    [session] = list_session_rows(db)
    assert (session.village_id, session.held_on, session.place) == (
        village.id,
        HELD_ON,
        "Balai Desa",
    )
    assert tab.selected_session().id == session.id
    assert _counts(tab, session.id) == ("0", "0", "0")
    assert tab.detail.title_label.text() == "Sosialisasi · Sungai Baung"

    # 2. Tick two of the village's people from the checklist (searching for one).
    def tick(d):
        assert d.model.rowCount() == 3
        d.search_edit.setText("siti")
        d.proxy.set_text("siti")
        assert d.proxy.rowCount() == 1
        d._set_shown(Qt.CheckState.Checked)
        d.set_ticked(people["Ahmad Fauzi"])
        d.save()

    _drive(monkeypatch, detail_panel_module, "ChecklistDialog", tick)
    _reloaded(
        qtbot, tab, lambda: qtbot.mouseClick(tab.detail.checklist_button, Qt.MouseButton.LeftButton)
    )
    assert _counts(tab, session.id) == ("2", "2", "0")
    names = [tab.detail.attendees.index(r, A_NAME).data() for r in range(2)]
    assert names == ["Ahmad Fauzi", "Siti Aminah"]

    # 3. A walk-in, typed quickly, becomes a prospect of the village.
    def walkin(d):
        d.name_edit.setText("Wati Lestari")
        d.phone_edit.setText("0813 1111 2222")
        d.occupation_combo.setCurrentIndex(d.occupation_combo.findData("dagang"))
        assert d.save_and_next()
        assert d.name_edit.text() == ""  # ready for the next one
        d.accept()

    opened = _drive(monkeypatch, detail_panel_module, "WalkinDialog", walkin)
    _reloaded(
        qtbot, tab, lambda: qtbot.mouseClick(tab.detail.walkin_button, Qt.MouseButton.LeftButton)
    )
    [walkin_id] = opened[0].added
    person = get_participant(db, walkin_id)
    assert (person.name, person.status, person.village_id, person.occupation) == (
        "Wati Lestari", "prospect", village.id, "dagang",
    )  # fmt: skip
    assert person.phone == "+6281311112222"
    assert _counts(tab, session.id) == ("3", "3", "0")
    # All three are prospects to visit again, with their phone numbers.
    assert tab.detail.follow_ups.rowCount() == 3
    assert "0813-1111-2222" in tab.detail.follow_up_text()

    # 4. Register one attendee (Rahmat has no NIK; Ahmad has one): Ahmad registers.
    attendees = list_attendees(db, session.id)
    ahmad = next(i for i, a in enumerate(attendees) if a.name == "Ahmad Fauzi")
    tab.detail.attendee_table.selectRow(ahmad)
    tab.detail.attendee_table.setCurrentIndex(tab.detail.attendees.index(ahmad, 0))
    assert tab.detail.register_button.isEnabled()

    def register(d):
        assert not d.needs_nik  # Ahmad has a NIK already
        d.save()

    _drive(monkeypatch, detail_panel_module, "RegisterDialog", register)
    with qtbot.waitSignal(dashboard.loaded, timeout=10000):
        _reloaded(
            qtbot,
            tab,
            lambda: qtbot.mouseClick(tab.detail.register_button, Qt.MouseButton.LeftButton),
        )
    registered = get_participant(db, people["Ahmad Fauzi"])
    assert (registered.status, registered.registration_date) == ("registered", HELD_ON)
    assert _counts(tab, session.id) == ("3", "3", "1")
    assert tab.detail.registered_box.value.text() == "1"
    row = next(r for r in range(3) if tab.detail.attendees.index(r, A_NAME).data() == "Ahmad Fauzi")
    assert tab.detail.attendees.index(row, A_OUTCOME).data() == "Mendaftar"
    assert tab.detail.follow_ups.rowCount() == 2

    # The dashboard moved: 1 registration against a target of 4 = 25%.
    assert dashboard.data.branch.counted == 1
    assert dashboard.progress_meter.ratio() == pytest.approx(1 / 4)
    assert "1 dari 4" in dashboard.progress_card.value.text()
    assert dashboard.data.months[HELD_ON.month - 1] == 1
    assert dashboard.data.prospects == 3  # Siti, Rahmat (never came) and the walk-in


def test_registering_someone_without_nik_asks_for_it(qtbot, monkeypatch, db, tab, village, people):
    session = create_session(db, SessionInput(village_id=village.id, held_on=HELD_ON))
    from desasadar_gui.services.attendance import set_attendees

    set_attendees(db, session.id, [people["Rahmat Hidayat"]])
    _reloaded(qtbot, tab, lambda: tab.ctx.bus.notify("attendance"))
    assert tab.select_session(session.id)
    tab.detail.attendee_table.setCurrentIndex(tab.detail.attendees.index(0, 0))
    errors = []
    monkeypatch.setattr(messages, "show_user_error", lambda _p, e: errors.append(e.message()))

    def register(d):
        assert d.needs_nik and d.nik_edit.isVisibleTo(d)
        d.save()  # without a NIK: refused, the dialog stays
        assert errors and "NIK" in errors[-1]
        d.nik_edit.setText(make_nik("150403", date(1979, 5, 4), "L", 9))
        d.save()

    _drive(monkeypatch, detail_panel_module, "RegisterDialog", register)
    _reloaded(qtbot, tab, tab.detail.register_selected)
    person = get_participant(db, people["Rahmat Hidayat"])
    assert person.status == "registered" and person.nik
    assert _counts(tab, session.id)[2] == "1"


def test_unchecking_removes_after_confirmation_and_delete_session(
    qtbot, monkeypatch, db, tab, village, people
):
    session = create_session(db, SessionInput(village_id=village.id, held_on=HELD_ON))
    from desasadar_gui.services.attendance import set_attendees

    set_attendees(db, session.id, list(people.values()))
    _reloaded(qtbot, tab, lambda: tab.ctx.bus.notify("attendance"))
    tab.select_session(session.id)
    assert _counts(tab, session.id)[0] == "3"
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)

    def untick(d):
        d.set_ticked(people["Siti Aminah"], False)
        d.save()

    _drive(monkeypatch, detail_panel_module, "ChecklistDialog", untick)
    _reloaded(qtbot, tab, tab.detail.open_checklist)
    assert _counts(tab, session.id)[0] == "2"

    _reloaded(qtbot, tab, tab.delete_session)
    assert tab.model.rowCount() == 0
    assert list_session_rows(db) == []
    assert tab.detail.stack.currentIndex() == 0


def test_filters_and_search(qtbot, db, tab, village):
    other = create_village(db, VillageInput("Rengas Condong", kabupaten="Kota Jambi"))
    create_session(db, SessionInput(village_id=village.id, held_on=HELD_ON, type="dialog"))
    create_session(db, SessionInput(village_id=other.id, held_on=HELD_ON, type="edukasi",
                                    facilitator="Yusnita Sari"))  # fmt: skip
    _reloaded(qtbot, tab, lambda: tab.ctx.bus.notify("sessions"))
    assert tab.model.rowCount() == 2
    _reloaded(qtbot, tab, lambda: tab.type_combo.setCurrentIndex(tab.type_combo.findData("dialog")))
    assert [r.village_name for r in tab.model.rows()] == ["Sungai Baung"]
    _reloaded(qtbot, tab, lambda: tab.type_combo.setCurrentIndex(0))
    with qtbot.waitSignal(tab.counts_loaded, timeout=10000):
        tab.search_edit.setText("yusnita")
    assert [r.village_name for r in tab.model.rows()] == ["Rengas Condong"]
    with qtbot.waitSignal(tab.counts_loaded, timeout=10000):
        tab.search_edit.setText("")
    index = tab.kabupaten_combo.findData("Kota Jambi")
    _reloaded(qtbot, tab, lambda: tab.kabupaten_combo.setCurrentIndex(index))
    assert [r.village_name for r in tab.model.rows()] == ["Rengas Condong"]


def test_print_attendance_sheet(qtbot, monkeypatch, db, tab, village, people, tmp_path):
    session = create_session(db, SessionInput(village_id=village.id, held_on=HELD_ON))
    _reloaded(qtbot, tab, lambda: tab.ctx.bus.notify("sessions"))
    tab.select_session(session.id)
    target = tmp_path / "hadir"
    monkeypatch.setattr(messages, "ask_save_path", lambda *a, **k: str(target))
    shown = []
    monkeypatch.setattr(messages, "show_info", lambda _p, text, *a: shown.append(text))
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert (tmp_path / "hadir.xlsx").is_file()
    assert "hadir.xlsx" in shown[0]


def test_session_model_passes_the_model_tester(qtmodeltester, db, village):
    create_session(db, SessionInput(village_id=village.id, held_on=HELD_ON))
    model = SessionTableModel()
    model.set_rows(list_session_rows(db))
    qtmodeltester.check(model)


def test_session_dialog_shows_every_problem_beside_its_field(qtbot, ctx, village):
    dialog = dialogs_module.SessionDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.village_combo.setEditText("Desa yang tidak ada")
    dialog.notes_edit.setPlainText("x" * (MAX_NOTES + 1))
    dialog.save()  # no message box: the problems are in the form
    assert dialog.saved is None and dialog.isVisible()
    assert "Pilih desa" in dialog.messages["village_id"].text()
    assert dialog.messages["village_id"].isVisible()
    assert dialog.messages["notes"].isVisible() and dialog.messages["notes"].text()
    assert not dialog.error_label.isVisible()
    dialog.close()
    QApplication.processEvents()


def test_checklist_from_the_keyboard(qtbot, db, ctx, village, people):
    session = create_session(db, SessionInput(village_id=village.id, held_on=HELD_ON))
    [row] = [r for r in list_session_rows(db) if r.id == session.id]
    dialog = dialogs_module.ChecklistDialog(ctx, row)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    search, view = dialog.search_edit, dialog.list_view
    search.setFocus()

    # Type a name, Enter: the match is ticked and the dialog stays open.
    qtbot.keyClicks(search, "siti")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.ticked() == {people["Siti Aminah"]}
    assert "1 dari 3" in dialog.count_label.text()

    # The text is selected: the next name replaces it; Down goes into the list, Space ticks.
    qtbot.keyClicks(search, "rahmat")
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert dialog.focusWidget() is view
    assert view.currentIndex().data().startswith("Rahmat Hidayat")
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.ticked() == {people["Siti Aminah"], people["Rahmat Hidayat"]}
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert people["Rahmat Hidayat"] not in dialog.ticked()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.isVisible()

    # Ctrl+Enter saves.
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == 1 and not dialog.isVisible()
    attended = {a.name for a in list_attendees(db, session.id)}
    assert attended == {"Siti Aminah", "Rahmat Hidayat"}


def test_checklist_enter_without_a_match_saves_nothing(qtbot, db, ctx, village, people):
    session = create_session(db, SessionInput(village_id=village.id, held_on=HELD_ON))
    [row] = [r for r in list_session_rows(db) if r.id == session.id]
    dialog = dialogs_module.ChecklistDialog(ctx, row)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.search_edit, "tidak ada")
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Enter)
    assert dialog.isVisible() and dialog.ticked() == set()
    assert list_attendees(db, session.id) == []
    dialog.reject()


def _live_participants(db) -> int:
    from sqlalchemy import func, select

    from desasadar_gui.db.models import Participant

    with db.read_session() as s:
        return s.scalar(
            select(func.count()).select_from(Participant).where(Participant.deleted_at.is_(None))
        )


def test_walkin_with_a_registered_nik_offers_to_mark_that_person_present(
    qtbot, monkeypatch, db, tab, village, people
):
    session = create_session(db, SessionInput(village_id=village.id, held_on=HELD_ON))
    _reloaded(qtbot, tab, lambda: tab.ctx.bus.notify("sessions"))
    assert tab.select_session(session.id)
    before = _live_participants(db)
    siti_nik = get_participant(db, people["Siti Aminah"]).nik

    def walkin(d):
        d.show()
        qtbot.keyClicks(d.name_edit, "Bu Siti")
        qtbot.keyClicks(d.nik_edit, siti_nik)
        qtbot.mouseClick(d.save_next, Qt.MouseButton.LeftButton)
        # Refused in the form (no message box): who holds the NIK, and the offer.
        assert d.known_frame.isVisibleTo(d)
        assert "Siti Aminah" in d.known_label.text()
        assert d.added == [] and d.name_edit.text() == "Bu Siti"
        qtbot.mouseClick(d.mark_present, Qt.MouseButton.LeftButton)
        assert d.marked == [people["Siti Aminah"]]
        assert not d.known_frame.isVisibleTo(d) and d.nik_edit.text() == ""
        assert "Sudah ditambahkan: 1" in d.info.text()
        d.accept()

    _drive(monkeypatch, detail_panel_module, "WalkinDialog", walkin)
    _reloaded(
        qtbot, tab, lambda: qtbot.mouseClick(tab.detail.walkin_button, Qt.MouseButton.LeftButton)
    )
    assert [a.name for a in list_attendees(db, session.id)] == ["Siti Aminah"]
    assert _live_participants(db) == before  # no second Siti
    assert _counts(tab, session.id)[0] == "1"
    assert tab.detail.attendees.index(0, A_NAME).data() == "Siti Aminah"


def test_walkin_offer_goes_away_when_the_nik_is_changed(qtbot, ctx, db, village, people):
    session = create_session(db, SessionInput(village_id=village.id, held_on=HELD_ON))
    [row] = [r for r in list_session_rows(db) if r.id == session.id]
    dialog = detail_panel_module.WalkinDialog(ctx, row)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("Pak Ahmad")
    qtbot.keyClicks(dialog.nik_edit, get_participant(db, people["Ahmad Fauzi"]).nik)
    assert not dialog.save_and_next()
    assert dialog.known_frame.isVisible() and dialog.mark_present.isDefault()
    qtbot.keyClick(dialog.nik_edit, Qt.Key.Key_Backspace)
    assert not dialog.known_frame.isVisible() and dialog.save_next.isDefault()
    assert list_attendees(db, session.id) == []


def test_a_held_session_socialises_a_candidate_village_and_says_so(
    qtbot, monkeypatch, db, ctx, tab, village
):
    from desasadar_gui.services.villages import get_village
    from desasadar_gui.ui.villages.models import COL_STATUS
    from desasadar_gui.ui.villages.tab import VillagesTab

    villages = VillagesTab(ctx)
    qtbot.addWidget(villages)
    villages.reload()
    status_cell = lambda: villages.model.index(villages.model.row_of(village.id), COL_STATUS)  # noqa: E731
    assert status_cell().data() == "Calon desa sadar"
    assert not tab.note_label.isVisibleTo(tab)

    def fill_session(d):
        d.village_combo.setCurrentIndex(d.village_combo.findData(village.id))
        d.date_edit.setDate(QDate(HELD_ON.year, HELD_ON.month, HELD_ON.day))
        d.save()

    _drive(monkeypatch, sessions_tab_module, "SessionDialog", fill_session)
    with qtbot.waitSignal(villages.model.modelReset, timeout=10000):
        _reloaded(qtbot, tab, lambda: qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton))
    assert get_village(db, village.id).status == "socialised"
    assert tab.note_label.isVisibleTo(tab)
    assert tab.note_label.text() == "Desa Sungai Baung kini berstatus Sudah sosialisasi."
    assert status_cell().data() == "Sudah sosialisasi"
    villages.select_village(village.id)
    assert villages.detail._fact_values[0].text() == "Sudah sosialisasi"

    # A second session changes nothing more: no note.
    _reloaded(qtbot, tab, lambda: qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton))
    assert not tab.note_label.isVisibleTo(tab)


def _shown_texts(root) -> set[str]:
    """Every text the officer can see in ``root``: labels, buttons, placeholders, combo
    choices, tab titles, table headers and cells."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QLabel,
        QLineEdit,
        QTableView,
        QTabWidget,
        QWidget,
    )

    texts: set[str] = set()
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        if isinstance(w, QLabel | QAbstractButton):
            texts.add(w.text())
        elif isinstance(w, QLineEdit):
            texts.add(w.placeholderText())
        elif isinstance(w, QComboBox):
            texts.update(w.itemText(i) for i in range(w.count()))
        elif isinstance(w, QTabWidget):
            texts.update(w.tabText(i) for i in range(w.count()))
        elif isinstance(w, QTableView):
            model = w.model()
            for c in range(model.columnCount()):
                texts.add(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for r in range(model.rowCount()):
                    texts.add(str(model.index(r, c).data() or ""))
    return {t for t in texts if t.strip()}


def test_switching_language_leaves_no_stale_text_in_the_sessions_tab(
    qtbot, db, ctx, tab, village, people
):
    from desasadar_gui.services.attendance import set_attendees
    from desasadar_gui.ui.kit import i18n

    session = create_session(db, SessionInput(village_id=village.id, held_on=HELD_ON))
    set_attendees(db, session.id, [people["Siti Aminah"]])  # a prospect to visit again
    _reloaded(qtbot, tab, lambda: tab.ctx.bus.notify("sessions"))
    assert tab.select_session(session.id)
    tab.detail.tabs.setCurrentIndex(1)
    assert tab.detail.follow_ups.rowCount() == 1
    # What is the same in both languages: the data typed in, numbers and dates.
    data = {"Sungai Baung", "Siti Aminah", "0812-3456-7801", "Kabupaten Batanghari",
            "Petugas Uji", str(YEAR), HELD_ON.strftime("%d/%m/%Y")}  # fmt: skip

    def stale(texts: set[str], other: set[str]) -> set[str]:
        return {t for t in texts & other if t not in data and any(ch.isalpha() for ch in t)}

    indonesian = _shown_texts(tab)
    assert "Semua tahun" in indonesian and "Perlu dikunjungi lagi (1)" in indonesian
    try:
        assert i18n.apply_language("en")
        qtbot.waitUntil(lambda: tab.add_button.text() == "&Add session…")
        english = _shown_texts(tab)
        assert stale(english, indonesian) == set()
        assert {"All years", "All regencies", "All kinds"} <= english
        assert any(t.startswith("To visit again") for t in english), english
    finally:
        i18n.apply_language("id")
    qtbot.waitUntil(lambda: tab.add_button.text() == "&Tambah sesi…")
    back = _shown_texts(tab)
    assert stale(back, english) == set()
    assert back == indonesian
