"""The dashboard tab over a demo database: figures, breakdowns, targets and export."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from desasadar_gui.services import demo
from desasadar_gui.services.dashboard import compute_dashboard
from desasadar_gui.services.database import Database
from desasadar_gui.services.targets import list_targets
from desasadar_gui.ui.dashboard.figures import expected_ratio
from desasadar_gui.ui.dashboard.models import (
    COL_NAME,
    COL_PROGRESS,
    COL_PROSPECTS,
    COL_TARGET,
    SCOPE_KABUPATEN,
    SCOPE_OFFICER,
    SCOPE_VILLAGE,
    ProgressTableModel,
)
from desasadar_gui.ui.dashboard.tab import DashboardTab
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.background import wait_for_all
from desasadar_gui.ui.kit.charts import fmt_int
from desasadar_gui.ui.kit.context import UiContext

# The tab is shown (it reloads only while visible); the offscreen platform then warns
# that it cannot pass size hints to a top-level window.
# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = [pytest.mark.both_engines, pytest.mark.qt_log_ignore("propagateSizeHints")]

YEAR = date.today().year


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    path = tmp_path_factory.mktemp("dash") / "demo.sqlite"
    shutil.copyfile(template_db, path)
    with Database.open(path) as db:
        _fill_demo(db)
    return path


def _fill_demo(db: Database) -> None:
    demo.generate_demo(db, participants=1500, seed=8, regions_dir=None)


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path, db_engine: str, request: pytest.FixtureRequest):
    """A copy of the demo data on the engine of the test (see tests/conftest.py)."""
    if db_engine == "postgresql":
        target: Path | str = request.getfixturevalue("pg_clone")("ui_dashboard_demo", _fill_demo)
    else:
        target = tmp_path / "demo.sqlite"
        shutil.copyfile(demo_file, target)
    database = Database.open(target)
    yield database
    database.close()


@pytest.fixture
def tab(qtbot, demo_db):
    widget = DashboardTab(UiContext(demo_db))
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    with qtbot.waitSignal(widget.loaded, timeout=15000):
        widget.show()
    yield widget
    wait_for_all()


def test_dashboard_shows_the_figures(qtbot, demo_db, tab):
    expected = compute_dashboard(demo_db, YEAR)
    b = expected.branch
    assert tab.year() == YEAR
    assert tab.progress_card.title.text() == f"Peserta terdaftar {YEAR}"
    assert tab.progress_card.value.text() == f"{fmt_int(b.counted)} dari {fmt_int(b.target)}"
    assert b.target == demo.BRANCH_TARGET
    assert tab.progress_meter.ratio() == pytest.approx(b.counted / b.target)
    assert tab.active_card.value.text() == fmt_int(b.active)
    assert tab.prospects_card.value.text() == fmt_int(expected.prospects)
    assert tab.months_chart.values() == list(expected.months)
    assert sum(n for _, n in tab.programmes_chart.rows()) == sum(n for _, n in expected.programmes)
    assert "Rp" in tab.contributions_label.text()
    assert tab.status_label.text().startswith("Keadaan per")
    # Kabupaten first, largest first; each row's progress is counted / target.
    rows = tab.breakdown_model.rows()
    assert [r.key for r in rows] == [r.key for r in expected.kabupaten]
    model = tab.breakdown_model
    for i, row in enumerate(rows):
        assert model.index(i, COL_PROGRESS).data(Qt.ItemDataRole.UserRole) == row.ratio
        if row.target:
            assert model.index(i, COL_TARGET).data() == fmt_int(row.target)


def test_scope_buttons_switch_the_breakdown(qtbot, demo_db, tab):
    expected = compute_dashboard(demo_db, YEAR)
    qtbot.mouseClick(tab.scope_buttons[SCOPE_VILLAGE], Qt.MouseButton.LeftButton)
    assert tab.scope() == SCOPE_VILLAGE
    assert tab.breakdown_model.rowCount() == len(expected.villages)
    assert not tab.breakdown_table.isColumnHidden(COL_PROSPECTS)
    qtbot.mouseClick(tab.scope_buttons[SCOPE_OFFICER], Qt.MouseButton.LeftButton)
    assert {r.key for r in tab.breakdown_model.rows()} == {r.key for r in expected.officers}
    assert tab.breakdown_table.isColumnHidden(COL_PROSPECTS)
    tab.breakdown_table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
    names = [
        tab.breakdown_model.index(i, COL_NAME).data() for i in range(tab.breakdown_model.rowCount())
    ]
    assert names == sorted(names, key=str.casefold)
    tab.set_scope(SCOPE_KABUPATEN)
    assert tab.breakdown_model.rowCount() == len(expected.kabupaten)


def test_another_year_without_data(qtbot, tab):
    with qtbot.waitSignal(tab.loaded, timeout=15000):
        tab.set_year(YEAR - 7)
    assert tab.data.year == YEAR - 7
    assert tab.data.branch.counted == 0
    assert "Belum ada target" in tab.progress_card.note.text()
    assert not tab.progress_meter.isVisibleTo(tab)


def test_targets_dialog_sets_a_target_and_the_dashboard_follows(qtbot, monkeypatch, demo_db, tab):
    from desasadar_gui.ui.setup import targets as targets_module

    kabupaten = tab.data.kabupaten[0].key

    def fill(d):
        assert d.table.rowCount() == len(list_targets(demo_db, YEAR))
        d.scope_combo.setCurrentIndex(d.scope_combo.findData("kabupaten"))
        d.key_combo.setCurrentIndex(d.key_combo.findData(kabupaten))
        d.value_spin.setValue(12345)
        with qtbot.waitSignal(tab.loaded, timeout=15000):
            assert d.save() is not None
        d.accept()

    class Driven(targets_module.TargetsDialog):
        def exec(self) -> int:
            fill(self)
            return int(self.result())

    monkeypatch.setattr(targets_module, "TargetsDialog", Driven)
    qtbot.mouseClick(tab.targets_button, Qt.MouseButton.LeftButton)
    row = next(r for r in tab.data.kabupaten if r.key == kabupaten)
    assert row.target == 12345
    i = next(i for i, r in enumerate(tab.breakdown_model.rows()) if r.key == kabupaten)
    assert tab.breakdown_model.index(i, COL_TARGET).data() == fmt_int(12345)


def test_officer_target_typed_freely(qtbot, demo_db):
    from desasadar_gui.ui.setup.targets import TargetsDialog

    dialog = TargetsDialog(UiContext(demo_db), YEAR)
    qtbot.addWidget(dialog)
    dialog.scope_combo.setCurrentIndex(dialog.scope_combo.findData("officer"))
    assert dialog.key_combo.isEditable()
    dialog.key_combo.setEditText("Petugas Baru")
    dialog.value_spin.setValue(500)
    dialog.save()
    assert ("officer", "Petugas Baru", 500) in {
        (t.scope, t.scope_key, t.value) for t in list_targets(demo_db, YEAR)
    }
    # Selecting it fills the form for a change; deleting asks first.
    row = next(i for i, t in enumerate(dialog._rows) if t.scope_key == "Petugas Baru")
    dialog.table.selectRow(row)
    assert dialog.value_spin.value() == 500
    assert dialog.delete_button.isEnabled()


def test_export_xlsx_and_pdf(qtbot, monkeypatch, tab, tmp_path):
    shown = []
    monkeypatch.setattr(messages, "show_info", lambda _p, text, *a: shown.append(text))
    monkeypatch.setattr(messages, "ask_save_path", lambda *a, **k: str(tmp_path / "ringkasan"))
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=15000)
    workbook = openpyxl.load_workbook(tmp_path / "ringkasan.xlsx")
    assert workbook.active.page_setup.orientation == "landscape"
    monkeypatch.setattr(messages, "ask_save_path", lambda *a, **k: str(tmp_path / "ringkasan.pdf"))
    tab.export()
    pdf = tmp_path / "ringkasan.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert len(shown) == 2
    assert not [p for p in tmp_path.iterdir() if "part" in p.name]


def test_progress_model_passes_the_model_tester(qtmodeltester, demo_db):
    model = ProgressTableModel()
    data = compute_dashboard(demo_db, YEAR)
    model.set_rows(list(data.villages), 0.5, "(tanpa desa)")
    qtmodeltester.check(model)


def test_expected_ratio_follows_the_calendar():
    assert expected_ratio(YEAR - 1, date(YEAR - 1, 12, 31)) == 1.0
    assert expected_ratio(YEAR + 1, date(YEAR + 1, 1, 1)) == 0.0
    assert 0 < expected_ratio(YEAR, date.today()) <= 1
