"""The add/edit forms (participant, village, session) driven through real widgets:
they ask before throwing typed changes away, show every problem at once beside its
field, start in the village the tab names, and register a missing official in one click."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication

from desasadar_gui.domain.enums import OfficialRole, roles_of_kind
from desasadar_gui.services.sessions import SessionInput, create_session
from desasadar_gui.services.villages import VillageInput, create_village
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.participants.form import ParticipantForm
from desasadar_gui.ui.participants.tab import ParticipantsTab
from desasadar_gui.ui.sessions import tab as sessions_tab_module
from desasadar_gui.ui.sessions.dialogs import SessionDialog
from desasadar_gui.ui.sessions.tab import SessionsTab
from desasadar_gui.ui.villages.detail_panel import VillageDetailPanel
from desasadar_gui.ui.villages.form import VillageDialog

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = [
    pytest.mark.both_engines,
    pytest.mark.qt_log_ignore(
        "propagateSizeHints", "does not support raise", "grabbing the keyboard"
    ),
]


@pytest.fixture
def ctx(db):
    return UiContext(db)


@pytest.fixture
def villages(db):
    baung = create_village(db, VillageInput(name="Sungai Baung", kabupaten="Kab. Batanghari"))
    gulo = create_village(db, VillageInput(name="Talang Gulo", kind="kelurahan"))
    pasar = create_village(db, VillageInput(name="Pasar Angso Duo", kind="pasar"))
    return baung, gulo, pasar


@pytest.fixture
def asked(monkeypatch):
    """Answers to "Buang perubahan?", in order (True: discard); the questions asked."""
    state = {"answers": [], "asked": 0}

    def ask(_parent):
        state["asked"] += 1
        return state["answers"].pop(0)

    monkeypatch.setattr(messages, "ask_discard", ask)
    return state


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _forms(ctx):
    return {
        "participant": (lambda: ParticipantForm(ctx), lambda f: f.name_edit),
        "village": (lambda: VillageDialog(ctx), lambda f: f.name_edit),
        "session": (lambda: SessionDialog(ctx), lambda f: f.place_edit),
    }


# -- 1. a filled form asks before it is thrown away ------------------------------------


@pytest.mark.parametrize("which", ["participant", "village", "session"])
def test_esc_on_a_filled_form_asks_and_back_keeps_it(qtbot, ctx, asked, which):
    make, field = _forms(ctx)[which]
    form = _shown(qtbot, make())
    edit = field(form)
    edit.setFocus()
    qtbot.keyClicks(edit, "Siti Aminah")
    asked["answers"] = [False]  # "Kembali ke formulir"
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert asked["asked"] == 1
    assert form.isVisible() and edit.text() == "Siti Aminah"
    asked["answers"] = [True]  # "Buang"
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert asked["asked"] == 2
    assert not form.isVisible()


@pytest.mark.parametrize("which", ["participant", "village", "session"])
def test_an_untouched_form_closes_without_a_question(qtbot, ctx, asked, which):
    make, field = _forms(ctx)[which]
    form = _shown(qtbot, make())
    qtbot.keyClick(field(form), Qt.Key.Key_Escape)
    assert asked["asked"] == 0
    assert not form.isVisible()


def test_batal_and_the_close_button_ask_too(qtbot, monkeypatch, ctx, asked):
    form = _shown(qtbot, ParticipantForm(ctx))
    qtbot.keyClicks(form.nik_edit, "1504")
    asked["answers"] = [False]
    form.cancel_button.click()
    assert asked["asked"] == 1 and form.isVisible()
    # The window's close button: a close event from the window system (spontaneous).
    monkeypatch.setattr(QCloseEvent, "spontaneous", lambda _self: True)
    asked["answers"] = [False, True]
    event = QCloseEvent()
    QApplication.sendEvent(form, event)
    assert asked["asked"] == 2 and form.isVisible() and not event.isAccepted()
    QApplication.sendEvent(form, QCloseEvent())
    assert asked["asked"] == 3 and not form.isVisible()


def test_close_from_code_and_save_again_do_not_ask(qtbot, ctx, villages, asked):
    baung, _gulo, _pasar = villages
    form = _shown(qtbot, ParticipantForm(ctx, village_id=baung.id))
    form.status_combo.setCurrentIndex(form.status_combo.findData("prospect"))
    qtbot.keyClicks(form.name_edit, "Pertama")
    with qtbot.waitSignal(form.saved):
        form.save(again=True)
    # Saved and cleared for the next person: nothing new typed, nothing to lose.
    qtbot.keyClick(form.nik_edit, Qt.Key.Key_Escape)
    assert asked["asked"] == 0 and not form.isVisible()
    form = _shown(qtbot, ParticipantForm(ctx))
    qtbot.keyClicks(form.name_edit, "Kedua")
    form.close()  # the caller decided (e.g. the tab opening another record)
    assert asked["asked"] == 0 and not form.isVisible()


# -- 2. every problem at once, beside its field ---------------------------------------


def test_participant_form_shows_all_problems_and_drops_a_stale_banner(qtbot, ctx, villages, asked):
    baung, _gulo, _pasar = villages
    form = _shown(qtbot, ParticipantForm(ctx, village_id=baung.id))
    form.status_combo.setCurrentIndex(form.status_combo.findData("prospect"))
    qtbot.keyClicks(form.name_edit, "Pertama")
    with qtbot.waitSignal(form.saved):
        form.save(again=True)
    assert form.saved_label.isVisible()  # "Tersimpan: Pertama"
    # Two bad fields: no name, and a birth date that does not exist.
    form.birth_edit.setText("31022000")  # as typed: eight digits into the mask
    assert not form.save()
    assert form.messages["birth_date"].isVisible()
    assert "Tanggal tidak valid" in form.messages["birth_date"].text()
    assert form.messages["name"].isVisible() and "Nama" in form.messages["name"].text()
    assert not form.saved_label.isVisible()
    form.discard()


def test_village_form_shows_all_problems_beside_their_fields(qtbot, ctx):
    dialog = _shown(qtbot, VillageDialog(ctx))
    qtbot.keyClicks(dialog.phone_edit, "12")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.messages["name"].isVisible() and dialog.messages["contact_phone"].isVisible()
    dialog.discard()


# -- 3. the tab's village is the form's first village ---------------------------------


def test_add_participant_starts_in_the_filtered_village(qtbot, ctx, villages, asked):
    _baung, gulo, _pasar = villages
    tab = ParticipantsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 600)
    tab.show()
    qtbot.waitUntil(lambda: not tab.model.busy)
    tab.village_combo.setCurrentIndex(tab.village_combo.findData(gulo.id))
    form = tab.add_participant()
    assert form.village_id() == gulo.id
    form.close()
    tab.model.shutdown()


def test_add_session_starts_in_the_selected_sessions_village(qtbot, monkeypatch, ctx, db, villages):
    baung, _gulo, _pasar = villages
    session = create_session(db, SessionInput(village_id=baung.id, held_on=date.today()))
    opened = []

    class Driven(SessionDialog):
        def exec(self) -> int:
            opened.append(self.village_id())
            return 0

    monkeypatch.setattr(sessions_tab_module, "SessionDialog", Driven)
    tab = SessionsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    with qtbot.waitSignal(tab.counts_loaded, timeout=10000):
        tab.show()
    tab.table.selectRow(tab.model.row_of(session.id))
    assert tab.selected_session().id == session.id
    tab.add_button.click()
    assert opened == [baung.id]


# -- 4. a missing position is one click from the form ---------------------------------


@pytest.mark.parametrize("index, role", [(1, "lurah"), (2, "kepala_pasar"), (0, "kepala_desa")])
def test_daftarkan_opens_the_form_with_village_and_role(qtbot, ctx, villages, asked, index, role):
    village = villages[index]
    panel = VillageDetailPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(520, 700)
    panel.show()
    panel.show_village(village.id)
    button = panel.register_button(role)
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    form = panel.form
    assert form is not None and form.isVisible()
    assert form.village_id() == village.id
    assert form.role_combo.currentData() == role
    offered = [form.role_combo.itemData(i) for i in range(1, form.role_combo.count())]
    assert offered == [r.value for r in OfficialRole if r in roles_of_kind(village.kind)]
    assert form.name_edit.text() == ""
    form.close()


def test_the_role_list_follows_the_village_chosen(qtbot, ctx, villages):
    baung, _gulo, pasar = villages
    form = _shown(qtbot, ParticipantForm(ctx))
    assert form.role_combo.count() == len(OfficialRole) + 1  # no village yet: every role
    form.village_combo.setCurrentIndex(form.village_combo.findData(pasar.id))
    offered = {form.role_combo.itemData(i) for i in range(form.role_combo.count())}
    assert offered == {"", "kepala_pasar", "ketua_pedagang"}
    form.village_combo.setCurrentIndex(form.village_combo.findData(baung.id))
    assert form.role_combo.findData("kepala_desa") > 0
    assert form.role_combo.findData("lurah") < 0
    form.close()


def test_the_open_village_list_shows_long_names_whole(qtbot, ctx, db):
    """The closed box may cut "… Kab. Tanjung Jabung Barat"; the open list does not."""
    long_one = create_village(
        db,
        VillageInput(
            name="Tungkal Ilir Pangkal Duri Ulu",
            kecamatan="Betara Kanan Tanjung Jabung",
            kabupaten="Kab. Tanjung Jabung Barat",
        ),
    )
    form = _shown(qtbot, ParticipantForm(ctx))
    combo = form.village_combo
    text = combo.itemText(combo.findData(long_one.id))
    assert combo.fontMetrics().horizontalAdvance(text) > combo.width()  # cut when closed
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    assert view.width() >= combo.fontMetrics().horizontalAdvance(text) + 16
    combo.hidePopup()
    form.close()
