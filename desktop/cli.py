"""The headless commands of DESIGN.md §9. Exit 0 on success, 2 on bad input, 1 on other failure;
an error is one line on stderr."""

import argparse
import getpass
import json
import logging
import os
import sys
from datetime import date, datetime
from pathlib import Path

from desktop import __version__, cli_center, interrupted
from desktop.accounts import AccountService, recover_admin, set_require_keyring
from desktop.backup import create_backup, read_manifest
from desktop.clock import seat_zone
from desktop.config import (
    ENV_NEW_PASSWORD,
    ENV_PASSWORD,
    ENV_RECOVERY_CODE,
    ENV_USER,
    SeatPaths,
    log_home,
)
from desktop.errors import BAD_INPUT, FAILURE, BadInput, HotlineError
from desktop.exchange import export_file, import_file
from desktop.fsutil import atomic_write_bytes
from desktop.instance import SeatLock
from desktop.logs import configure_logging
from desktop.reports import statistics, to_csv, write_monthly_report
from desktop.reports.handover import write_handover
from desktop.reports.handover_data import gather, gather_window
from desktop.restore import restore_backup
from desktop.seat import Seat, Session
from desktop.shifts import ShiftService
from desktop.store.accounts import ROLES
from desktop.store.integrity import require_intact
from desktop.vault import keyring_status
from desktop.verify import verify_seat

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line on stderr, exit 2
        raise BadInput(f"{message} (see `python main.py {self.prog.split(' ', 1)[-1]} --help`)")


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _need_terminal(what: str, variable: str) -> BadInput:
    return BadInput(f"{what} is needed: set {variable}, or run this in a terminal.")


def read_login() -> tuple[str, str]:
    code = os.environ.get(ENV_USER)
    password = os.environ.get(ENV_PASSWORD)
    if code and password is not None:
        return code, password
    if not _interactive():
        raise _need_terminal("A log-in", f"{ENV_USER} and {ENV_PASSWORD}")
    code = code or input("Staff code: ").strip()
    return code, getpass.getpass("Password: ")


def read_new_password(variable: str = ENV_NEW_PASSWORD, who: str = "") -> str:
    password = os.environ.get(variable)
    if password is not None:
        return password
    if not _interactive():
        raise _need_terminal("A new password", variable)
    first = getpass.getpass(f"New password{who}: ")
    if getpass.getpass("Repeat it: ") != first:
        raise BadInput("The two passwords differ; nothing was changed.")
    return first


def read_recovery_code() -> str:
    code = os.environ.get(ENV_RECOVERY_CODE)
    if code:
        return code
    if not _interactive():
        raise _need_terminal("The recovery code", ENV_RECOVERY_CODE)
    return getpass.getpass("Recovery code: ")


def _login(paths: SeatPaths, intact: bool = False) -> Session:
    """Log in. With `intact`, for commands that write: the database's integrity is checked with the key first,
    and a damaged seat is refused (SeatDamaged, exit 1) before anything is written to it, even the log-in's
    audit entry."""
    code, password = read_login()
    seat = Seat(paths)
    if not intact:
        return seat.login(code, password)
    code = (code or "").strip()
    key = seat.vault.unlock(code, password)
    require_intact(paths.database, key)
    return seat.open_session(key, code)


# ----- commands ---------------------------------------------------------------------------------------


def cmd_init(args, paths: SeatPaths) -> int:
    password = os.environ.get(ENV_PASSWORD)
    if password is None:
        password = read_new_password(ENV_PASSWORD, f" for {args.admin}")
    with SeatLock(paths.lock):
        session, code = Seat.init(
            paths, args.seat, args.admin, args.admin_name or args.admin, password, args.require_keyring
        )
        session.close()
    print(f"Seat '{args.seat}' is set up in {paths.home} with admin {args.admin}.")
    print(f"Keyring: {keyring_status().describe()}")
    print("Recovery code (shown only this once; print it and keep it locked away):")
    print(f"    {code}")
    return 0


def cmd_account(args, paths: SeatPaths) -> int:
    with SeatLock(paths.lock), _login(paths, intact=args.action != "list") as session:
        service = AccountService(session)
        if args.action == "list":
            for account in service.accounts():
                state = "active" if account.active else "disabled"
                password = "" if service.has_password(account.code) or not account.active else "  (no password here)"
                print(f"{account.code}\t{account.role}\t{state}\t{account.display_name}{password}")
        elif args.action == "add":
            password = read_new_password(who=f" for {args.code}")
            service.add(args.code, args.name or args.code, args.role, password)
            print(f"Account {args.code} added as {args.role}.")
        elif args.action == "disable":
            service.disable(args.code)
            print(f"Account {args.code} is disabled.")
        elif args.action == "enable":
            service.enable(args.code, read_new_password(who=f" for {args.code}"))
            print(f"Account {args.code} is enabled.")
        elif args.action == "role":
            service.set_role(args.code, args.role)
            print(f"Account {args.code} is now {args.role}.")
        elif args.action == "rename":
            service.rename(args.code, args.name)
            print(f"Account {args.code} is now called {args.name}.")
        elif args.action == "passwd":
            code = args.code or session.actor
            service.set_password(code, read_new_password(who=f" for {code}"))
            print(f"The password of {code} was changed.")
    return 0


def cmd_backup(args, paths: SeatPaths) -> int:
    with _login(paths, intact=True) as session:
        info = create_backup(session, args.file, check_first=False)  # checked before logging in
    print(f"Backup of seat '{info.seat_name}' written to {info.path} (audit entry {info.audit_seq}).")
    return 0


def cmd_restore(args, paths: SeatPaths) -> int:
    manifest = read_manifest(args.file)
    replace = args.yes
    if paths.exists() and not replace:
        if not _interactive():
            raise BadInput(f"A seat already exists in {paths.home}; add --yes to replace it (it is kept aside).")
        answer = input(
            f"Replace the seat in {paths.home} with the backup of '{manifest.get('seat_name')}' "
            f"from {manifest.get('created_at')}? Type yes: "
        )
        if answer.strip().lower() != "yes":
            print("Nothing was changed.")
            return BAD_INPUT
        replace = True
    with SeatLock(paths.lock):
        if args.recovery:
            result = restore_backup(paths, args.file, recovery_code=read_recovery_code(), replace=replace)
        else:
            result = restore_backup(paths, args.file, login=read_login(), replace=replace)
    print(f"Restored seat '{result.seat_name}' into {paths.home}.")
    if result.replaced:
        print(f"The seat it replaced is kept in {result.replaced}.")
    if result.needs_password:
        print("The passwords of the backup belong to another computer. Set a new admin password with:")
        print("    python main.py recover --admin CODE")
    return 0


def cmd_recover(args, paths: SeatPaths) -> int:
    code = read_recovery_code()
    password = read_new_password(who=f" for {args.admin}")
    with SeatLock(paths.lock):
        waiting = recover_admin(Seat(paths), code, args.admin, password)
    print(f"{args.admin} has a new password on this computer.")
    if waiting:
        print(f"Accounts that need a new password from an admin: {', '.join(waiting)}")
    return 0


def cmd_verify(args, paths: SeatPaths) -> int:
    if args.recovery:
        report = verify_seat(paths, recovery_code=read_recovery_code())
    else:
        report = verify_seat(paths, login=read_login())
    for check in report.checks:
        print(f"{'ok  ' if check.ok else 'FAIL'} {check.text}")
    if not report.ok:
        problems = report.problems()
        print(f"hotline-log: verify found {len(problems)} problem(s): {problems[0]}", file=sys.stderr)
        return FAILURE
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise BadInput(f"{text!r} is not a date: write it as YYYY-MM-DD.") from exc


def cmd_stats(args, paths: SeatPaths) -> int:
    with _login(paths) as session:
        session.require("lead", "admin", doing="see statistics")
        date_from, date_to = _date(args.date_from), _date(args.date_to)
        if args.center:
            return cli_center.center_stats(args, session, date_from, date_to)
        stats = statistics(session.store, date_from, date_to)
        if args.format == "pdf":
            if not args.out:
                raise BadInput("A PDF needs --out FILE.pdf.")
            target = Path(args.out)
            write_monthly_report(stats, session.seat.vault.seat_name, date_from, date_to, target)
            session.audit.append(session.actor, "stats.exported", target.name, {"format": "pdf"})
            print(f"Report written to {target}.")
            return 0
        text = to_csv(stats) if args.format == "csv" else json.dumps(stats, ensure_ascii=False, indent=1) + "\n"
        if args.out:
            target = Path(args.out)
            atomic_write_bytes(target, text.encode("utf-8"))
            session.audit.append(session.actor, "stats.exported", target.name, {"format": args.format})
        else:
            sys.stdout.write(text)
    return 0


def _moment(text: str) -> datetime:
    """A time from the command line; without a zone it is seat time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise BadInput(f"{text!r} is not a time: write it as YYYY-MM-DDTHH:MM (seat time) or with a zone.") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=seat_zone())


def _shift_id(text: str) -> int:
    try:
        return int(text)
    except ValueError as exc:
        raise BadInput(
            f"--shift {text!r} is not a shift of this seat (a number); a centre shift needs --center."
        ) from exc


def cmd_handover(args, paths: SeatPaths) -> int:
    if not args.out.lower().endswith(".pdf"):
        raise BadInput("--out must name a .pdf file.")
    with _login(paths) as session:
        session.require("lead", "admin", doing="make handover summaries")
        if args.center:
            return cli_center.center_handover(args, session, _moment)
        if args.date_from or args.date_to:
            if not (args.date_from and args.date_to):
                raise BadInput("Give both --from and --to.")
            data = gather_window(session, _moment(args.date_from), _moment(args.date_to))
            what = f"{args.date_from}/{args.date_to}"
        else:
            shifts = ShiftService(session)
            shift = shifts.get(_shift_id(args.shift)) if args.shift is not None else shifts.last_ended()
            if shift is None:
                raise BadInput("No shift has ended on this seat yet; use --shift ID or --from and --to.")
            data, what = gather(session, shift.id), f"shift:{shift.id}"
        target = Path(args.out)
        write_handover(data, target, args.lang)
        session.audit.append(session.actor, "handover.exported", what, {"file": target.name, "calls": data.calls})
    print(f"Handover summary ({data.calls:,} calls) written to {target}.")
    return 0


def cmd_import(args, paths: SeatPaths) -> int:
    def progress(done: int) -> None:
        if sys.stderr.isatty():
            print(f"\rimported {done:,} lines", end="", file=sys.stderr, flush=True)

    with SeatLock(paths.lock), _login(paths, intact=True) as session:
        report = import_file(session, Path(args.file), progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"Imported {report.imported:,} call(s); {report.skipped_duplicates:,} already here were skipped; "
        f"{report.hidden_total:,} identifier(s) were hidden"
        + (
            " (" + ", ".join(f"{kind}: {n:,}" for kind, n in sorted(report.hidden.items())) + ")."
            if report.hidden
            else "."
        )
    )
    return 0


def cmd_export(args, paths: SeatPaths) -> int:
    date_from = _date(args.date_from) if args.date_from else None
    date_to = _date(args.date_to) if args.date_to else None
    with _login(paths) as session:
        count = export_file(session, Path(args.file), date_from, date_to)
    print(f"Exported {count:,} call(s) to {args.file}.")
    return 0


def cmd_require_keyring(args, paths: SeatPaths) -> int:
    with SeatLock(paths.lock), _login(paths) as session:
        set_require_keyring(session, args.state == "on")
    print(f"require_keyring is {args.state}.")
    return 0


def _accept_state(args, paths: SeatPaths) -> int:
    from desktop.cli_care import cmd_accept_state

    return cmd_accept_state(args, paths)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py", description="Hotline Log (热线记录). Without a command: the window.")
    parser.add_argument("--version", action="version", version=f"Hotline Log {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    p = sub.add_parser("init", help="set up a seat: vault, database, first admin; prints the recovery code")
    p.add_argument("--seat", required=True, help="seat name, e.g. 12356-01")
    p.add_argument("--admin", required=True, help="staff code of the first admin")
    p.add_argument("--admin-name", help="display name of the first admin (default: the staff code)")
    p.add_argument("--require-keyring", action="store_true", help="refuse to run without a system keyring")
    p.set_defaults(run=cmd_init)

    p = sub.add_parser("account", help="manage accounts (admins)")
    acc = p.add_subparsers(dest="action", required=True, parser_class=_Parser, metavar="ACTION")
    acc.add_parser("list", help="list accounts")
    a = acc.add_parser("add", help="add an account; password from HOTLINE_LOG_NEW_PASSWORD or a prompt")
    a.add_argument("code")
    a.add_argument("--name", help="display name")
    a.add_argument("--role", choices=ROLES, default="counselor")
    for action, text in (("disable", "disable an account"), ("enable", "enable an account with a new password")):
        acc.add_parser(action, help=text).add_argument("code")
    a = acc.add_parser("role", help="change an account's role")
    a.add_argument("code")
    a.add_argument("role", choices=ROLES)
    a = acc.add_parser("rename", help="change an account's display name")
    a.add_argument("code")
    a.add_argument("name")
    a = acc.add_parser("passwd", help="change a password (your own, or anyone's as admin)")
    a.add_argument("code", nargs="?")
    p.set_defaults(run=cmd_account)

    p = sub.add_parser("backup", help="write an encrypted backup of the seat (admins)")
    p.add_argument("file")
    p.set_defaults(run=cmd_backup)

    p = sub.add_parser("restore", help="restore a backup into the data folder (the replaced seat is kept)")
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help="replace an existing seat without asking")
    p.add_argument("--recovery", action="store_true", help="open the backup with the recovery code")
    p.set_defaults(run=cmd_restore)

    p = sub.add_parser("recover", help="with the recovery code, give an admin a new password on this computer")
    p.add_argument("--admin", required=True)
    p.set_defaults(run=cmd_recover)

    p = sub.add_parser("verify", help="check vault, keyring, database pages, schema and audit chain")
    p.add_argument("--recovery", action="store_true", help="unlock with the recovery code instead of a password")
    p.set_defaults(run=cmd_verify)

    p = sub.add_parser(
        "accept-state",
        help="after an older vault or database was put back on purpose: accept the files as they are (admins; audited)",
    )
    p.add_argument("--yes", action="store_true", help="accept without asking")
    p.add_argument("--recovery", action="store_true", help="unlock with the recovery code instead of a password")
    p.set_defaults(run=_accept_state)

    p = sub.add_parser("import", help="import calls from a JSON Lines file: every line checked, all or nothing")
    p.add_argument("file")
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("export", help="export calls (as stored, redacted) to a JSON Lines file (leads, admins)")
    p.add_argument("file")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="the last day, included")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("stats", help="statistics of calls started in a window of seat days (leads, admins)")
    p.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD", help="the last day, included")
    p.add_argument("--format", choices=("json", "csv", "pdf"), default="json", help="pdf: the one-page report")
    p.add_argument("--out", help="write to this file instead of the terminal")
    p.add_argument("--center", action="store_true", help="over every seat's calls at the centre, plus by_seat")
    p.set_defaults(run=cmd_stats)

    p = sub.add_parser("handover", help="the handover summary PDF of a shift or a window (leads, admins)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--shift", metavar="ID", help="this shift (with --center: the centre shift's ID)")
    which.add_argument("--last", action="store_true", help="the shift that ended last")
    which.add_argument("--from", dest="date_from", metavar="TIME", help="calls started from this time (seat time)")
    p.add_argument("--to", dest="date_to", metavar="TIME", help="…up to this time, with --from")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="the summary's language")
    p.add_argument("--center", action="store_true", help="the centre's handover over every seat (an enrolled seat)")
    p.set_defaults(run=cmd_handover)

    p = sub.add_parser("require-keyring", help="refuse (on) or allow (off) running without a system keyring")
    p.add_argument("state", choices=("on", "off"))
    p.set_defaults(run=cmd_require_keyring)

    cli_center.add_parser(sub, _Parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    paths = SeatPaths.default()
    configure_logging(log_home())
    try:
        args = build_parser().parse_args(argv)
        if not getattr(args, "run", None):
            build_parser().print_help()
            return 0
        for note in interrupted.settle(paths):  # a restore or backup a kill interrupted: finished or undone
            print(f"hotline-log: {note}", file=sys.stderr)
        return args.run(args, paths)
    except HotlineError as exc:
        log.info("command failed: %s", type(exc).__name__)
        print(f"hotline-log: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("hotline-log: interrupted; nothing half-done was kept.", file=sys.stderr)
        return FAILURE
    except Exception as exc:
        log.exception("unexpected failure")
        print(
            f"hotline-log: unexpected error ({type(exc).__name__}); details are in the log in {log_home()}.",
            file=sys.stderr,
        )
        return FAILURE
