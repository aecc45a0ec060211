"""The centre's commands (DESIGN.md §11): `center init | add-seat | enroll | remove-seat | sync | status` and
`stats --center`. Exit 0 on success, 2 on bad input, 1 on other failure (a centre that cannot be reached).

DSN passwords may come from PGPASSWORD (libpq reads it); an enrolment code from HOTLINE_LOG_ENROLL_CODE.
"""

import json
import os
import sys
from datetime import datetime, timedelta
from pathlib import Path

from desktop.config import SeatPaths
from desktop.errors import FAILURE, BadInput
from desktop.fsutil import atomic_write_bytes
from desktop.instance import SeatLock

ENV_ENROLL_CODE = "HOTLINE_LOG_ENROLL_CODE"


def _login(paths: SeatPaths):
    from desktop.cli import _login as login

    return login(paths)


def cmd_center(args, paths: SeatPaths) -> int:
    from desktop.center import enrol

    if args.action in ("sync", "status"):
        return _sync_or_status(args, paths)
    with SeatLock(paths.lock), _login(paths) as session:
        if args.action == "init":
            print(enrol.init_center(session, args.dsn))
        elif args.action == "add-seat":
            code = enrol.add_seat(session, args.dsn, args.name, timedelta(hours=args.valid_hours))
            print(f"Seat '{args.name.strip()}' was added. Its one-time enrolment code (valid {args.valid_hours} h):")
            print(code)
        elif args.action == "enroll":
            code = args.code or os.environ.get(ENV_ENROLL_CODE)
            if not code:
                raise BadInput(f"Give the enrolment code (or set {ENV_ENROLL_CODE}).")
            queued = enrol.enroll(session, code, args.dsn)
            print(f"This seat is enrolled; {queued:,} record(s) wait to be sent (run `center sync`).")
        elif args.action == "remove-seat":
            enrol.remove_seat(session, args.dsn, args.name)
            print(f"Seat '{args.name}' was removed from the centre; its calls there stay.")
    return 0


def _sync_or_status(args, paths: SeatPaths) -> int:
    from desktop.center import link, sync
    from desktop.center.connect import CenterTooNew, CenterUnreachable, WitnessRefused

    with _login(paths) as session:
        if args.action == "status":
            print(link.status_json(session.store, sync.reachable(session.store)))
            return 0
        try:
            result = sync.sync(session.store)
        except (CenterUnreachable, CenterTooNew, WitnessRefused) as exc:
            waiting = link.backlog(session.store).pending
            print(f"hotline-log: {exc} {waiting:,} record(s) wait to be sent.", file=sys.stderr)
            return FAILURE
    print(
        f"Sent {result.sent:,} record(s) ({result.pushed:,} new at the centre); {result.pending:,} wait. "
        f"Pulled {result.pulled_follow_ups:,} open follow-up(s) and {result.pulled_shifts:,} open shift(s)."
    )
    return 0 if result.pending == 0 else FAILURE


def center_stats(args, session, date_from, date_to) -> int:
    """`stats --center`: the same outputs as the seat's, counted at the centre over every seat."""
    from desktop.center import link
    from desktop.center.stats import center_statistics
    from desktop.center.sync import open_link
    from desktop.reports import to_csv, write_monthly_report

    with open_link(link.active(session.store)) as conn:
        stats = center_statistics(conn, date_from, date_to)
    if args.format == "pdf":
        if not args.out:
            raise BadInput("A PDF needs --out FILE.pdf.")
        target = Path(args.out)
        write_monthly_report(stats, f"{session.seat.vault.seat_name} · centre", date_from, date_to, target)
        session.audit.append(session.actor, "stats.exported", target.name, {"format": "pdf", "center": True})
        print(f"Report written to {target}.")
        return 0
    if args.format == "csv":
        text = to_csv(stats) + "".join(f"by_seat,{name},{count}\n" for name, count in stats["by_seat"].items())
    else:
        text = json.dumps(stats, ensure_ascii=False, indent=1) + "\n"
    if args.out:
        target = Path(args.out)
        atomic_write_bytes(target, text.encode("utf-8"))
        session.audit.append(session.actor, "stats.exported", target.name, {"format": args.format, "center": True})
    else:
        sys.stdout.write(text)
    return 0


def center_handover(args, session, moment) -> int:
    """`handover --center`: the centre's handover of a centre shift, of the last one, or of a window (`--to`
    included; a day alone means that whole day). Exit 1 with what to do instead when the centre cannot be
    reached."""
    from desktop.center import line
    from desktop.reports.center_handover_pdf import render

    window = {}
    if args.date_from or args.date_to:
        if not (args.date_from and args.date_to):
            raise BadInput("Give both --from and --to.")
        end = moment(args.date_to)
        day_only = len(args.date_to.strip()) == 10  # YYYY-MM-DD: up to the end of that seat day
        if day_only:
            end = datetime.combine(end.date() + timedelta(days=1), end.timetz())
        window = {"date_from": moment(args.date_from), "date_to": end, "to_included": not day_only}
    try:
        data = line.center_handover(session, shift_uuid=args.shift, last=args.last, **window)
    except line.CenterNeeded as exc:
        print(
            f"hotline-log: the centre's handover cannot be made now: {exc} `handover` without --center prints this "
            "seat's own summary (its calls only).",
            file=sys.stderr,
        )
        return FAILURE
    target = Path(args.out)
    render(data, target, args.lang)
    what = f"center_shift:{data.shift.uuid}" if data.shift else f"center:{args.date_from}/{args.date_to}"
    session.audit.append(session.actor, "handover.exported", what, {"file": target.name, "calls": data.calls})
    stale = f"; {len(data.stale_seats)} seat(s) not synced since it ended are named in red" if data.stale_seats else ""
    print(f"Centre handover ({data.calls:,} calls, {len(data.seat_heads)} seat(s){stale}) written to {target}.")
    return 0


def add_parser(sub, parser_class) -> None:
    p = sub.add_parser("center", help="the centre: many seats, one PostgreSQL (DESIGN.md §11)")
    actions = p.add_subparsers(dest="action", required=True, parser_class=parser_class, metavar="ACTION")
    a = actions.add_parser("init", help="set up the centre's schema and enrol this seat first (admins)")
    a.add_argument("--dsn", required=True, help="a PostgreSQL superuser's DSN with sslmode=verify-full")
    a = actions.add_parser("add-seat", help="add a seat; prints its one-time enrolment code (admins)")
    a.add_argument("name", help="the new seat's name (its seat name from `init`)")
    a.add_argument("--dsn", required=True, help="a PostgreSQL superuser's DSN with sslmode=verify-full")
    a.add_argument("--valid-hours", type=int, default=72, help="how long the code works (default 72)")
    a = actions.add_parser("enroll", help="enrol this seat with a code from add-seat (admins)")
    a.add_argument("code", nargs="?", help=f"the enrolment code (or {ENV_ENROLL_CODE})")
    a.add_argument("--dsn", required=True, help="host, port, dbname, sslmode, sslrootcert: no user or password")
    a = actions.add_parser("remove-seat", help="remove a seat: its role is dropped (admins)")
    a.add_argument("name")
    a.add_argument("--dsn", required=True, help="a PostgreSQL superuser's DSN with sslmode=verify-full")
    actions.add_parser("sync", help="push, then pull; exit 0 when nothing is left to push")
    actions.add_parser("status", help="JSON: enrolled, seat, pending, oldest_pending, last_sync, reachable")
    p.set_defaults(run=cmd_center)
