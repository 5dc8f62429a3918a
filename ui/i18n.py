"""Loading translations: the UI's source strings are English; zh_CN (the default) is a catalogue.

``resources/translations/livedesk_<lang>.ts`` is the source; the build (scripts/bootstrap.sh,
build.spec) compiles it to ``.qm`` with pyside6-lrelease.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from console.log import ui as log
from console.paths import resource_path

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
_current = DEFAULT_LANGUAGE


def current_language() -> str:
    return _current


def install_translators(
    app: QCoreApplication, language: str = DEFAULT_LANGUAGE
) -> list[QTranslator]:
    """Install Qt's own and LiveDesk's translators for ``language``; English needs none."""
    global _current
    _current = language
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    # Qt's own texts (standard buttons, line edit menus, file and colour dialogs): qtbase_*.qm
    # ships in the PySide6 wheel, and PyInstaller's PySide6 hook puts it where QLibraryInfo
    # points in the frozen app (the self-test checks it).
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    else:
        log.warning("Qt's translation qtbase_%s not found in %s", language, qt_dir)
    ours = QTranslator(app)
    qm = resource_path("translations", f"livedesk_{language}.qm")
    if ours.load(str(qm)):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("translation %s not found: run scripts/bootstrap.sh to build it", qm)
    return installed


# A text of Qt's own catalogue. Not a literal in the call, so lupdate leaves it out of ours
# (where a translation would hide a missing Qt catalogue).
_QT_PROBE = ("QPlatformTheme", "Cancel")


def qt_texts_translated() -> bool:
    """Whether Qt's own texts (OK/Cancel, Copy/Paste…) are in the current language."""
    return _current == "en" or QCoreApplication.translate(*_QT_PROBE) != _QT_PROBE[1]
