"""The "Peserta" tab: every participant, searched, filtered and sorted in SQL.

One search box takes a name, a NIK or a phone number as it is typed; the combos narrow
the list by village, regency, status, occupation, programme and village officials.
The table pages from SQL (``ParticipantTableModel``), so half a million people open
and filter as quickly as a hundred.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from desasadar_gui.domain import display
from desasadar_gui.domain.enums import Occupation, ParticipantStatus
from desasadar_gui.services.participant_queries import (
    PROGRAMMES,
    ParticipantFilter,
    kabupaten_options,
)
from desasadar_gui.services.participants import delete_participant, get_participant
from desasadar_gui.services.village_queries import village_choices
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import PARTICIPANTS, VILLAGES, UiContext
from desasadar_gui.ui.kit.form_fields import chosen_data, make_searchable, refill
from desasadar_gui.ui.kit.history_dialog import HistoryDialog
from desasadar_gui.ui.kit.i18n import Retranslating, enum_choices, language
from desasadar_gui.ui.kit.layouts import STRETCH, hbox
from desasadar_gui.ui.kit.list_detail import FILTER_SPACING, list_only, row_shortcuts
from desasadar_gui.ui.kit.operations import run_change
from desasadar_gui.ui.kit.tables import follow_current_row, select_row
from desasadar_gui.ui.participants.columns import COL_NAME, short_regency
from desasadar_gui.ui.participants.form import ParticipantForm
from desasadar_gui.ui.participants.models import ParticipantTableModel
from desasadar_gui.ui.participants.table_view import make_participants_table
from desasadar_gui.ui.safety.personal_data import erase_with_dialog, report_with_dialog


def _number(n: int) -> str:
    return display.count(n, language())


class ParticipantsTab(Retranslating, QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ParticipantsTab")
        self.form: ParticipantForm | None = None
        self._selected_id: str | None = None

        # Search and filters.
        self.search_label = QLabel()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("participantSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self.search_label.setBuddy(self.search_edit)
        self.village_combo = QComboBox()
        self.village_combo.setObjectName("villageFilter")
        make_searchable(self.village_combo)
        self.kabupaten_combo = QComboBox()
        self.status_combo = QComboBox()
        self.occupation_combo = QComboBox()
        self.programme_combo = QComboBox()
        self.official_combo = QComboBox()
        for combo, chars in (
            (self.village_combo, 12),
            (self.kabupaten_combo, 14),
            (self.status_combo, 10),
            (self.occupation_combo, 12),
            (self.programme_combo, 10),
            (self.official_combo, 12),
        ):
            combo.setMinimumContentsLength(chars)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.clear_filters_button = QToolButton()
        self.clear_filters_button.setObjectName("clearFilters")
        self.clear_filters_button.clicked.connect(self.clear_filters)

        # Table.
        self.model = ParticipantTableModel(lambda: ctx.db, self)
        self.table = make_participants_table(self.model)
        self.table.doubleClicked.connect(lambda _index: self.edit_participant())
        follow_current_row(self.table, self._current_changed, self._update_buttons)

        # Actions.
        self.add_button = QPushButton()
        self.add_button.setObjectName("addParticipant")
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editParticipant")
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("deleteParticipant")
        self.history_button = QPushButton()
        self.history_button.setObjectName("historyParticipant")
        self.history_button.clicked.connect(self.show_history)
        # The data subject's rights (UU 27/2022): report and erasure, see personal_data.py.
        self.personal_button = QToolButton()
        self.personal_button.setObjectName("personalData")
        self.personal_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        personal_menu = QMenu(self.personal_button)
        self.report_action = personal_menu.addAction("")
        self.report_action.setObjectName("personalReport")
        self.report_action.triggered.connect(self.personal_report)
        self.erase_action = personal_menu.addAction("")
        self.erase_action.setObjectName("erasePersonal")
        self.erase_action.triggered.connect(self.erase_personal_data)
        self.personal_button.setMenu(personal_menu)
        self.add_button.clicked.connect(self.add_participant)
        self.edit_button.clicked.connect(lambda: self.edit_participant())
        self.delete_button.clicked.connect(self.delete_participant)
        self.count_label = QLabel()
        self.count_label.setObjectName("participantCount")

        filters = hbox(
            self.search_label,
            (self.search_edit, 2),
            *((combo, 1) for combo in self._filter_combos()),
            self.clear_filters_button,
            spacing=FILTER_SPACING,
        )
        buttons = hbox(
            self.add_button, self.edit_button, self.delete_button, self.history_button,
            self.personal_button, STRETCH, self.count_label,
        )  # fmt: skip
        list_only(self, filters, self.table, buttons)

        # Wiring.
        self.search_edit.textChanged.connect(self._search_changed)
        self.search_edit.installEventFilter(self)
        for combo in (
            self.kabupaten_combo,
            self.status_combo,
            self.occupation_combo,
            self.programme_combo,
            self.official_combo,
        ):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.village_combo.currentIndexChanged.connect(self.apply_filters)
        self.village_combo.lineEdit().editingFinished.connect(self._village_typed)
        self.model.loaded.connect(self._loaded)
        self.model.counted.connect(lambda _n: self._show_count())
        self.model.busy_changed.connect(lambda _busy: self._show_count())
        self.model.load_failed.connect(self._load_failed)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        row_shortcuts(
            self.table,
            delete=lambda: self.delete_participant(),
            open_=lambda: self.edit_participant(),
        )
        ctx.bus.changed.connect(self._data_changed)

        self._reset_scroll = False
        self.retranslate_ui()
        self._load_village_choices()
        self.table.setSortingEnabled(True)  # the indicator is the model's order: no new query
        self._update_buttons()

    # -- texts ----------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.search_label.setText(self.tr("&Cari"))
        self.search_edit.setPlaceholderText(self.tr("Cari nama, NIK atau telepon…"))
        self.search_edit.setToolTip(
            self.tr(
                "Nama: bagian mana pun dari nama. NIK dan telepon: angka awalnya, "
                "mulai 4 digit (0812… juga menemukan +62812…). Ctrl+F"
            )
        )
        self.add_button.setText(self.tr("&Tambah peserta…"))
        self.edit_button.setText(self.tr("&Ubah…"))
        self.delete_button.setText(self.tr("&Hapus"))
        self.history_button.setText(self.tr("&Riwayat…"))
        self.history_button.setToolTip(self.tr("Siapa mengubah apa dan kapan, termasuk dari impor"))
        self.personal_button.setText(self.tr("Data &pribadi"))
        self.report_action.setText(self.tr("Laporan data pribadi (PDF)…"))
        self.erase_action.setText(self.tr("Hapus data pribadi…"))
        self.add_button.setToolTip(self.tr("Daftarkan peserta baru (Ctrl+N)"))
        self.edit_button.setToolTip(self.tr("Ubah peserta terpilih (Enter)"))
        self.delete_button.setToolTip(self.tr("Hapus peserta terpilih (Delete)"))
        self.clear_filters_button.setText(self.tr("Tampilkan semua"))
        self.clear_filters_button.setToolTip(self.tr("Hapus pencarian dan semua filter"))
        self._fill(self.status_combo, self.tr("Semua status"), enum_choices(ParticipantStatus))
        self._fill(self.occupation_combo, self.tr("Semua pekerjaan"), enum_choices(Occupation))
        self._fill(
            self.programme_combo,
            self.tr("Semua program"),
            [(self.tr("Ikut %1").replace("%1", code.upper()), code) for code in PROGRAMMES],
        )
        self._fill(
            self.official_combo,
            self.tr("Perangkat: semua"),
            [(self.tr("Perangkat desa saja"), "yes"), (self.tr("Bukan perangkat desa"), "no")],
        )
        self.kabupaten_combo.setItemText(0, self.tr("Semua kab/kota"))
        # "All villages" is the empty choice: typing a name starts from a clean box.
        self.village_combo.lineEdit().setPlaceholderText(self.tr("Semua desa"))
        for combo, tip in (
            (self.village_combo, self.tr("Desa (ketik untuk mencari)")),
            (self.kabupaten_combo, self.tr("Kabupaten/kota")),
            (self.status_combo, self.tr("Status peserta")),
            (self.occupation_combo, self.tr("Pekerjaan")),
            (self.programme_combo, self.tr("Program yang diikuti")),
            (self.official_combo, self.tr("Perangkat desa")),
        ):
            combo.setToolTip(tip)
        self.model.retranslate()
        self._show_count()

    @staticmethod
    def _fill(combo: QComboBox, all_text: str, items: list[tuple[str, str]]) -> None:
        refill(combo, items, (all_text, ""))

    def _load_village_choices(self) -> None:
        """Villages and regencies for the filters (again when villages change)."""
        self._fill(
            self.kabupaten_combo,
            self.tr("Semua kab/kota"),
            [(short_regency(name), name) for name in kabupaten_options(self.ctx.db)],
        )
        items = []
        for v in village_choices(self.ctx.db):
            items.append((f"{v.name} ({v.kecamatan})" if v.kecamatan else v.name, v.id))
        self._fill(self.village_combo, "", items)
        if self.current_filter() != self.model.filter:  # a filtered village disappeared
            self.apply_filters()

    # -- filters --------------------------------------------------------------------

    def current_filter(self) -> ParticipantFilter:
        official = self.official_combo.currentData()
        return ParticipantFilter(
            text=self.search_edit.text(),
            village_id=str(chosen_data(self.village_combo) or "") or None,
            kabupaten=self.kabupaten_combo.currentData() or None,
            status=self.status_combo.currentData() or None,
            occupation=self.occupation_combo.currentData() or None,
            programme=self.programme_combo.currentData() or None,
            official={"yes": True, "no": False}.get(official or ""),
        )

    def _search_changed(self) -> None:
        self._reset_scroll = True
        self.model.set_filter(self.current_filter())  # debounced: typing stays smooth

    def apply_filters(self) -> None:
        self._reset_scroll = True
        self.model.set_filter(self.current_filter(), immediate=True)
        self._update_clear_button()

    def _village_typed(self) -> None:
        """Leaving the village box: keep a name picked from the list, else show all."""
        if chosen_data(self.village_combo) is None:
            self.village_combo.setCurrentIndex(0)
        if self.current_filter() != self.model.filter:
            self.apply_filters()

    def _filter_combos(self) -> tuple[QComboBox, ...]:
        return (
            self.village_combo,
            self.kabupaten_combo,
            self.status_combo,
            self.occupation_combo,
            self.programme_combo,
            self.official_combo,
        )

    def clear_filters(self) -> None:
        for combo in self._filter_combos():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.apply_filters()

    def _update_clear_button(self) -> None:
        self.clear_filters_button.setEnabled(self.current_filter() != ParticipantFilter())

    # -- loading and counts ---------------------------------------------------------

    def refresh(self) -> None:
        """Read the filter choices and the rows again, keeping the place in the list."""
        self._load_village_choices()
        self.model.refresh()

    def _data_changed(self, entities: frozenset) -> None:
        if VILLAGES in entities:
            self.refresh()
        elif PARTICIPANTS in entities:
            self.model.refresh()

    def _remember_selection(self) -> None:
        row = self.model.row_at(self.table.currentIndex().row())
        if row is not None:
            self._selected_id = row.id

    def _loaded(self) -> None:
        if self._reset_scroll:
            self._reset_scroll = False
            self.table.scrollToTop()
        row = self.model.row_of(self._selected_id) if self._selected_id else -1
        if row >= 0:
            self.select_row(row, scroll=False)
        elif self.model.total and not self.table.currentIndex().isValid():
            self.select_row(0, scroll=False)
        self._show_count()
        self._update_buttons()
        self._update_clear_button()

    def _load_failed(self, text: str) -> None:
        self.count_label.setText(self.tr("Daftar tidak bisa dimuat: %1").replace("%1", text))

    def _show_count(self) -> None:
        model = self.model
        n = model.total
        if not model.exact:
            # The first rows are in, the count is coming: say how many at least.
            text = self.tr("Menghitung…")
            if n:
                text = self.tr("%1+ peserta, menghitung…").replace("%1", _number(n))
        elif n == 0 and model.filter != ParticipantFilter():
            text = self.tr("Tidak ada peserta yang cocok")
        else:
            text = self.tr("%1 peserta").replace("%1", _number(n))
        self.count_label.setText(text)

    # -- selection ------------------------------------------------------------------

    def select_row(self, row: int, scroll: bool = True) -> None:
        select_row(self.table, row, COL_NAME, scroll)

    def selected_id(self) -> str | None:
        row = self.model.row_at(self.table.currentIndex().row())
        return row.id if row else None

    def _current_changed(self, current, _previous) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is not None:
            self._selected_id = row.id
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.history_button.setEnabled(has)
        self.personal_button.setEnabled(has)

    def show_history(self) -> None:
        record_id = self.selected_id()
        if record_id:
            HistoryDialog(self.ctx, "participants", record_id, self).exec()

    def personal_report(self) -> None:
        record_id = self.selected_id()
        if record_id:
            report_with_dialog(self, self.ctx, record_id)

    def erase_personal_data(self) -> None:
        record_id = self.selected_id()
        row = self.model.row_at(self.table.currentIndex().row())
        if record_id and erase_with_dialog(self, self.ctx, record_id, row.name if row else ""):
            self._selected_id = None  # the list reloads when the erasure is done

    # -- keyboard -------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """From the search box, Down or Enter goes to the list; Escape clears the box."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.model.total:
                    self.table.setFocus()
                    if not self.table.currentIndex().isValid():
                        self.select_row(0)
                return True
            if key == Qt.Key.Key_Escape and self.search_edit.text():
                self.search_edit.clear()
                return True
        return super().eventFilter(watched, event)

    # -- actions --------------------------------------------------------------------

    def add_participant(self) -> ParticipantForm:
        """Open the form for a new participant (in the filtered village, if one is)."""
        # The village chosen in the filter now, even before the debounced list follows.
        return self._open_form(None, village_id=self.current_filter().village_id)

    def edit_participant(self, participant_id: str | None = None) -> ParticipantForm | None:
        participant_id = participant_id or self.selected_id()
        if participant_id is None:
            return None
        db = self.ctx.db
        got = run_change(self, self.ctx, lambda: get_participant(db, participant_id), changed=None)
        if not got.ok:
            self.model.refresh()
            return None
        return self._open_form(got.value)

    def _open_form(self, participant, village_id: str | None = None) -> ParticipantForm:
        if self.form is not None:
            self.form.close()
        form = ParticipantForm(self.ctx, participant, self, village_id=village_id)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._saved)
        form.open_participant_requested.connect(
            lambda pid: QTimer.singleShot(0, lambda: self.edit_participant(pid))
        )
        form.finished.connect(lambda _result, f=form: self._form_closed(f))
        self.form = form
        form.open()
        return form

    def _form_closed(self, form: ParticipantForm) -> None:
        if self.form is form:
            self.form = None
            self.table.setFocus()

    def _saved(self, row) -> None:
        self._selected_id = row.id  # selected again when the refreshed rows arrive

    def delete_participant(self) -> None:
        participant_id = self.selected_id()
        if participant_id is None:
            return
        row = self.model.row_at(self.table.currentIndex().row())
        name = row.name if row else ""
        text = (
            self.tr("Hapus %1 dari daftar peserta?").replace("%1", name)
            + "\n\n"
            + self.tr(
                "Datanya tetap tersimpan sebagai catatan terhapus dan ikut tersinkron, "
                "sehingga laptop lain juga menghapusnya."
            )
        )
        if not messages.confirm(self, text, self.tr("Hapus peserta")):
            return
        db = self.ctx.db

        def delete() -> None:
            delete_participant(db, participant_id)
            self._selected_id = None

        run_change(self, self.ctx, delete, changed=(PARTICIPANTS,))
