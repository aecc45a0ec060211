"""Work a kill can interrupt, finished or undone at the next start (the window and every command alike).

- A restore writes `restore.journal` in the data folder before its first move: the staging folder holding the
  new seat, the folder the old seat goes to, the old seat's files and the step reached. `settle()` finishes it
  while the new seat is whole (in the staging folder or already in place), else rolls it back (the old seat
  back in place); it says which, and leaves an audit entry for the next log-in.
- The scratch of a killed restore (`.restore-*` in the data folder) and of a killed backup (a
  `.hotline-backup-*` folder and a `.NAME.partial` file beside the backup file, recorded in a
  `.backup-*.pending` file in the data folder that the backup holds locked while it runs) is removed.

`settle` needs the seat to itself: a restore in progress holds the seat lock, so it is never taken for an
interrupted one.
"""

import contextlib
import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from desktop.clock import utc_now, utc_now_iso
from desktop.config import SeatPaths
from desktop.errors import HotlineError, SeatBusy, VaultError
from desktop.fsutil import atomic_write_bytes, ensure_private_dir, fsync_dir, storage_error
from desktop.instance import holding, try_lock
from desktop.vault import Vault

log = logging.getLogger(__name__)

JOURNAL_FORMAT = "hotline-log-restore-journal"
STAGING_PREFIX = ".restore-"
BACKUP_RECORD = ".backup-"
BACKUP_WORK = ".hotline-backup-"
NEW_FILES = ("seat.vault", "seat.db")
OLD_FILES = ("seat.db", "seat.db-wal", "seat.db-shm", "seat.vault")


@dataclass(frozen=True)
class Settled:
    """What the start did about an interrupted restore: `finished` or `rolled_back`, and a sentence saying so."""

    outcome: str
    text: str

    def __str__(self) -> str:
        return self.text


# ----- the restore journal ---------------------------------------------------------------------------------


class RestoreJournal:
    """Steps: `moving` (old files aside, new ones in), `placed` (the new seat in place, not yet audited),
    `audited` (only the clean-up is left)."""

    def __init__(self, paths: SeatPaths, data: dict):
        self.paths = paths
        self.data = data

    @classmethod
    def begin(cls, paths: SeatPaths, staging: Path, aside: Path | None, source: str, created: str | None):
        old = [name for name in OLD_FILES if (paths.home / name).exists()]
        data = {
            "format": JOURNAL_FORMAT,
            "version": 1,
            "source": source,
            "backup_created": created,
            "staging": staging.name,
            "aside": str(aside.relative_to(paths.home)) if aside else None,
            "old": old,
            "step": "moving",
            "started_at": utc_now_iso(),
        }
        journal = cls(paths, data)
        journal._write()
        return journal

    @classmethod
    def read(cls, paths: SeatPaths) -> "RestoreJournal | None":
        try:
            data = json.loads(paths.restore_journal.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise VaultError(
                f"The restore journal {paths.restore_journal} cannot be read ({exc}); the seat's files were left as "
                f"they are in {paths.home}. Restore the backup again."
            ) from exc
        if not isinstance(data, dict) or data.get("format") != JOURNAL_FORMAT:
            raise VaultError(f"The file {paths.restore_journal} is not a restore journal; it was left as it is.")
        return cls(paths, data)

    def _write(self) -> None:
        atomic_write_bytes(self.paths.restore_journal, json.dumps(self.data, ensure_ascii=False, indent=1).encode())

    def step(self, name: str) -> None:
        self.data["step"] = name
        self._write()

    @property
    def staging(self) -> Path:
        return self.paths.home / self.data["staging"]

    @property
    def aside(self) -> Path | None:
        return self.paths.home / self.data["aside"] if self.data.get("aside") else None

    def finish(self) -> None:
        """The restore is over: the journal and the staging folder go."""
        shutil.rmtree(self.staging, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            self.paths.restore_journal.unlink()
        fsync_dir(self.paths.home)

    # ----- the next start ---------------------------------------------------------------------------------

    def settle(self) -> Settled | None:
        """Finish the restore or roll it back; what was done (None: it was over, only the clean-up was left)."""
        source = self.data.get("source", "?")
        if self.data["step"] == "audited":
            self.finish()
            return None
        if self.data["step"] == "placed" or self._finish_moves():
            self._audit("backup.restored", source, {"finished": "at the next start, after an interruption"})
            self.finish()
            kept = f"; the seat it replaced is kept in {self.aside}" if self.aside else ""
            log.warning("an interrupted restore was finished")
            return Settled(
                "finished",
                f"A restore of the backup {source} was interrupted; it was finished now: the seat is the backup's"
                f"{kept}. Log in as usual.",
            )
        unfinished = self._roll_back()
        self._audit("restore.rolled_back", source, {"reason": "interrupted, and its unpacked copy is gone"})
        self.finish()
        log.warning("an interrupted restore was rolled back")
        kept = f" The files it had put in place are kept in {unfinished}." if unfinished else ""
        return Settled(
            "rolled_back",
            f"A restore of the backup {source} was interrupted and could not be finished (its unpacked copy is "
            f"gone), so it was rolled back: the seat is as it was before the restore.{kept} Restore the backup "
            "again if it is still wanted.",
        )

    def _finish_moves(self) -> bool:
        """Complete the moves while the new seat is whole; False when it is not (then nothing was moved)."""
        home, staging, aside = self.paths.home, self.staging, self.aside
        staged = [name for name in NEW_FILES if (staging / name).is_file()]
        old = self.data.get("old", [])
        if len(staged) == len(NEW_FILES):  # nothing new placed yet: what is in place is the old seat
            if aside is not None:
                ensure_private_dir(aside)
                for name in OLD_FILES:
                    if (home / name).exists():
                        os.replace(home / name, aside / name)
        elif staged:  # placing had begun, so the old seat was all aside: the rest of the new one is in place
            if not all((home / name).exists() for name in NEW_FILES if name not in staged):
                return False
        else:  # both new files placed already, or the new seat is lost
            all_aside = aside is not None and all((aside / name).exists() for name in old)
            return (all_aside or not old) and all((home / name).exists() for name in NEW_FILES)
        for name in staged:
            os.replace(staging / name, home / name)
        fsync_dir(home)
        return True

    def roll_back(self) -> Path | None:
        """A restore that failed part-way in this process: the old seat back, the journal and staging gone."""
        shutil.rmtree(self.staging, ignore_errors=True)
        unfinished = self._roll_back()
        self.finish()
        return unfinished

    def _roll_back(self) -> Path | None:
        """Put the old seat back in place; files of the new one already placed go to a folder of their own."""
        home, aside = self.paths.home, self.aside
        old = self.data.get("old", [])
        all_aside = aside is not None and all((aside / name).exists() for name in old)
        unfinished = None
        if all_aside or not old:  # what is in place is the new seat's, partly
            placed = [name for name in NEW_FILES if (home / name).exists()]
            if placed:
                unfinished = self.paths.replaced / (utc_now().strftime("%Y%m%dT%H%M%S.%fZ") + "-unfinished-restore")
                ensure_private_dir(unfinished)
                for name in placed:
                    os.replace(home / name, unfinished / name)
        if aside is not None:
            for name in old:
                if (aside / name).exists() and not (home / name).exists():
                    os.replace(aside / name, home / name)
            with contextlib.suppress(OSError):
                aside.rmdir()
        fsync_dir(home)
        return unfinished

    def _audit(self, action: str, source: str, detail: dict) -> None:
        """An entry for the next log-in's audit log, kept in the vault now in place (none: no seat to audit)."""
        if not self.paths.vault.exists():
            return
        detail = {**detail, "backup_created": self.data.get("backup_created")}
        if self.aside:
            detail["replaced"] = str(self.aside)
        try:
            Vault.load(self.paths.vault).add_pending_audit(action, source, detail)
        except HotlineError as exc:
            log.error("the outcome of an interrupted restore could not be recorded for the audit log: %s", exc)


# ----- backups: a record of the scratch, held locked while the backup runs -----------------------------------


@contextlib.contextmanager
def backup_scratch(paths: SeatPaths, target: Path):
    """(work folder beside `target`, `.NAME.partial` beside it), removed afterwards, and also at the next start
    if the backup is killed: a record in the data folder names them, locked for as long as the backup runs."""
    import uuid  # here, as in desktop/vault/throttle.py: this module is imported before the log-in window is up

    ident = uuid.uuid4().hex[:12]
    record = paths.home / f"{BACKUP_RECORD}{ident}.pending"
    work = target.parent / f"{BACKUP_WORK}{ident}"
    partial = target.with_name(f".{target.name}.partial")
    try:
        fd = os.open(record, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise storage_error(exc, record) from exc
    try:
        try_lock(fd)
        os.write(fd, json.dumps({"work": str(work), "partial": str(partial)}).encode())
        os.fsync(fd)
        try:
            work.mkdir(mode=0o700)
        except OSError as exc:
            raise storage_error(exc, target) from exc
        yield work, partial
    finally:
        shutil.rmtree(work, ignore_errors=True)
        with contextlib.suppress(OSError):
            partial.unlink()
        os.close(fd)
        with contextlib.suppress(OSError):
            record.unlink()


def _remove_backup_debris(paths: SeatPaths) -> int:
    removed = 0
    for record in paths.home.glob(f"{BACKUP_RECORD}*.pending"):
        try:
            fd = os.open(record, os.O_RDWR)
        except OSError:
            continue
        try:
            if not try_lock(fd):  # that backup is still running
                continue
            try:
                names = json.loads(record.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                names = {}
            work, partial = Path(names.get("work", "")), Path(names.get("partial", ""))
            if work.name.startswith(BACKUP_WORK):
                shutil.rmtree(work, ignore_errors=True)
            if partial.name.startswith(".") and partial.name.endswith(".partial"):
                with contextlib.suppress(OSError):
                    partial.unlink()
            record.unlink()
            removed += 1
        finally:
            os.close(fd)
    return removed


# ----- at start ----------------------------------------------------------------------------------------------


def _anything_left(paths: SeatPaths) -> bool:
    try:
        if not paths.home.is_dir():
            return False
        scratch = [*paths.home.glob(f"{STAGING_PREFIX}*"), *paths.home.glob(f"{BACKUP_RECORD}*.pending")]
        return bool(scratch) or paths.restore_journal.exists()
    except OSError:  # a folder that cannot be listed: the seat's own checks say so
        return False


def settle(paths: SeatPaths) -> list[Settled]:
    """Finish or roll back an interrupted restore and remove the scratch of killed restores and backups. What
    was done, in sentences for the person starting the program ([] when there was nothing)."""
    if not _anything_left(paths):  # the usual start: nothing to do, nothing touched (not even the lock file)
        return []
    notes = []
    try:
        with holding(paths.lock):
            journal = RestoreJournal.read(paths)
            settled = journal.settle() if journal is not None else None
            if settled is not None:
                notes.append(settled)
            for folder in paths.home.glob(f"{STAGING_PREFIX}*"):
                if folder.is_dir():
                    shutil.rmtree(folder, ignore_errors=True)
                    log.info("removed the scratch folder of an interrupted restore")
            if _remove_backup_debris(paths):
                log.info("removed the scratch of an interrupted backup")
    except SeatBusy:  # another program works on the seat: its own start settles what there is
        return []
    except (HotlineError, OSError) as exc:  # a full disk, a read-only folder: the seat's own checks say so next
        log.error("an interrupted restore or backup could not be settled now: %s", exc)
    return notes
