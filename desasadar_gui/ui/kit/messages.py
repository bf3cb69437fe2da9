"""Every message box and file dialog in one place; tests monkeypatch this module."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desasadar_gui.errors import UserError

# Calls below spell out QCoreApplication.translate("messages", ...) so that
# pyside6-lupdate files the strings under their real context.


def show_error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.warning(
        parent, title or QCoreApplication.translate("messages", "Ada masalah"), text
    )


def show_info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.information(
        parent, title or QCoreApplication.translate("messages", "Informasi"), text
    )


def show_user_error(parent: QWidget | None, error: UserError) -> None:
    show_error(parent, error.message())


def show_unexpected_error(parent: QWidget | None, log_path: str) -> None:
    """A bug, not the user's doing: say so plainly and where the details were written."""
    show_error(
        parent,
        QCoreApplication.translate(
            "messages",
            "Terjadi kesalahan tak terduga. Data yang sudah tersimpan tidak hilang.\n\n"
            "Rinciannya dicatat di:\n%1\n\nKirimkan berkas itu kepada pengelola aplikasi.",
        ).replace("%1", log_path),
        QCoreApplication.translate("messages", "Kesalahan tak terduga"),
    )


def show_exception(parent: QWidget | None, exc: BaseException) -> None:
    """The one failure path: a refusal's own message, a disk or database failure in plain
    words (never "[Errno 28] ..."), else a bug: where its details were logged."""
    from desasadar_gui.services.oserrors import describe_db_error

    error = describe_db_error(exc)
    if error is not None:
        show_user_error(parent, error)
        return
    from desasadar_gui.logs import setup_logging

    show_unexpected_error(parent, str(setup_logging()))


def confirm(parent: QWidget | None, text: str, title: str | None = None) -> bool:
    answer = QMessageBox.question(
        parent,
        title or QCoreApplication.translate("messages", "Konfirmasi"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_discard(parent: QWidget | None) -> bool:
    """A form with typed changes is being closed: True to throw them away."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("messages", "Buang perubahan?"))
    box.setText(
        QCoreApplication.translate(
            "messages", "Buang perubahan?\n\nYang sudah diketik di formulir ini belum disimpan."
        )
    )
    discard = box.addButton(
        QCoreApplication.translate("messages", "&Buang"), QMessageBox.ButtonRole.DestructiveRole
    )
    back = box.addButton(
        QCoreApplication.translate("messages", "&Kembali ke formulir"),
        QMessageBox.ButtonRole.RejectRole,
    )
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is discard


def ask_choice(parent: QWidget | None, title: str, text: str, choices: list[str]) -> int | None:
    """A question answered by one of ``choices`` (button texts) or Batal: the index of
    the chosen one, None for Batal / Esc."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    buttons = [box.addButton(c, QMessageBox.ButtonRole.AcceptRole) for c in choices]
    cancel = box.addButton(
        QCoreApplication.translate("messages", "Batal"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(buttons[0])
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


# -- file dialogs: they start in Documents, then in the folder used last -----------------

LAST_FOLDER_KEY = "dialogs/last_folder"


def _settings() -> QSettings:
    from desasadar_gui.app import open_settings  # app builds windows lazily: no cycle

    return open_settings()


def documents_folder() -> Path:
    """The user's Documents folder (home when the system names none or it is gone)."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if docs and Path(docs).is_dir():
        return Path(docs)
    return Path.home()


def start_folder() -> Path:
    """Where a file dialog opens: the folder used last if it still exists, else Documents."""
    last = _settings().value(LAST_FOLDER_KEY, "")
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    return documents_folder()


def remember_folder(path: str | Path) -> None:
    """The folder a chosen file is in (or a chosen folder) is where the next dialog opens."""
    chosen = Path(path)
    folder = chosen if chosen.is_dir() else chosen.parent
    if str(folder) and folder.is_dir():
        settings = _settings()
        settings.setValue(LAST_FOLDER_KEY, str(folder))
        settings.sync()


def ask_open_path(parent: QWidget | None, title: str, filters: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder()), filters)
    if path:
        remember_folder(path)
    return path or None


def ask_open_paths(parent: QWidget | None, title: str, filters: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder()), filters)
    if paths:
        remember_folder(paths[0])
    return list(paths)


def ask_save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    """``suggested``: a file name (it keeps its name and starts in :func:`start_folder`)
    or a full path (kept as it is)."""
    proposal = Path(suggested)
    if not proposal.is_absolute():
        proposal = start_folder() / proposal
    path, _ = QFileDialog.getSaveFileName(parent, title, str(proposal), filters)
    if path:
        remember_folder(path)
    return path or None


def ask_directory(parent: QWidget | None, title: str) -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title, str(start_folder()))
    if path:
        remember_folder(path)
    return path or None
