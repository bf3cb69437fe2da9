"""Beside the villages table: the selected village's officials, people and sessions,
and the action that launches it as a Desa Sadar. A position nobody holds yet is one
click ("Daftarkan…") from the participant form, with the village and position filled."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain import display
from desasadar_gui.domain.enums import (
    Occupation,
    ParticipantStatus,
    SessionType,
    VillageKind,
    VillageStatus,
)
from desasadar_gui.domain.phone import display_phone
from desasadar_gui.errors import UserError
from desasadar_gui.services.village_queries import VillageDetail, village_detail
from desasadar_gui.services.villages import (
    OfficialsCoverage,
    launch_village,
    officials_coverage,
    role_label,
)
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import VILLAGES, UiContext
from desasadar_gui.ui.kit.form_fields import date_edit
from desasadar_gui.ui.kit.i18n import Retranslating, enum_label, language
from desasadar_gui.ui.kit.operations import run_change
from desasadar_gui.ui.participants.form import ParticipantForm

MISSING_BACKGROUND = QColor("#fdecc8")
MISSING_FOREGROUND = QColor("#92400e")


def _number(n: int) -> str:
    return display.count(n, language())


def _dmy(value: date | None) -> str:
    return display.short_date(value)


class CompactTable(QTableWidget):
    """A short read-only list that grows to fit its rows (the panel scrolls instead)."""

    def __init__(self, columns: int, first_share: float | None = None, parent=None) -> None:
        super().__init__(0, columns, parent)
        # With first_share, the first column fits its text but takes at most this share
        # of the width (long position titles must leave room for the names).
        self._first_share = first_share
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(22)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        # Every column as wide as its text but the last, which takes the rest and
        # elides (the full text is in the tooltip).
        for column in range(columns - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        if first_share is not None:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(columns - 1, QHeaderView.ResizeMode.Stretch)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[tuple[str, ...]]) -> None:
        self.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(r, c, item)
        self.fit_height()
        self._fit_first_column()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_first_column()

    def _fit_first_column(self) -> None:
        if self._first_share is None:
            return
        wanted = self.sizeHintForColumn(0) + 8 if self.rowCount() else 0
        limit = int(self.viewport().width() * self._first_share)
        self.horizontalHeader().resizeSection(0, max(40, min(wanted, limit)))

    def fit_height(self) -> None:
        # isHidden, not isVisible: a table still hidden (no rows before this refresh) has
        # an invisible header too, and leaving it out cut the last row off.
        header = self.horizontalHeader()
        height = 0 if header.isHidden() else max(header.height(), header.sizeHint().height())
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(height + 2 * self.frameWidth())


class VillageDetailPanel(Retranslating, QWidget):
    def __init__(self, ctx: UiContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: VillageDetail | None = None
        self.form: ParticipantForm | None = None
        self._missing_rows: dict[int, str] = {}  # officials_table row -> role nobody holds
        self.setObjectName("VillageDetailPanel")

        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #5f6368; padding: 24px;")

        # Heading and facts.
        self.title_label = QLabel()
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.place_label = QLabel()
        self.place_label.setWordWrap(True)
        self.place_label.setStyleSheet("color: #5f6368;")
        self.facts = QFormLayout()
        self.facts.setHorizontalSpacing(12)
        self.facts.setVerticalSpacing(2)
        self._fact_names = [QLabel() for _ in range(4)]
        self._fact_values = [QLabel() for _ in range(4)]
        for name, value in zip(self._fact_names, self._fact_values, strict=True):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.facts.addRow(name, value)

        # Officials, participants, sessions.
        self.officials_box = QGroupBox()
        self.officials_table = CompactTable(2, first_share=0.55)
        self.officials_table.horizontalHeader().hide()
        self.officials_table.cellClicked.connect(self._official_clicked)
        QVBoxLayout(self.officials_box).addWidget(self.officials_table)
        self.people_box = QGroupBox()
        self.people_summary = QLabel()
        self.people_summary.setWordWrap(True)
        self.people_table = CompactTable(2)
        people_layout = QVBoxLayout(self.people_box)
        people_layout.addWidget(self.people_summary)
        people_layout.addWidget(self.people_table)
        self.sessions_box = QGroupBox()
        self.sessions_table = CompactTable(3)
        QVBoxLayout(self.sessions_box).addWidget(self.sessions_table)
        for box in (self.officials_box, self.people_box, self.sessions_box):
            box.layout().setContentsMargins(6, 4, 6, 6)

        # Launch.
        self.launch_box = QGroupBox()
        self.launch_date = date_edit()
        self.launch_button = QPushButton()
        self.launch_button.setObjectName("launchButton")
        self.launch_button.clicked.connect(self.launch)
        self.launch_date_label = QLabel()
        self.launch_date_label.setBuddy(self.launch_date)
        launch_row = QHBoxLayout(self.launch_box)
        launch_row.setContentsMargins(6, 4, 6, 6)
        launch_row.addWidget(self.launch_date_label)
        launch_row.addWidget(self.launch_date)
        launch_row.addWidget(self.launch_button, 1)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(10, 8, 10, 8)
        column.setSpacing(8)
        column.addWidget(self.title_label)
        column.addWidget(self.place_label)
        column.addLayout(self.facts)
        column.addWidget(self.officials_box)
        column.addWidget(self.launch_box)
        column.addWidget(self.sessions_box)
        column.addWidget(self.people_box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.retranslate_ui()

    # -- texts --------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.empty_label.setText(
            self.tr("Pilih desa di tabel untuk melihat perangkat desa, peserta dan sosialisasinya.")
        )
        for label, text in zip(
            self._fact_names,
            (
                self.tr("Status"),
                self.tr("Kepala desa"),
                self.tr("Telepon"),
                self.tr("Pekerja informal"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.launch_box.setTitle(self.tr("Luncurkan sebagai Desa Sadar"))
        self.launch_date_label.setText(self.tr("Tanggal"))
        self.launch_button.setText(self.tr("&Luncurkan…"))
        self.people_table.setHorizontalHeaderLabels(
            [self.tr("Nama"), self.tr("Pekerjaan atau jabatan")]
        )
        self.sessions_table.setHorizontalHeaderLabels(
            [self.tr("Tanggal"), self.tr("Jenis"), self.tr("Tempat")]
        )
        self._render()

    # -- content ------------------------------------------------------------------

    @property
    def village_id(self) -> str | None:
        return self.detail.village.id if self.detail else None

    def show_village(self, village_id: str | None) -> None:
        try:
            self.detail = village_detail(self.ctx.db, village_id) if village_id else None
        except UserError:  # deleted meanwhile (e.g. by an import)
            self.detail = None
        self._render()

    def refresh(self) -> None:
        self.show_village(self.village_id)

    def _render(self) -> None:
        d = self.detail
        self.stack.setCurrentIndex(0 if d is None else 1)
        if d is None:
            return
        v = d.village
        lang = language()
        self.title_label.setText(v.name)
        place = [enum_label(VillageKind, v.kind)]
        if v.kecamatan:
            place.append(self.tr("Kec. %1").replace("%1", v.kecamatan))
        if v.kabupaten:
            place.append(v.kabupaten)
        text = " · ".join(place)
        if v.region_code:
            text += "\n" + self.tr("Kode wilayah %1").replace("%1", v.region_code)
        self.place_label.setText(text)
        workers = (
            _number(v.est_informal_workers)
            if v.est_informal_workers is not None
            else self.tr("belum diketahui")
        )
        status = enum_label(VillageStatus, v.status)
        if v.status == VillageStatus.LAUNCHED.value and v.launch_date:
            status = self.tr("%1, %2").replace("%1", status).replace("%2", _dmy(v.launch_date))
        values = (
            status,
            v.head_name or "—",
            display_phone(v.contact_phone) or "—",
            workers,
        )
        for label, text in zip(self._fact_values, values, strict=True):
            label.setText(text)

        launched = v.status == VillageStatus.LAUNCHED.value
        self.launch_box.setVisible(not launched)
        self._fact_values[0].setStyleSheet("color: #166534; font-weight: bold;" if launched else "")

        self._render_officials(d.coverage, lang)

        self.people_box.setTitle(
            self.tr("Peserta: %1").replace("%1", _number(d.participants_total))
        )
        counts = dict(d.participants_by_status)
        self.people_summary.setText(
            " · ".join(
                f"{enum_label(ParticipantStatus, status.value)}: {_number(counts[status.value])}"
                for status in ParticipantStatus
                if counts.get(status.value)
            )
        )
        self.people_summary.setVisible(bool(counts))
        self.people_table.set_rows(
            [
                (
                    p.name,
                    role_label(p.official_role, lang)
                    if p.official_role
                    else enum_label(Occupation, p.occupation),
                )
                for p in d.participants
            ]
        )
        self.people_table.setVisible(bool(d.participants))
        self.sessions_box.setTitle(
            self.tr("Sosialisasi dan kegiatan: %1").replace("%1", str(d.sessions_total))
        )
        self.sessions_table.set_rows(
            [(_dmy(s.held_on), enum_label(SessionType, s.type), s.place) for s in d.sessions]
        )
        self.sessions_table.setVisible(bool(d.sessions))

    def _render_officials(self, cov: OfficialsCoverage, lang: str) -> None:
        filled_required = len(set(cov.required) - set(cov.missing))
        self.officials_box.setTitle(
            self.tr("Perangkat desa: %1 dari %2 jabatan wajib terisi")
            .replace("%1", str(filled_required))
            .replace("%2", str(len(cov.required)))
        )
        names: dict[str, list[str]] = {}
        for role, _pid, name in cov.filled:
            names.setdefault(role, []).append(name)
        rows: list[tuple[str, str]] = []
        missing: dict[int, str] = {}
        for role in cov.required:
            if role in names:
                rows.append((role_label(role, lang), ", ".join(names[role])))
            else:
                missing[len(rows)] = role
                rows.append((role_label(role, lang), self.tr("belum terdaftar")))
        for role, people in names.items():
            if role not in cov.required:
                rows.append((role_label(role, lang), ", ".join(people)))
        for r in range(self.officials_table.rowCount()):
            self.officials_table.removeCellWidget(r, 1)
        self.officials_table.set_rows(rows)
        self._missing_rows = missing
        for r, role in missing.items():
            self.officials_table.setCellWidget(r, 1, self._register_cell(role))
            for c in range(2):
                item = self.officials_table.item(r, c)
                item.setBackground(QBrush(MISSING_BACKGROUND))
                item.setForeground(QBrush(MISSING_FOREGROUND))
                font = item.font()
                font.setItalic(c == 1)
                item.setFont(font)

    def _register_cell(self, role: str) -> QWidget:
        """ "belum terdaftar" and the one-click button that registers someone for ``role``."""
        cell = QWidget()
        row = QHBoxLayout(cell)
        row.setContentsMargins(4, 0, 2, 0)
        row.setSpacing(6)
        note = QLabel(self.tr("belum terdaftar"))
        note.setStyleSheet(f"color: {MISSING_FOREGROUND.name()}; font-style: italic;")
        button = QToolButton()
        button.setObjectName(f"register_{role}")
        button.setText(self.tr("Daftarkan…"))
        button.setToolTip(
            self.tr("Daftarkan seseorang sebagai %1").replace("%1", role_label(role, language()))
        )
        button.setAutoRaise(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setStyleSheet("QToolButton { color: #1d4ed8; text-decoration: underline; }")
        button.clicked.connect(lambda _checked=False, r=role: self.register_official(r))
        row.addWidget(note)
        row.addStretch(1)
        row.addWidget(button)
        return cell

    def register_button(self, role: str) -> QToolButton | None:
        """The "Daftarkan…" button of a position nobody holds yet (None if it is held)."""
        return self.officials_table.findChild(QToolButton, f"register_{role}")

    def _official_clicked(self, row: int, _column: int) -> None:
        role = self._missing_rows.get(row)
        if role is not None:
            self.register_official(role)

    def register_official(self, role: str) -> ParticipantForm | None:
        """Open the participant form for a new ``role`` holder of the village shown."""
        if self.detail is None:
            return None
        if self.form is not None:
            self.form.close()
        form = ParticipantForm(
            self.ctx, None, self, village_id=self.detail.village.id, official_role=role
        )
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.finished.connect(lambda _result, f=form: self._form_closed(f))
        self.form = form
        form.open()
        return form

    def _form_closed(self, form: ParticipantForm) -> None:
        if self.form is form:
            self.form = None

    def missing_roles_shown(self) -> list[str]:
        """Labels of the highlighted (unregistered) positions, as shown."""
        out = []
        for r in range(self.officials_table.rowCount()):
            item = self.officials_table.item(r, 0)
            if item.background().color() == MISSING_BACKGROUND:
                out.append(item.text())
        return out

    # -- launching ----------------------------------------------------------------

    def launch(self) -> None:
        if self.detail is None:
            return
        v = self.detail.village
        qd = self.launch_date.date()
        on = date(qd.year(), qd.month(), qd.day())
        db = self.ctx.db
        checked = run_change(self, None, lambda: officials_coverage(db, v.id), changed=None)
        if not checked.ok or checked.value is None:
            return
        coverage = checked.value
        if coverage.missing:
            lang = language()
            lines = "\n".join("• " + role_label(r, lang) for r in coverage.missing)
            text = (
                self.tr("Jabatan berikut di %1 belum terdaftar:").replace("%1", v.name)
                + "\n"
                + lines
                + "\n\n"
                + self.tr("Tetap luncurkan sebagai Desa Sadar pada %1?").replace("%1", _dmy(on))
            )
            if not messages.confirm(self, text, self.tr("Perangkat desa belum lengkap")):
                return
        run_change(self, self.ctx, lambda: launch_village(db, v.id, on), changed=(VILLAGES,))
