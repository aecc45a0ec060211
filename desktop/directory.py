"""The referral directory (DESIGN.md §4): the services a counselor can refer a caller to.

Admins add, edit, retire and restore entries; every role reads them. Retired entries stay in the table so
old referrals still name them. A new seat is seeded from `resources/directory/seed.json` (the national
lines and a few example local services marked as examples). Entries move between seats as JSON Lines:
one JSON object per line with the fields of `FIELDS`.

Names, phone numbers and notes here describe public organisations, not callers, so they do not pass the
notes guard (it would hide the very phone numbers the directory exists for). Audit details hold ids and
counts only.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from desktop import privacy
from desktop.call_model import clean_text
from desktop.clock import utc_now_iso
from desktop.errors import BadInput, HotlineError
from desktop.resources import resource_path
from desktop.seat import SYSTEM_ACTOR, Session
from desktop.taxonomy import REFERRAL_KINDS, REGIONS, Taxonomy, load_taxonomy

NATIONAL = "national"
SEED_FILE = "directory/seed.json"
FIELDS = ("name", "kind", "region", "phone", "hours", "notes", "example")
TEXT_FIELDS = FIELDS[:-1]
LIMITS = {"name": 100, "phone": 40, "hours": 100, "notes": 1000}
MAX_LISTED = 20  # bad import lines named in one message; the rest are counted

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_PHONE = re.compile(r"[0-9 +\-()]*")
_COLUMNS = "id, name, kind, region, phone, hours, notes, example, retired"


class DirectoryError(HotlineError):
    """The bundled seed file is missing or malformed."""

    code = "program.directory_seed"  # a file the program ships with: the window says to reinstall


@dataclass(frozen=True)
class Resource:
    id: int
    name: str
    kind: str
    region: str
    phone: str
    hours: str
    notes: str
    example: bool
    retired: bool

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What makes two entries the same service: (name, kind, region, phone)."""
        return (self.name, self.kind, self.region, self.phone)

    def fields(self) -> dict:
        """The entry as a line of an export file."""
        return {name: getattr(self, name) for name in FIELDS}


def _resource(row: tuple) -> Resource:
    *head, example, retired = row
    return Resource(*head, bool(example), bool(retired))


def _key(entry: dict) -> tuple[str, str, str, str]:
    return (entry["name"], entry["kind"], entry["region"], entry["phone"])


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def check_entry(data: dict, taxonomy: Taxonomy | None = None) -> tuple[dict, list[BadInput]]:
    """One entry cleaned (control characters dropped, spaces tidied, full-width digits made plain) and
    what keeps it from being stored, each a coded BadInput (its English words for the command line and the
    import's line list, its code for the window): empty when it can be stored.

    `name` and `kind` are required; `region` defaults to 'national', the other texts to '' and `example`
    to false. Fields not in `FIELDS` are problems, except ones starting with '_' (comments).
    """
    taxonomy = taxonomy or load_taxonomy()
    problems = []
    unknown = [key for key in data if key not in FIELDS and not str(key).startswith("_")]
    if unknown:
        names = ", ".join(repr(str(key)[:40]) for key in unknown)
        problems.append(BadInput(f"unknown field(s) {names}", code="directory.entry_unknown_fields", fields=names))
    clean: dict = {}
    for name in TEXT_FIELDS:
        value = data.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            problems.append(BadInput(f"'{name}' must be text", code="directory.entry_not_text", field=name))
            value = ""
        clean[name] = clean_text(value).strip() if name == "notes" else _one_line(value)
    clean["region"] = clean["region"] or NATIONAL
    clean["phone"] = clean["phone"].translate(_FULL_WIDTH_DIGITS)
    example = data.get("example", False)
    if not isinstance(example, bool):
        problems.append(BadInput("'example' must be true or false", code="directory.entry_example"))
    clean["example"] = example is True
    if not clean["name"]:
        problems.append(BadInput("the name is missing", code="directory.entry_no_name"))
    if not clean["kind"]:
        problems.append(BadInput("the kind is missing", code="directory.entry_no_kind"))
    elif not taxonomy.is_valid(REFERRAL_KINDS, clean["kind"]):
        kind = clean["kind"][:40]
        problems.append(BadInput(f"unknown kind {kind!r}", code="directory.entry_unknown_kind", kind=kind))
    if clean["region"] != NATIONAL and not taxonomy.is_valid(REGIONS, clean["region"]):
        region = clean["region"][:40]
        problems.append(BadInput(
            f"unknown region {region!r} (use 'national' or a province code like 110000)",
            code="directory.entry_unknown_region", region=region,
        ))  # fmt: skip
    if not _PHONE.fullmatch(clean["phone"]):
        problems.append(
            BadInput(
                "the phone number may hold only digits, spaces, '+', '-' and parentheses", code="directory.entry_phone"
            )
        )
    for name, limit in LIMITS.items():
        if len(clean[name]) > limit:
            problems.append(BadInput(
                f"the {name} is longer than {limit} characters", code="directory.entry_too_long", field=name,
                limit=limit,
            ))  # fmt: skip
    return clean, problems


def parse_lines(text: str | bytes, taxonomy: Taxonomy | None = None) -> list[dict]:
    """The checked entries of a JSON Lines text (blank lines ignored), or a BadInput naming every bad line."""
    taxonomy = taxonomy or load_taxonomy()
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise BadInput("The file is not UTF-8 text; nothing was imported.", code="directory.not_utf8") from None
    entries, bad = [], []
    for number, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append(f"Line {number}: not valid JSON ({exc.msg} at column {exc.colno}).")
            continue
        if not isinstance(data, dict):
            bad.append(f"Line {number}: not a JSON object.")
            continue
        entry, problems = check_entry(data, taxonomy)
        if problems:
            bad.append(f"Line {number}: {'; '.join(map(str, problems))}.")
        else:
            entries.append(entry)
    if bad:
        more = f" … and {len(bad) - MAX_LISTED} more bad line(s)." if len(bad) > MAX_LISTED else ""
        raise BadInput(
            f"The file has {len(bad)} bad line(s); nothing was imported. " + " ".join(bad[:MAX_LISTED]) + more,
            code="directory.bad_lines",
            count=len(bad),
            lines=bad[:MAX_LISTED],
        )
    return entries


def read_seed(path: Path, taxonomy: Taxonomy | None = None) -> list[dict]:
    """The checked entries of a seed file (`{"version": 1, "entries": [...]}`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise DirectoryError(f"The directory seed file {path} is missing.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DirectoryError(f"The directory seed file {path} cannot be read: {exc}.") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise DirectoryError(f"The directory seed file {path} has no list 'entries'.")
    entries = []
    for number, item in enumerate(data["entries"]):
        entry, problems = check_entry(item, taxonomy) if isinstance(item, dict) else ({}, ["not an object"])
        if problems:
            raise DirectoryError(f"The directory seed file {path}: entries[{number}]: {'; '.join(map(str, problems))}.")
        entries.append(entry)
    return entries


def publish_public_numbers(session: Session) -> None:
    """Tell the notes guard every phone number of the directory (retired entries too: a service's number
    stays public), so a counselor who writes one in a note keeps it. Called after log-in and each change."""
    privacy.set_public_numbers(row[0] for row in session.store.rows("SELECT phone FROM resource WHERE phone != ''"))


class Directory:
    """The referral directory of the logged-in seat."""

    def __init__(self, session: Session):
        self._session = session
        self._store = session.store
        self._taxonomy = load_taxonomy()
        self._kind_rank = {code: n for n, code in enumerate(self._taxonomy.codes(REFERRAL_KINDS))}

    # ----- reading (every role) -------------------------------------------------------------------

    def entries(
        self, include_retired: bool = False, kind: str | None = None, region: str | None = None
    ) -> list[Resource]:
        """Active entries (and retired ones after them, if asked): national first, then by kind (taxonomy
        order) and name. `region` keeps that region's entries and the national ones."""
        where, params = [], []
        if not include_retired:
            where.append("retired = 0")
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        if region is not None:
            where.append("region IN (?, ?)")
            params += [region, NATIONAL]
        sql = f"SELECT {_COLUMNS} FROM resource" + (f" WHERE {' AND '.join(where)}" if where else "")
        return sorted((_resource(row) for row in self._store.rows(sql, params)), key=self._order)

    def _order(self, entry: Resource) -> tuple:
        rank = self._kind_rank.get(entry.kind, len(self._kind_rank))
        return (entry.retired, entry.region != NATIONAL, rank, entry.name, entry.region, entry.id)

    def get(self, resource_id: int) -> Resource:
        """One entry, retired or not; BadInput if there is none with this id."""
        row = self._store.one(f"SELECT {_COLUMNS} FROM resource WHERE id = ?", (resource_id,))
        if row is None:
            raise BadInput(
                f"There is no directory entry {resource_id}.", code="directory.unknown_entry", entry=resource_id
            )
        return _resource(row)

    def export_json(self) -> str:
        """The active entries as JSON Lines (UTF-8 text, one entry per line), in display order."""
        return "".join(json.dumps(entry.fields(), ensure_ascii=False) + "\n" for entry in self.entries())

    # ----- changing (admins) ----------------------------------------------------------------------

    def _require_admin(self) -> None:
        self._session.require("admin", doing="change the referral directory")

    def _checked(self, data: dict) -> dict:
        entry, problems = check_entry(data, self._taxonomy)
        if problems:
            raise BadInput(
                f"This directory entry cannot be saved: {'; '.join(map(str, problems))}.",
                code="directory.entry_invalid",
                problems=problems,
            )
        return entry

    def _refuse_duplicate(self, entry: dict, resource_id: int | None = None) -> None:
        row = self._store.one(
            "SELECT id FROM resource WHERE retired = 0 AND name = ? AND kind = ? AND region = ? AND phone = ?"
            " AND id IS NOT ?",
            (*_key(entry), resource_id),
        )
        if row:
            raise BadInput(
                f"Directory entry {row[0]} already has this name, kind, region and phone number.",
                code="directory.duplicate",
                entry=row[0],
            )

    def _insert(self, entry: dict, now: str) -> int:
        values = {**entry, "example": int(entry["example"]), "created_at": now, "updated_at": now}
        marks = ", ".join("?" for _ in values)
        sql = f"INSERT INTO resource ({', '.join(values)}) VALUES ({marks})"
        return self._store.execute(sql, tuple(values.values())).lastrowid

    def _audit(self, action: str, obj: str = "", detail: dict | None = None) -> None:
        self._session.audit.append(self._session.actor, action, obj, detail)

    def add(
        self,
        name: str,
        kind: str,
        region: str = NATIONAL,
        phone: str = "",
        hours: str = "",
        notes: str = "",
        example: bool = False,
    ) -> Resource:
        self._require_admin()
        fields = {"name": name, "kind": kind, "region": region, "phone": phone, "hours": hours, "notes": notes}
        entry = self._checked({**fields, "example": example})
        with self._store.transaction():
            self._refuse_duplicate(entry)
            resource_id = self._insert(entry, utc_now_iso())
            self._audit("directory.added", f"resource:{resource_id}")
        publish_public_numbers(self._session)
        return self.get(resource_id)

    def edit(self, resource_id: int, **fields) -> Resource:
        """Change some of an entry's `FIELDS`; unchanged values are not recorded as edits."""
        self._require_admin()
        unknown = [name for name in fields if name not in FIELDS]
        if unknown:
            raise BadInput(
                f"A directory entry has no field(s) {', '.join(unknown)}.",
                code="directory.unknown_fields",
                lines=unknown,
            )
        current = self.get(resource_id)
        entry = self._checked(current.fields() | fields)
        changed = [name for name in FIELDS if entry[name] != getattr(current, name)]
        if not changed:
            return current
        with self._store.transaction():
            if not current.retired:
                self._refuse_duplicate(entry, resource_id)
            assignments = ", ".join(f"{name} = ?" for name in changed)
            values = [int(entry[name]) if name == "example" else entry[name] for name in changed]
            self._store.execute(
                f"UPDATE resource SET {assignments}, updated_at = ? WHERE id = ?",
                (*values, utc_now_iso(), resource_id),
            )
            self._audit("directory.edited", f"resource:{resource_id}", {"fields": changed})
        publish_public_numbers(self._session)
        return self.get(resource_id)

    def retire(self, resource_id: int) -> Resource:
        """Hide an entry from pick lists; it stays for the referrals that name it. Retiring twice is a no-op."""
        return self._set_retired(resource_id, True)

    def restore(self, resource_id: int) -> Resource:
        """Bring a retired entry back, unless an active entry is the same service."""
        return self._set_retired(resource_id, False)

    def _set_retired(self, resource_id: int, retired: bool) -> Resource:
        self._require_admin()
        current = self.get(resource_id)
        if current.retired == retired:
            return current
        with self._store.transaction():
            if not retired:
                self._refuse_duplicate(current.fields(), resource_id)
            self._store.execute(
                "UPDATE resource SET retired = ?, updated_at = ? WHERE id = ?",
                (int(retired), utc_now_iso(), resource_id),
            )
            self._audit("directory.retired" if retired else "directory.restored", f"resource:{resource_id}")
        return self.get(resource_id)

    def import_json(self, text: str | bytes) -> int:
        """Add the entries of a JSON Lines text, all or none. Every line is checked first; any bad line
        raises a BadInput naming each bad line and imports nothing. Entries equal to an active one (same
        name, kind, region and phone) are skipped. Returns how many were added."""
        self._require_admin()
        entries = parse_lines(text, self._taxonomy)
        with self._store.transaction():
            seen = {entry.key for entry in self.entries()}
            now, added = utc_now_iso(), 0
            for entry in entries:
                if _key(entry) in seen:
                    continue
                seen.add(_key(entry))
                self._insert(entry, now)
                added += 1
            self._audit("directory.imported", "", {"count": added, "skipped": len(entries) - added})
        publish_public_numbers(self._session)
        return added

    def seed_if_empty(self, path: str | Path | None = None) -> int:
        """Fill an empty directory (no entries at all, retired included) from the seed file; returns how
        many entries were added, 0 when the directory already had any. Run on a seat's first opening by
        the program itself, so any role's session may call it; the audit names the system."""
        if self._store.one("SELECT 1 FROM resource LIMIT 1"):
            return 0
        entries = read_seed(Path(path) if path else resource_path(SEED_FILE), self._taxonomy)
        with self._store.transaction():
            if self._store.one("SELECT 1 FROM resource LIMIT 1"):
                return 0
            now = utc_now_iso()
            for entry in entries:
                self._insert(entry, now)
            self._session.audit.append(SYSTEM_ACTOR, "directory.seeded", "", {"count": len(entries)})
        publish_public_numbers(self._session)
        return len(entries)
