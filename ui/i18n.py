"""Translators for the app and for Qt's own dialogs, installed before the first widget."""

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.resources import resource_path

_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str) -> None:
    """Simplified Chinese by default; English is the source language and needs no app translator."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = str(resource_path("i18n"))
    # qt_extra: the labels of Qt's own file and print dialogs that qtbase_zh_CN leaves in English
    for name, folder in (("qtbase_zh_CN", qt_dir), ("qt_extra_zh_CN", ours), ("hotline_log_zh_CN", ours)):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
