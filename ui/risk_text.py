"""A saved call's risk level in words, for the lists: the level's name, or "Not assessed" for a call saved
without a risk assessment. Such a call's stored level is "none" all the same (statistics count it as
`not_assessed`, DESIGN.md §9), and "No risk" on screen would claim an assessment nobody made."""

from PySide6.QtCore import QCoreApplication

from desktop.risk import level_label


def not_assessed() -> str:
    return QCoreApplication.translate("risk_text", "Not assessed")


def risk_text(level: str, assessed: bool, lang: str) -> str:
    """未评估 / "Not assessed" when nobody assessed the call, else the level's label (无风险 … 紧急风险)."""
    return level_label(level, lang) if assessed else not_assessed()
