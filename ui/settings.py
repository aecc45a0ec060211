"""Settings read before unlocking (language, idle minutes, look, window geometry), declared once with defaults.

Everything else lives in the encrypted database. Nonsense values fall back to the default; at start `repair()`
writes the default back over them, so the program says so once and not on every start.
"""

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QSettings

from desktop.config import APP_AUTHOR, APP_NAME


@dataclass(frozen=True)
class Option:
    key: str
    default: object
    choices: tuple = ()
    minimum: int | None = None
    maximum: int | None = None
    also: tuple = ()  # values accepted outside minimum..maximum, such as 0 for "the system's"
    label: str = ""  # what the user calls it, translated in the "settings" context


LANGUAGE = Option("ui/language", "zh_CN", choices=("zh_CN", "en"), label=QT_TRANSLATE_NOOP("settings", "Language"))
IDLE_MINUTES = Option(
    "security/idle_minutes", 5, minimum=1, maximum=60, label=QT_TRANSLATE_NOOP("settings", "Lock after idle")
)
AUTOSAVE_SECONDS = Option(
    "calls/autosave_seconds", 3, minimum=1, maximum=5, label=QT_TRANSLATE_NOOP("settings", "Draft saving interval")
)
THEME = Option("ui/theme", "system", choices=("system", "light", "dark"), label=QT_TRANSLATE_NOOP("settings", "Look"))
FONT_SIZE = Option(
    "ui/font_size", 0, minimum=9, maximum=16, also=(0,), label=QT_TRANSLATE_NOOP("settings", "Font size")
)
GEOMETRY = Option("ui/geometry", b"")

CHECKED = (LANGUAGE, IDLE_MINUTES, AUTOSAVE_SECONDS, THEME, FONT_SIZE)  # the ones `repair()` looks at


def qsettings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_AUTHOR, APP_NAME)


def _valid(option: Option, value):
    """The value as the program uses it, or None when it is nonsense."""
    if isinstance(option.default, int):
        try:
            value = int(value)
        except (TypeError, ValueError):
            return None
        if value in option.also:
            return value
        if (option.minimum is not None and value < option.minimum) or (
            option.maximum is not None and value > option.maximum
        ):
            return None
        return value
    if option.choices and value not in option.choices:
        return None
    return value


def read(option: Option, settings: QSettings | None = None):
    settings = settings or qsettings()
    value = _valid(option, settings.value(option.key, option.default))
    return option.default if value is None else value


def write(option: Option, value, settings: QSettings | None = None) -> None:
    settings = settings or qsettings()
    settings.setValue(option.key, value)


def repair(settings: QSettings | None = None) -> list[Option]:
    """Write the default back over every nonsense value; the options that were reset (empty the next time)."""
    settings = settings or qsettings()
    reset = []
    for option in CHECKED:
        if settings.contains(option.key) and _valid(option, settings.value(option.key)) is None:
            settings.setValue(option.key, option.default)
            reset.append(option)
    if reset:
        settings.sync()
    return reset


def reset_message(reset: list[Option]) -> str:
    """One line naming the settings that were set back to their defaults; empty when none were."""
    if not reset:
        return ""
    separator = "、" if QLocale().language() == QLocale.Language.Chinese else ", "
    names = separator.join(QCoreApplication.translate("settings", option.label) for option in reset)
    return QCoreApplication.translate(
        "settings", "Settings that made no sense were set back to their defaults: %1"
    ).replace("%1", names)
