"""One rule set: the participant form and the workbook import call the same rules.

A new rule added to ``domain.rules`` (here: a name may not contain digits) is obeyed by
the form a user types into and by the import of an edited workbook, with the same
message; nothing in ``services`` or ``sync`` keeps a copy of a rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import openpyxl
import pytest
from sync_helpers import add_person, add_village, export, new_laptop

from desasadar_gui.cli.main import main
from desasadar_gui.domain import rules
from desasadar_gui.domain.problems import _MESSAGES
from desasadar_gui.services.participants import get_participant
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.participants.form import ParticipantForm

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines

PACKAGE = Path(rules.__file__).resolve().parents[1]


@pytest.fixture
def no_digits_in_names(monkeypatch):
    """A rule change made once, in the core."""
    base = rules._ENTITY_RULES["participants"]

    def stricter(v, out, ctx):
        base(v, out, ctx)
        if any(c.isdigit() for c in v.get("name") or ""):
            out.error("name", "name_digits")

    monkeypatch.setitem(rules._ENTITY_RULES, "participants", stricter)
    monkeypatch.setitem(
        _MESSAGES, "name_digits", ("Nama tidak boleh berisi angka.", "A name cannot hold digits.")
    )


def test_a_rule_change_reaches_the_form(qtbot, db, no_digits_in_names, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_user_error", lambda parent, exc: shown.append(str(exc)))
    form = ParticipantForm(UiContext(db))
    qtbot.addWidget(form)
    qtbot.keyClicks(form.nik_edit, "1504031203850001")
    qtbot.keyClicks(form.name_edit, "Budi 2")
    assert form.save() is False
    assert "Nama tidak boleh berisi angka." in form.messages["name"].text()
    form.name_edit.clear()
    qtbot.keyClicks(form.name_edit, "Budi Dua")
    assert form.save() is True


def test_the_same_rule_change_reaches_the_import(tmp_path, template_db, no_digits_in_names):
    a = new_laptop(tmp_path / "a", template_db, "A")
    pid = add_person(a, add_village(a), "Budi")
    path = export(a, tmp_path / "a.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Peserta"]
    ws.cell(2, 1).value = "Budi 2"
    wb.save(tmp_path / "edited.xlsx")
    errors = tmp_path / "errors.xlsx"
    a_path = a.path
    a.close()
    assert main(["--db", str(a_path), "import", str(tmp_path / "edited.xlsx"),
                 "--errors", str(errors)]) == 1  # fmt: skip
    reason = openpyxl.load_workbook(errors)["Peserta"].cell(2, 1).value
    assert "Nama tidak boleh berisi angka." in reason
    from desasadar_gui.services.database import Database

    with Database.open(a_path) as again:
        assert get_participant(again, pid).name == "Budi"


def _calls(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
    }


def test_services_and_sync_keep_no_rule_copies():
    """The domain checks (NIK, phone, enum codes) are called from the rules, not from
    the entry points: services and sync go through ``check_record``."""
    direct = {"parse_nik", "normalise_phone"}
    offenders = {}
    for folder in ("services", "sync"):
        for path in (PACKAGE / folder).glob("*.py"):
            found = _calls(path) & direct
            if found:
                offenders[path.name] = found
    # cells.py turns a phone cell into its stored form and back (a format, not a rule:
    # the record rules then judge the stored form).
    assert offenders == {"cells.py": {"normalise_phone"}}, offenders
    assert not (PACKAGE / "sync" / "row_rules.py").exists()
