"""`main.py accept-state`: after an admin put an older vault or database back on purpose (desktop/anchors.py)."""

from desktop.anchors import accept_state
from desktop.cli import _interactive, read_login, read_recovery_code
from desktop.config import SeatPaths
from desktop.errors import BAD_INPUT, BadInput
from desktop.instance import SeatLock
from desktop.seat import Seat


def cmd_accept_state(args, paths: SeatPaths) -> int:
    said: list[bool] = []

    def confirm(found) -> bool:
        for finding in found:
            print(f"FAIL {finding}")
        if args.yes:
            said.append(True)
        elif not _interactive():
            raise BadInput("Add --yes to accept these files as they are (it is audited).")
        else:
            said.append(input("Accept the seat's files as they are now? Type yes: ").strip().lower() == "yes")
        return said[-1]

    with SeatLock(paths.lock):
        seat = Seat(paths)
        if args.recovery:
            code, key = None, seat.vault.unlock_recovery(read_recovery_code())
        else:
            code, password = read_login()
            code = code.strip()
            key = seat.vault.unlock(code, password)
        found = accept_state(seat, key, code, confirm)
    if not found:
        print("The seat's files agree with what it recorded; there is nothing to accept.")
        return 0
    if not said[-1]:
        print("Nothing was changed.")
        return BAD_INPUT
    print("Accepted: these files are now the seat's reference (audited as seat.state_accepted). Log in as usual.")
    return 0
