"""Validation results that the form, the command line and the importer all read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desasadar_gui.domain.problems import Problem, describe
from desasadar_gui.errors import UserError, current_language


@dataclass(frozen=True)
class FieldIssue:
    """One problem with one field, in both languages."""

    field: str
    text_id: str
    text_en: str

    def message(self, lang: str | None = None) -> str:
        return self.text_en if (lang or current_language()) == "en" else self.text_id

    @classmethod
    def from_problem(cls, field: str, problem: Problem) -> FieldIssue:
        return cls(field, describe(problem, "id"), describe(problem, "en"))


class ValidationError(UserError):
    """The input cannot be saved; ``issues`` says why, field by field."""

    def __init__(self, issues: Iterable[FieldIssue]) -> None:
        self.issues = tuple(issues)
        super().__init__(
            "\n".join(i.text_id for i in self.issues),
            "\n".join(i.text_en for i in self.issues),
        )


def require_text(field: str, value: str | None, label_id: str, label_en: str) -> list[FieldIssue]:
    if value is None or not value.strip():
        return [FieldIssue(field, f"{label_id} wajib diisi.", f"{label_en} is required.")]
    return []
