"""The villages tab, its form (with the region picker) and its detail panel, driven
through real widgets on the offscreen platform."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from desasadar_gui.domain.enums import OfficialRole, VillageStatus
from desasadar_gui.services.participants import ParticipantInput, create_participant
from desasadar_gui.services.regions import import_regions
from desasadar_gui.services.sessions import SessionInput, create_session
from desasadar_gui.services.village_queries import VillageQuery, list_village_rows
from desasadar_gui.services.villages import (
    VillageInput,
    create_village,
    get_village,
    village_id_for_code,
)
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.villages import tab as villages_tab_module
from desasadar_gui.ui.villages.form import VillageDialog
from desasadar_gui.ui.villages.models import (
    COL_KABUPATEN,
    COL_NAME,
    COL_OFFICIALS,
    COL_PARTICIPANTS,
    COL_STATUS,
    VillageTableModel,
)
from desasadar_gui.ui.villages.tab import VillagesTab

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def regions_loaded(db, tmp_path: Path):
    """A tiny region reference: two regencies, two districts, three villages."""
    files = [
        _write(
            tmp_path / "kab.csv",
            "code,name,kind\n1504,Kabupaten Batanghari,kabupaten\n1571,Kota Jambi,kota\n",
        ),
        _write(
            tmp_path / "kec.csv",
            "code,regency_code,name\n150403,1504,Muara Bulian\n157107,1571,Kota Baru\n",
        ),
        _write(
            tmp_path / "desa.csv",
            "code,district_code,name,kind\n"
            "1504032015,150403,Sungai Baung,desa\n"
            "1504032016,150403,Rengas Condong,desa\n"
            "1571071011,157107,Talang Gulo,kelurahan\n",
        ),
    ]
    return import_regions(db, files, dataset_version="uji-2025")


@pytest.fixture
def ctx(db) -> UiContext:
    return UiContext(db)


@pytest.fixture
def tab(qtbot, ctx) -> VillagesTab:
    widget = VillagesTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 650)
    return widget


def _village(db, name: str, **kw) -> str:
    return create_village(db, VillageInput(name=name, **kw)).id


def _official(db, village_id: str, name: str, role: OfficialRole) -> str:
    data = ParticipantInput(name=name, village_id=village_id, official_role=role.value)
    return create_participant(db, data).row.id


def _names(tab: VillagesTab) -> list[str]:
    model = tab.model
    return [model.data(model.index(r, COL_NAME)) for r in range(model.rowCount())]


class _Drive:
    """Replaces VillageDialog in the tab: runs ``fill`` on the real dialog, saves it."""

    def __init__(self, monkeypatch, qtbot, fill) -> None:
        self.dialogs: list[VillageDialog] = []
        drive = self

        class Driven(VillageDialog):
            def exec(self) -> int:  # the modal loop is replaced by the test's typing
                qtbot.addWidget(self)
                drive.dialogs.append(self)
                fill(self)
                self.buttons.button(QDialogButtonBox.StandardButton.Save).click()
                return self.result()

        monkeypatch.setattr(villages_tab_module, "VillageDialog", Driven)


def test_add_village_through_region_picker(qtbot, monkeypatch, db, ctx, tab, regions_loaded):
    def fill(dialog: VillageDialog) -> None:
        assert dialog.region_box.isVisibleTo(dialog)
        assert dialog.name_edit.isReadOnly()  # names come from the reference
        dialog.select_region("1504", "150403", "1504032015")
        assert dialog.name_edit.text() == "Sungai Baung"
        assert dialog.kecamatan_edit.text() == "Muara Bulian"
        assert dialog.kabupaten_edit.text() == "Kabupaten Batanghari"
        assert "1504032015" in dialog.code_label.text()
        qtbot.keyClicks(dialog.head_edit, "Pak Kades")
        qtbot.keyClicks(dialog.phone_edit, "0812 3456 7890")

    driven = _Drive(monkeypatch, qtbot, fill)
    with qtbot.waitSignal(ctx.bus.changed):
        tab.add_button.click()

    assert driven.dialogs[0].result() == QDialog.DialogCode.Accepted
    saved = get_village(db, village_id_for_code("1504032015"))
    assert (saved.name, saved.kind, saved.kabupaten) == (
        "Sungai Baung",
        "desa",
        "Kabupaten Batanghari",
    )
    assert saved.region_code == "1504032015"
    assert saved.region_version == "uji-2025"
    assert saved.head_name == "Pak Kades"
    assert saved.contact_phone == "+6281234567890"
    assert _names(tab) == ["Sungai Baung"]
    assert tab.selected_id() == saved.id  # the new village is selected, its detail shown
    assert tab.detail.title_label.text() == "Sungai Baung"


def test_region_picker_fills_kind_from_the_code(qtbot, ctx, regions_loaded):
    dialog = VillageDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.select_region("1571", "157107", "1571071011")
    assert dialog.kind_combo.currentData() == "kelurahan"
    assert not dialog.kind_combo.isEnabled()
    dialog.manual_check.setChecked(True)  # e.g. a market: free text again
    assert not dialog.name_edit.isReadOnly()
    assert dialog.value().region_code is None


def test_picker_requires_a_village_or_manual_entry(qtbot, ctx, regions_loaded):
    dialog = VillageDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.select_region("1504", "150403", "")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.messages["name"].isVisibleTo(dialog)
    assert "Pilih desa/kelurahan" in dialog.messages["name"].text()


def test_free_text_when_no_region_data(qtbot, db, ctx):
    dialog = VillageDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.region_box.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.name_edit, "Pasar Angso Duo")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("pasar"))
    qtbot.keyClicks(dialog.kabupaten_edit, "Kota Jambi")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None
    assert (dialog.saved.kind, dialog.saved.region_code) == ("pasar", None)


def test_validation_problems_shown_in_the_form(qtbot, ctx):
    dialog = VillageDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.phone_edit, "12")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    # Both problems at once, each beside its field; nothing left at the bottom.
    assert dialog.messages["name"].isVisibleTo(dialog)
    assert "Nama desa wajib diisi" in dialog.messages["name"].text()
    assert dialog.messages["contact_phone"].isVisibleTo(dialog)
    assert dialog.messages["contact_phone"].text()
    assert not dialog.error_label.isVisibleTo(dialog)
    assert dialog.name_edit.styleSheet()  # the field is marked
    assert dialog.phone_edit.styleSheet()


def test_edit_village(qtbot, monkeypatch, db, ctx, tab):
    vid = _village(db, "Talang Duku", kabupaten="Kabupaten Muaro Jambi")
    tab.reload()
    assert tab.select_village(vid)

    def fill(dialog: VillageDialog) -> None:
        assert dialog.name_edit.text() == "Talang Duku"
        dialog.head_edit.setText("H. Usman")
        dialog.workers_edit.setText("850")
        dialog.status_combo.setCurrentIndex(
            dialog.status_combo.findData(VillageStatus.SOCIALISED.value)
        )

    _Drive(monkeypatch, qtbot, fill)
    with qtbot.waitSignal(ctx.bus.changed):
        tab.edit_button.click()

    saved = get_village(db, vid)
    assert (saved.head_name, saved.est_informal_workers, saved.status) == (
        "H. Usman",
        850,
        "socialised",
    )
    row = tab.model.row_of(vid)
    assert tab.model.data(tab.model.index(row, COL_STATUS)) == "Sudah sosialisasi"
    assert tab.selected_id() == vid


def test_delete_village_keeps_a_tombstone(qtbot, monkeypatch, db, ctx, tab):
    keep = _village(db, "Kasang Pudak")
    gone = _village(db, "Mendalo Darat")
    tab.reload()
    asked: list[str] = []

    def confirm(parent, text, title=None):
        asked.append(text)
        return True

    monkeypatch.setattr(messages, "confirm", confirm)
    tab.select_village(gone)
    with qtbot.waitSignal(ctx.bus.changed):
        tab.delete_button.click()

    assert "Mendalo Darat" in asked[0]
    assert _names(tab) == ["Kasang Pudak"]
    assert tab.model.row_of(keep) == 0
    from desasadar_gui.db.models import Village

    with db.read_session() as s:
        record = s.get(Village, gone)
        assert record is not None and record.deleted_at is not None


def test_delete_refused_while_participants_belong(qtbot, monkeypatch, db, tab):
    vid = _village(db, "Sungai Baung")
    _official(db, vid, "Ahmad", OfficialRole.KEPALA_DESA)
    tab.reload()
    tab.select_village(vid)
    shown: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(
        messages, "show_user_error", lambda parent, exc: shown.append(exc.message())
    )
    tab.delete_button.click()
    assert "1 peserta" in shown[0]
    assert _names(tab) == ["Sungai Baung"]


def test_delete_cancelled_changes_nothing(qtbot, monkeypatch, db, tab):
    vid = _village(db, "Sungai Baung")
    tab.reload()
    tab.select_village(vid)
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(
        messages, "confirm", lambda parent, text, title=None: asked.append((text, title)) or False
    )
    tab.delete_button.click()
    assert len(asked) == 1
    text, title = asked[0]
    assert text.startswith("Hapus Sungai Baung dari daftar desa?") and title == "Hapus desa"
    assert get_village(db, vid).name == "Sungai Baung"
    assert _names(tab) == ["Sungai Baung"]


@pytest.fixture
def four_villages(db):
    ids = {
        "baung": _village(
            db, "Sungai Baung", kecamatan="Muara Bulian", kabupaten="Kabupaten Batanghari"
        ),
        "duku": _village(
            db,
            "Talang Duku",
            kecamatan="Taman Rajo",
            kabupaten="Kabupaten Muaro Jambi",
            status="socialised",
        ),
        "pudak": _village(
            db,
            "Kasang Pudak",
            kecamatan="Kumpeh Ulu",
            kabupaten="Kabupaten Muaro Jambi",
            status="launched",
            launch_date=date(2018, 3, 14),
        ),
        "pasar": _village(db, "Pasar Angso Duo", kind="pasar", kabupaten="Kota Jambi"),
    }
    for n, role in enumerate((OfficialRole.KEPALA_DESA, OfficialRole.SEKRETARIS_DESA)):
        _official(db, ids["pudak"], f"Pejabat {n}", role)
    _official(db, ids["pudak"], "Ketua BPD", OfficialRole.KETUA_BPD)  # not a required post
    create_participant(db, ParticipantInput(name="Petani", village_id=ids["duku"]))
    return ids


def test_filters_give_the_right_rows(qtbot, tab, four_villages):
    tab.reload()
    assert _names(tab) == ["Kasang Pudak", "Pasar Angso Duo", "Sungai Baung", "Talang Duku"]

    combo = tab.kabupaten_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Semua kabupaten/kota",
        "Kabupaten Batanghari",
        "Kabupaten Muaro Jambi",
        "Kota Jambi",
    ]
    with qtbot.waitSignal(tab.model.modelReset):
        combo.setCurrentIndex(combo.findData("Kabupaten Muaro Jambi"))
    assert _names(tab) == ["Kasang Pudak", "Talang Duku"]

    with qtbot.waitSignal(tab.model.modelReset):
        tab.status_combo.setCurrentIndex(tab.status_combo.findData("launched"))
    assert _names(tab) == ["Kasang Pudak"]

    tab.set_filters(kind="pasar")
    assert _names(tab) == ["Pasar Angso Duo"]

    tab.set_filters()
    with qtbot.waitSignal(tab.model.modelReset, timeout=2000):
        qtbot.keyClicks(tab.search_edit, "rajo")  # the kecamatan matches too
    assert _names(tab) == ["Talang Duku"]
    assert tab.count_label.text() == "1 desa"


def test_counts_and_sorting(qtbot, tab, four_villages):
    tab.reload()
    model = tab.model
    row = model.row_of(four_villages["pudak"])
    assert model.data(model.index(row, COL_OFFICIALS)) == "2/8"  # the BPD chair is extra
    assert model.data(model.index(row, COL_PARTICIPANTS)) == "3"
    assert model.data(model.index(model.row_of(four_villages["pasar"]), COL_OFFICIALS)) == "0/1"

    with qtbot.waitSignal(model.modelReset):
        tab.table.sortByColumn(COL_PARTICIPANTS, Qt.SortOrder.DescendingOrder)
    assert _names(tab)[:2] == ["Kasang Pudak", "Talang Duku"]
    with qtbot.waitSignal(model.modelReset):
        tab.table.sortByColumn(COL_KABUPATEN, Qt.SortOrder.DescendingOrder)
    assert _names(tab)[0] == "Pasar Angso Duo"


def test_list_query_is_one_statement(db, four_villages):
    statements: list[str] = []
    from sqlalchemy import event

    def count(*args) -> None:
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        rows = list_village_rows(db, VillageQuery(sort_key="officials", descending=True))
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(rows) == 4
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1


def test_detail_panel_highlights_missing_officials(qtbot, tab, four_villages):
    tab.reload()
    tab.select_village(four_villages["pudak"])
    panel = tab.detail
    missing = panel.missing_roles_shown()
    assert "Kepala Desa" not in missing
    assert "Kaur Keuangan" in missing and "Kepala Dusun" in missing
    assert len(missing) == 6
    assert "2 dari 8" in panel.officials_box.title()
    assert "Peserta: 3" in panel.people_box.title()


def test_detail_panel_lists_sessions(qtbot, db, tab, four_villages):
    create_session(
        db, SessionInput(four_villages["duku"], date(2018, 2, 1), "sosialisasi", "Balai desa")
    )
    tab.reload()
    tab.select_village(four_villages["duku"])
    table = tab.detail.sessions_table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(3)] == [
        "01/02/2018",
        "Sosialisasi",
        "Balai desa",
    ]


def test_launch_with_missing_officials_warns_then_launches(
    qtbot, monkeypatch, db, ctx, tab, four_villages
):
    vid = four_villages["duku"]
    tab.reload()
    tab.select_village(vid)
    asked: list[str] = []

    def confirm(parent, text, title=None):
        asked.append(text)
        return True

    monkeypatch.setattr(messages, "confirm", confirm)
    panel = tab.detail
    assert panel.launch_box.isVisibleTo(panel)
    panel.launch_date.setDate(QDate(2018, 4, 21))
    with qtbot.waitSignal(ctx.bus.changed):
        panel.launch_button.click()

    assert len(asked) == 1
    assert "Kepala Desa" in asked[0] and "Sekretaris Desa" in asked[0]
    assert "21/04/2018" in asked[0]
    village = get_village(db, vid)
    assert (village.status, village.launch_date) == ("launched", date(2018, 4, 21))
    row = tab.model.row_of(vid)
    assert tab.model.data(tab.model.index(row, COL_STATUS)) == "Desa Sadar (diluncurkan)"
    assert not panel.launch_box.isVisibleTo(panel)


def test_launch_declined_changes_nothing(qtbot, monkeypatch, db, tab, four_villages):
    vid = four_villages["baung"]
    tab.reload()
    tab.select_village(vid)
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: False)
    tab.detail.launch_button.click()
    assert get_village(db, vid).status == "prospect"


def test_launch_with_every_official_does_not_ask(qtbot, monkeypatch, db, ctx, tab):
    vid = _village(db, "Pasar Talang Banjar", kind="pasar")
    _official(db, vid, "Pak Pengelola", OfficialRole.KEPALA_PASAR)
    tab.reload()
    tab.select_village(vid)

    def confirm(*a, **k):
        raise AssertionError("no warning expected")

    monkeypatch.setattr(messages, "confirm", confirm)
    with qtbot.waitSignal(ctx.bus.changed):
        tab.detail.launch_button.click()
    assert get_village(db, vid).status == "launched"


def test_tab_follows_data_changes_elsewhere(qtbot, db, ctx, tab):
    assert _names(tab) == []
    _village(db, "Bram Itam Raya", kabupaten="Kabupaten Tanjung Jabung Barat")
    with qtbot.waitSignal(tab.model.modelReset):
        ctx.bus.notify("villages")
    assert _names(tab) == ["Bram Itam Raya"]
    assert tab.kabupaten_combo.findData("Kabupaten Tanjung Jabung Barat") > 0


def test_village_table_model_passes_modeltester(qtmodeltester, db, four_villages):
    model = VillageTableModel(lambda q: list_village_rows(db, q))
    model.reload()
    assert model.rowCount() == 4
    qtmodeltester.check(model, force_py=True)
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def _rows_in_sight(table) -> int:
    """Rows of a compact table drawn whole inside its viewport (not cut off)."""
    height = table.viewport().height()
    return sum(
        1
        for r in range(table.rowCount())
        if 0 <= table.visualRect(table.model().index(r, 0)).bottom() < height
    )


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_detail_panel_sessions_follow_each_new_session(qtbot, db, ctx, tab):
    vid = _village(db, "Sungai Baung")
    tab.show()
    tab.reload()
    tab.select_village(vid)
    panel = tab.detail
    assert not panel.sessions_table.isVisibleTo(panel)  # no session yet
    for n, (day, place) in enumerate(((date(2024, 3, 1), "Balai desa"),
                                      (date(2024, 4, 2), "Masjid")), start=1):  # fmt: skip
        create_session(db, SessionInput(vid, day, "sosialisasi", place))
        with qtbot.waitSignal(tab.model.modelReset):
            ctx.bus.notify("sessions")
        qtbot.waitUntil(lambda: panel.sessions_table.isVisible())
        assert panel.sessions_box.title().endswith(f": {n}")
        assert panel.sessions_table.rowCount() == n
        assert _rows_in_sight(panel.sessions_table) == n
    assert panel.sessions_table.item(0, 2).text() == "Masjid"  # the latest first
