"""The participants tab, its paged table model and the registration form, driven through
real widgets on the offscreen platform."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from bulk_participants import bulk_participants as _bulk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desasadar_gui.domain.nik import make_nik
from desasadar_gui.services.participant_queries import (
    ParticipantFilter,
    count_participants,
    fetch_page,
)
from desasadar_gui.services.participants import (
    ParticipantInput,
    create_participant,
    get_participant,
)
from desasadar_gui.services.sessions import SessionInput, create_session, list_attendance
from desasadar_gui.services.villages import VillageInput, create_village
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.participants.columns import (
    COL_CONTRIBUTION,
    COL_GENDER,
    COL_KABUPATEN,
    COL_NAME,
    COL_NIK,
    COL_PHONE,
    COL_REGISTERED,
    COL_STATUS,
)
from desasadar_gui.ui.participants.form import ParticipantForm
from desasadar_gui.ui.participants.models import ParticipantTableModel
from desasadar_gui.ui.participants.tab import ParticipantsTab

# Dialogs and the completer's popup on the offscreen platform log these; not ours to fix.
# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = [
    pytest.mark.both_engines,
    pytest.mark.qt_log_ignore(
        "propagateSizeHints", "does not support raise", "grabbing the keyboard"
    ),
]

SITI_NIK = make_nik("150403", date(1985, 4, 12), "P", 7)  # 1504035204850007


@pytest.fixture
def ctx(db):
    return UiContext(db)


@pytest.fixture
def villages(db):
    baung = create_village(
        db,
        VillageInput(
            name="Sungai Baung",
            kecamatan="Muara Bulian",
            kabupaten="Kabupaten Batanghari",
            region_code="1504032015",
        ),
    )
    duku = create_village(
        db,
        VillageInput(
            name="Talang Duku",
            kecamatan="Taman Rajo",
            kabupaten="Kabupaten Muaro Jambi",
            region_code="1505112002",
        ),
    )
    return baung, duku


def _person(db, name, village, **kw):
    return create_participant(db, ParticipantInput(name=name, village_id=village.id, **kw)).row


@pytest.fixture
def people(db, villages):
    baung, duku = villages
    return [
        _person(db, "Budi Santoso", duku, occupation="nelayan", phone="081298765432"),
        _person(
            db,
            "Ahmad Yani",
            baung,
            nik=make_nik("150403", date(1970, 6, 1), "L", 3),
            status="active",
            registration_date=date(2026, 2, 1),
            occupation="aparatur_desa",
            official_role="kepala_desa",
        ),
        _person(db, "Nur Aini", baung, occupation="tani"),
    ]


def _make_tab(qtbot, ctx) -> ParticipantsTab:
    tab = ParticipantsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 600)
    tab.show()
    qtbot.waitUntil(lambda: tab.isActiveWindow() and not tab.model.busy)
    return tab


@pytest.fixture
def tab(qtbot, ctx):
    tab = _make_tab(qtbot, ctx)
    yield tab
    if tab.form is not None:
        tab.form.close()
    tab.model.shutdown()


def _names(model: ParticipantTableModel) -> list[str]:
    return [model.data(model.index(r, COL_NAME)) for r in range(model.rowCount())]


# -- the model ----------------------------------------------------------------------------


def test_model_passes_the_qt_model_tester(qtbot, qtmodeltester, db, villages) -> None:
    _bulk(db, [v.id for v in villages], 120)
    model = ParticipantTableModel(db, block_size=50)
    with qtbot.waitSignal(model.loaded):
        model.set_filter(ParticipantFilter(), immediate=True)
    qtmodeltester.check(model, force_py=True)
    model.shutdown()


def test_model_shows_the_total_and_pages_to_the_last_row(qtbot, db, villages) -> None:
    _bulk(db, [v.id for v in villages], 3000)
    total = count_participants(db)
    model = ParticipantTableModel(db, start=False)
    seen = []
    model.loaded.connect(lambda: seen.append(("loaded", model.rowCount())))
    model.counted.connect(lambda n: seen.append(("counted", n)))
    with qtbot.waitSignal(model.counted):
        model.set_filter(ParticipantFilter(), immediate=True)
    # The first rows come before the count (200 shown at first), then the exact total.
    assert seen == [("loaded", 200), ("counted", total)]
    assert model.rowCount() == total > 2900 and model.exact
    assert model.is_loaded(0) and not model.is_loaded(total - 1)  # only the first block
    last = fetch_page(db, offset=total - 1, limit=1)[0]
    with qtbot.waitSignal(model.dataChanged):
        assert model.data(model.index(total - 1, COL_NAME)) == "memuat…"  # asks for its block
    assert model.row_at(total - 1) == last
    assert model.data(model.index(total - 1, COL_NIK)) == (last.nik or "")
    model.shutdown()


def test_the_table_scrolled_to_the_end_shows_the_last_row(qtbot, db, villages, tab) -> None:
    _bulk(db, [v.id for v in villages], 3000)
    with qtbot.waitSignal(tab.model.loaded):
        tab.refresh()
    total = tab.model.rowCount()
    last = fetch_page(db, offset=total - 1, limit=1)[0]
    tab.table.scrollToBottom()
    qtbot.waitUntil(lambda: tab.model.is_loaded(total - 1))
    assert tab.model.data(tab.model.index(total - 1, COL_NAME)) == last.name
    assert tab.count_label.text() == f"{total:,} peserta".replace(",", ".")


def test_display_texts_are_formatted(qtbot, db, villages, people) -> None:
    model = ParticipantTableModel(db)
    with qtbot.waitSignal(model.loaded):
        pass
    ahmad = _names(model).index("Ahmad Yani")
    budi = _names(model).index("Budi Santoso")

    def cell(row, column):
        return model.data(model.index(row, column))

    assert cell(ahmad, COL_NIK) == "1504030106700003"
    assert cell(ahmad, COL_GENDER) == "L"
    assert cell(ahmad, COL_STATUS) == "Aktif (membayar)"
    assert cell(ahmad, COL_REGISTERED) == "01/02/2026"
    assert cell(ahmad, COL_KABUPATEN) == "Kab. Batanghari"
    assert cell(budi, COL_PHONE) == "0812-9876-5432"
    assert cell(budi, COL_CONTRIBUTION).startswith("Rp")
    right = model.data(model.index(budi, COL_CONTRIBUTION), Qt.ItemDataRole.TextAlignmentRole)
    assert right & int(Qt.AlignmentFlag.AlignRight)
    model.shutdown()


def _pick_suggestion(qtbot, combo, typed: str) -> None:
    """Type part of a village's name, then pick the first suggestion: Down, Enter."""
    line = combo.lineEdit()
    line.setFocus()
    qtbot.keyClicks(line, typed)
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


# -- filtering and sorting ----------------------------------------------------------------


def test_typing_in_the_search_box_filters_the_list(qtbot, people, tab) -> None:
    assert _names(tab.model) == ["Ahmad Yani", "Budi Santoso", "Nur Aini"]
    with qtbot.waitSignal(tab.model.loaded, timeout=3000):
        qtbot.keyClicks(tab.search_edit, "ai")
    assert _names(tab.model) == ["Nur Aini"]
    with qtbot.waitSignal(tab.model.loaded, timeout=3000):
        tab.search_edit.clear()
        qtbot.keyClicks(tab.search_edit, "0812")  # the phone, typed the usual way
    assert _names(tab.model) == ["Budi Santoso"]
    with qtbot.waitSignal(tab.model.loaded, timeout=3000):
        tab.search_edit.clear()
        qtbot.keyClicks(tab.search_edit, "150403")  # a NIK prefix
    assert _names(tab.model) == ["Ahmad Yani"]
    assert tab.count_label.text() == "1 peserta"
    with qtbot.waitSignal(tab.model.loaded, timeout=3000):
        qtbot.keyClicks(tab.search_edit, "99")
    assert _names(tab.model) == []
    assert tab.count_label.text() == "Tidak ada peserta yang cocok"


def test_the_filter_combos_narrow_the_list(qtbot, villages, people, tab) -> None:
    baung, _duku = villages

    def choose(combo, data):
        with qtbot.waitSignal(tab.model.loaded):
            combo.setCurrentIndex(combo.findData(data))

    choose(tab.kabupaten_combo, "Kabupaten Batanghari")
    assert _names(tab.model) == ["Ahmad Yani", "Nur Aini"]
    choose(tab.official_combo, "yes")
    assert _names(tab.model) == ["Ahmad Yani"]
    choose(tab.official_combo, "no")
    assert _names(tab.model) == ["Nur Aini"]
    choose(tab.kabupaten_combo, "")
    choose(tab.occupation_combo, "nelayan")
    assert _names(tab.model) == ["Budi Santoso"]
    with qtbot.waitSignal(tab.model.loaded):
        tab.clear_filters_button.click()
    assert len(_names(tab.model)) == 3
    with qtbot.waitSignal(tab.model.loaded):
        _pick_suggestion(qtbot, tab.village_combo, "baung")
    assert _names(tab.model) == ["Ahmad Yani", "Nur Aini"]
    choose(tab.status_combo, "active")
    assert _names(tab.model) == ["Ahmad Yani"]


def test_clicking_a_header_sorts_in_sql(qtbot, people, tab) -> None:
    header = tab.table.horizontalHeader()
    with qtbot.waitSignal(tab.model.loaded):
        qtbot.mouseClick(
            header.viewport(),
            Qt.MouseButton.LeftButton,
            pos=header.rect()
            .center()
            .__class__(header.sectionViewportPosition(COL_NAME) + 10, header.height() // 2),
        )
    assert _names(tab.model) == ["Nur Aini", "Budi Santoso", "Ahmad Yani"]
    with qtbot.waitSignal(tab.model.loaded):
        tab.table.sortByColumn(COL_STATUS, Qt.SortOrder.DescendingOrder)
    # Lifecycle order, latest first: the active official before the two prospects.
    assert _names(tab.model)[0] == "Ahmad Yani"


# -- the form -------------------------------------------------------------------------------


def _shown(qtbot, form: ParticipantForm) -> ParticipantForm:
    """The form as the officer has it: on screen and active (keys and focus go to it)."""
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def _open_new(qtbot, tab) -> ParticipantForm:
    return _shown(qtbot, tab.add_participant())


def test_register_a_participant_by_typing(qtbot, db, villages, people, tab) -> None:
    baung, _duku = villages
    form = _open_new(qtbot, tab)
    assert form.nik_edit.hasFocus()
    qtbot.keyClicks(form.nik_edit, SITI_NIK)
    # Sixteen digits fill gender and birth date.
    qtbot.waitUntil(lambda: form.gender_combo.currentData() == "P")
    assert form.birth_edit.date() == date(1985, 4, 12)
    assert "diisi dari NIK" in form.messages["nik"].text()
    qtbot.keyClicks(form.name_edit, "Siti Aminah")
    qtbot.keyClicks(form.phone_edit, "0812 3456 7890")
    _pick_suggestion(qtbot, form.village_combo, "baung")
    assert form.village_id() == baung.id
    form.occupation_combo.setCurrentIndex(form.occupation_combo.findData("tani"))
    qtbot.keyClicks(form.income_edit, "2500000")
    assert form.income_edit.text() == "2.500.000"
    form.recheck()
    assert "Rp25.000" in form.contribution_label.text()  # JKK 1% of 2.5 million
    with qtbot.waitSignal(tab.model.loaded), qtbot.waitSignal(form.saved) as done:
        qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)  # Enter saves
    assert tab.form is None  # closed
    saved = done.args[0]
    assert saved.name == "Siti Aminah"
    stored = get_participant(db, saved.id)
    assert (stored.nik, stored.gender, stored.birth_date) == (SITI_NIK, "P", date(1985, 4, 12))
    assert (stored.phone, stored.village_id, stored.monthly_income) == (
        "+6281234567890",
        baung.id,
        2_500_000,
    )
    assert "Siti Aminah" in _names(tab.model)
    assert tab.selected_id() == saved.id


def test_the_phone_takes_its_written_form_when_left(qtbot, tab) -> None:
    form = _open_new(qtbot, tab)
    form.phone_edit.setFocus()
    qtbot.keyClicks(form.phone_edit, "+62 812.3456.7890")
    form.address_edit.setFocus()
    qtbot.waitUntil(lambda: form.phone_edit.text() == "0812-3456-7890")
    form.phone_edit.clear()
    form.phone_edit.setFocus()
    qtbot.keyClicks(form.phone_edit, "0841 234")
    form.address_edit.setFocus()
    qtbot.waitUntil(lambda: form.messages["phone"].isVisible())


def test_nik_warnings_show_under_the_field(qtbot, villages, tab) -> None:
    _baung, duku = villages
    form = _open_new(qtbot, tab)
    form.village_combo.setCurrentIndex(form.village_combo.findData(duku.id))
    form.birth_edit.set_date(date(1986, 4, 12))
    qtbot.keyClicks(form.nik_edit, SITI_NIK)  # Batanghari NIK, Muaro Jambi village
    form.name_edit.setFocus()
    form.recheck()
    text = form.messages["nik"].text()
    assert "1504" in text and "1505" in text  # the regencies differ
    assert "1985" in text and "1986" in text  # the dates disagree
    assert not form.open_existing_button.isVisible()


def test_save_errors_appear_next_to_their_fields(qtbot, tab, db) -> None:
    form = _open_new(qtbot, tab)
    with qtbot.assertNotEmitted(form.saved):
        qtbot.keyClick(form.nik_edit, Qt.Key.Key_Return)
    assert form.isVisible()
    assert form.messages["name"].isVisible() and "Nama" in form.messages["name"].text()
    # Status "registered" by default: a NIK is required.
    assert "NIK" in form.messages["nik"].text()
    assert form.name_edit.hasFocus() or form.nik_edit.hasFocus()
    qtbot.keyClicks(form.name_edit, "Tanpa NIK")
    assert not form.messages["name"].isVisible()  # editing a field clears its message
    form.registration_edit.clear()
    qtbot.keyClicks(form.registration_edit, "31022026")  # no such day
    form.save()
    assert "Tanggal tidak valid" in form.messages["registration_date"].text()
    assert count_participants(db) == 0


def test_save_and_add_another_keeps_the_village(qtbot, db, villages, tab) -> None:
    baung, _duku = villages
    form = _open_new(qtbot, tab)
    form.village_combo.setCurrentIndex(form.village_combo.findData(baung.id))
    form.status_combo.setCurrentIndex(form.status_combo.findData("prospect"))
    qtbot.keyClicks(form.name_edit, "Pertama")
    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(form.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible()
    assert form.name_edit.text() == "" and form.nik_edit.hasFocus()
    assert form.village_id() == baung.id
    assert form.status_combo.currentData() == "prospect"
    assert "Pertama" in form.saved_label.text()
    qtbot.keyClicks(form.name_edit, "Kedua")
    with qtbot.waitSignal(form.saved):
        form.save_again_button.click()
    names = [r.name for r in fetch_page(db)]
    assert names == ["Kedua", "Pertama"]


def test_a_registered_nik_offers_to_open_that_person(qtbot, db, villages, tab) -> None:
    baung, _duku = villages
    existing = _person(
        db,
        "Siti Aminah",
        baung,
        nik=SITI_NIK,
        status="registered",
        registration_date=date(2026, 1, 10),
    )
    with qtbot.waitSignal(tab.model.loaded):
        tab.model.refresh()
    form = _open_new(qtbot, tab)
    qtbot.keyClicks(form.nik_edit, SITI_NIK)
    qtbot.waitUntil(form.open_existing_button.isVisible)
    assert "Siti Aminah" in form.messages["nik"].text()
    with qtbot.waitSignal(form.open_participant_requested) as blocker:
        form.open_existing_button.click()
    assert blocker.args == [existing.id]
    qtbot.waitUntil(lambda: tab.form is not None and tab.form is not form)
    opened = tab.form
    assert opened.participant is not None and opened.participant.id == existing.id
    assert opened.name_edit.text() == "Siti Aminah"


def test_edit_with_enter_and_save(qtbot, db, people, tab) -> None:
    tab.select_row(_names(tab.model).index("Nur Aini"))
    tab.activateWindow()
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    form = tab.form
    assert form is not None and form.participant.name == "Nur Aini"
    _shown(qtbot, form)
    form.name_edit.selectAll()
    qtbot.keyClicks(form.name_edit, "Nur Aini Lubis")
    with qtbot.waitSignal(tab.model.loaded):
        qtbot.keyClick(form.name_edit, Qt.Key.Key_Enter)
    assert "Nur Aini Lubis" in _names(tab.model)
    assert get_participant(db, people[2].id).name == "Nur Aini Lubis"


def test_delete_keeps_a_tombstone(qtbot, db, people, tab, monkeypatch) -> None:
    asked = []

    def confirm(parent, text, title=None):
        asked.append(text)
        return True

    monkeypatch.setattr(messages, "confirm", confirm)
    budi = people[0]
    tab.select_row(_names(tab.model).index("Budi Santoso"))
    with qtbot.waitSignal(tab.model.loaded):
        tab.delete_button.click()
    assert "Budi Santoso" in asked[0]
    assert "Budi Santoso" not in _names(tab.model)
    assert tab.model.rowCount() == 2
    assert get_participant(db, budi.id, include_deleted=True).deleted_at is not None


def test_delete_can_be_declined(qtbot, db, people, tab, monkeypatch) -> None:
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(
        messages, "confirm", lambda parent, text, title=None: asked.append((text, title)) or False
    )
    tab.select_row(0)
    name = tab.model.row_at(0).name
    tab.delete_button.click()
    assert len(asked) == 1
    text, title = asked[0]
    assert text.startswith(f"Hapus {name} dari daftar peserta?") and title == "Hapus peserta"
    assert count_participants(db) == 3


def test_the_tab_follows_changes_made_elsewhere(qtbot, ctx, db, villages, tab) -> None:
    baung, _duku = villages
    _person(db, "Dari Tab Lain", baung)
    with qtbot.waitSignal(tab.model.loaded):
        ctx.bus.notify("participants")
    assert _names(tab.model) == ["Dari Tab Lain"]
    create_village(db, VillageInput(name="Kasang Pudak", kabupaten="Kabupaten Muaro Jambi"))
    with qtbot.waitSignal(tab.model.loaded):
        ctx.bus.notify("villages")
    assert tab.village_combo.findText("Kasang Pudak", Qt.MatchFlag.MatchStartsWith) > 0


def test_focus_search_and_keyboard_path_to_the_list(qtbot, people, tab) -> None:
    tab.activateWindow()
    tab.focus_search()
    qtbot.waitUntil(tab.search_edit.hasFocus)
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Down)
    assert tab.table.hasFocus() and tab.selected_id() is not None


def test_registering_from_a_session_records_attendance(qtbot, ctx, db, villages) -> None:
    baung, _duku = villages
    session = create_session(db, SessionInput(village_id=baung.id, held_on=date(2026, 3, 2)))
    form = ParticipantForm(ctx, session_id=session.id)
    qtbot.addWidget(form)
    assert form.village_id() == baung.id
    assert form.registration_edit.date() == date(2026, 3, 2)
    qtbot.keyClicks(form.nik_edit, SITI_NIK)
    qtbot.keyClicks(form.name_edit, "Siti Aminah")
    with qtbot.waitSignal(form.saved):
        form.save_again_button.click()
    attendance = list_attendance(db, session.id)
    assert [(a.name, a.outcome) for a in attendance] == [("Siti Aminah", "registered")]
    QApplication.processEvents()


def test_history_button_opens_the_selected_persons_history(qtbot, monkeypatch, db, people, tab):
    from desasadar_gui.services.participants import update_participant
    from desasadar_gui.ui.kit.history_dialog import HistoryDialog

    budi = people[0]
    update_participant(db, budi.id, replace(budi.as_input(), address="RT 03 Talang Duku"))
    opened: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda self: opened.append(self) or 0)
    row = next(r for r in range(tab.model.rowCount()) if tab.model.row_at(r).id == budi.id)
    tab.select_row(row)
    qtbot.waitUntil(lambda: tab.history_button.isEnabled())
    tab.history_button.click()
    assert [(d.entity, d.record_id) for d in opened] == [("participants", budi.id)]
    qtbot.addWidget(opened[0])
