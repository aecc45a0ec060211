"""The centre's handover PDF (issue 16, DESIGN.md §8 over every seat): the seat's handover layout
(desktop/reports/handover.py — its styles, tables, footer and signature lines, shared, not copied) with what a
line adds: the seat on every call row, the calls of each seat, the seats a counselor worked at, each seat's
audit head as last reported with the centre's own, and, at the top in red, every seat that has not synced since
the shift ended ("席位 3 自 14:05 未同步：其通话可能不全") and every seat removed with calls in it — so the paper
never claims a completeness it lacks.
"""

import io
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from desktop.center.line_handover import CenterHandover
from desktop.clock import seat_time
from desktop.fsutil import atomic_write_bytes
from desktop.reports.handover import TEXT, _Layout
from desktop.reports.pdf_text import a4_document
from desktop.risk import level_label
from desktop.taxonomy import CRISIS_ACTIONS, CRISIS_OUTCOMES, REFERRAL_KINDS, REFERRAL_STATUS, URGENCY

CENTER_TEXT = {
    "zh": {
        **TEXT["zh"],
        "title": "全中心交接班摘要",
        "seat": "生成席位",
        "centre_shift": "中心班次",
        "window_only": "按时段（非班次）",
        "seat_col": "席位",
        "removed_mark": "（已移出）",
        "stale": "{seat} 自 {time} 未同步：其通话可能不全",
        "never": "{seat} 从未同步：其通话可能不全",
        "removed": "{seat} 已于 {time} 移出中心：其通话仍列于本摘要，标为“已移出”",
        "by_seat": "各席位来电",
        "last_sync": "最后同步",
        "seats_col": "所在席位",
        "heads": "各席位审计链头（最后上报）与中心审计链头",
        "seq": "序号",
        "hash": "哈希",
        "reported": "上报时间",
        "centre_head": "中心审计链头：序号 {seq}，哈希 {hash}",
        "no_head": "（未上报）",
        "heads_hint": "与各席位上的审计链头核对，可发现某席位的数据库被回滚。",
        "no_calls": "本班次全中心没有来电记录。",
        "state_removed": "已移出",
    },
    "en": {
        **TEXT["en"],
        "title": "Centre shift handover summary",
        "seat": "Made at seat",
        "centre_shift": "Centre shift",
        "window_only": "by time (not a shift)",
        "seat_col": "Seat",
        "removed_mark": " (removed)",
        "stale": "Seat {seat} has not synced since {time}: its calls may be incomplete",
        "never": "Seat {seat} has never synced: its calls may be incomplete",
        "removed": "Seat {seat} was removed from the centre at {time}: its calls are still listed, marked removed",
        "by_seat": "Calls by seat",
        "last_sync": "Last sync",
        "seats_col": "Seats",
        "heads": "Each seat's audit head (as last reported) and the centre's",
        "seq": "Sequence",
        "hash": "Hash",
        "reported": "Reported",
        "centre_head": "Centre audit head: sequence {seq}, hash {hash}",
        "no_head": "(none reported)",
        "heads_hint": "Compare with the audit head on each seat: a rolled-back seat shows up.",
        "no_calls": "No calls were recorded at any seat in this shift.",
        "state_removed": "removed",
    },
}


def _lang(lang: str) -> str:
    return "zh" if lang.lower().startswith("zh") else "en"


def seat_label(name: str, lang: str = "zh") -> str:
    """A seat as the red lines name it: 席位 3 for a seat named "3", the name itself when it says 席位 already."""
    if lang == "zh":
        return name if name.startswith("席位") else f"席位 {name}"
    return name


def render(data: CenterHandover, path: str | Path, lang: str = "zh_CN") -> None:
    """Write the centre's handover to `path` (through a temporary file renamed into place)."""
    atomic_write_bytes(Path(path), render_bytes(data, lang))


def render_bytes(data: CenterHandover, lang: str = "zh_CN") -> bytes:
    return _CenterLayout(data, _lang(lang)).build()


class _CenterLayout(_Layout):
    def __init__(self, data: CenterHandover, lang: str):
        super().__init__(data, lang)
        self.text = CENTER_TEXT[lang]

    def seat_cell(self, seat: str, removed: bool) -> str:
        return seat + (self.text["removed_mark"] if removed else "")

    def moment(self, at: datetime, reference: datetime) -> str:
        """A time in the red lines: HH:MM on the day of `reference`, else with its date."""
        local, ref = seat_time(at), seat_time(reference)
        return local.strftime("%H:%M" if local.date() == ref.date() else "%Y-%m-%d %H:%M")

    def warnings(self) -> list:
        d, t = self.data, self.text
        lines = []
        for seat, last in d.stale_seats:
            name = seat_label(seat, self.lang)
            lines.append(
                t["stale"].format(seat=name, time=self.moment(last, d.made_at))
                if last
                else t["never"].format(seat=name)
            )
        for seat, at in d.removed_seats:
            when = self.moment(at, d.made_at) if at else "?"
            lines.append(t["removed"].format(seat=seat_label(seat, self.lang), time=when))
        return [self.p(line, "alert") for line in lines]

    def header(self) -> list:
        d, t = self.data, self.text
        start, end = d.window
        window = f"{seat_time(start):%Y-%m-%d %H:%M} – "
        window += t["open"] if d.shift is not None and d.shift.is_open else f"{seat_time(end):%Y-%m-%d %H:%M}"
        if d.shift is None:
            kind = t["window_only"]
        elif d.shift.automatic:
            kind = t["auto"]
        else:
            kind = f"{t['lead']}{t['colon']}{d.person(d.lead)}"
        meta = [(t["window"], window), (t["centre_shift"], kind), (t["seat"], d.made_at_seat),
                (t["made"], f"{seat_time(d.made_at):%Y-%m-%d %H:%M}")]  # fmt: skip
        on_duty = ", ".join(d.person(c) for c in d.on_duty) or t["none"]
        return [
            self.p(t["title"], "title"),
            *self.warnings(),
            self.p("  ·  ".join(f"{k}{t['colon']}{v}" for k, v in meta), "meta"),
            self.p(f"{t['on_duty']}{t['colon']}{on_duty}", "meta"),
        ]

    def totals(self) -> list:
        d, t = self.data, self.text
        parts = super().totals()
        high = {}
        for call in d.risk_calls:
            high[call.seat] = high.get(call.seat, 0) + 1
        syncs = {h.seat: h.last_sync for h in d.seat_heads}
        removed = {name for name, _at in d.removed_seats}
        rows = [
            [self.seat_cell(seat, seat in removed), f"{n:,}", f"{high.get(seat, 0):,}",
             self.when(syncs[seat]) if syncs.get(seat) else "-"]
            for seat, n in d.by_seat.items()
        ]  # fmt: skip
        head = [t["seat_col"], t["calls"], t["high_calls"], t["last_sync"]]
        return [*parts, *self.heading("by_seat"), self.table(head, rows, [3, 1, 1, 1.6])]

    def risk_calls(self) -> list:
        t = self.text
        rows = []
        for call in self.data.risk_calls:
            level = level_label(call.final_level, self.lang)
            if call.computed_level and call.computed_level != call.final_level:
                computed = level_label(call.computed_level, self.lang)
                level += "\n" + t["override"].format(computed=computed, reason="-")
            crisis = "\n".join(
                f"{self.when(c.at, False)} {self.label(CRISIS_ACTIONS, c.action)}"
                + (f" → {self.label(CRISIS_OUTCOMES, c.outcome)}" if c.outcome else "")
                for c in call.crisis
            )
            referrals = "\n".join(
                f"{self.label(REFERRAL_KINDS, r.kind)} · {self.label(URGENCY, r.urgency)}"
                f" · {self.label(REFERRAL_STATUS, r.status)}"
                for r in call.referrals
            )
            steps = "\n".join(
                f"{self.when(f.due_at)} {self.owner(f.owner)}"
                + (f"{t['colon']}{f.note}" if f.note else "")
                + (f" ({t['overdue']})" if f.overdue else "")
                for f in call.next_steps
            )
            rows.append(
                [
                    self.seat_cell(call.seat, call.seat_removed),
                    self.case(call.case_code),
                    self.stamp(call.started_at),
                    self.who(call.counselor),
                    self.p(level, "alert"),
                    crisis or "-",
                    referrals or "-",
                    steps or "-",
                ]
            )
        head = [t["seat_col"], t["case"], t["time"], t["counselor"], t["level"], t["crisis"], t["referrals"], t["next"]]
        return [*self.heading("risk_calls"), self.table(head, rows, [1.3, 1.3, 1.1, 1.6, 1.4, 1.8, 1.8, 2])]

    def follow_ups(self) -> list:
        t = self.text
        rows = [
            [
                f.seat,
                self.case(f.case_code),
                self.when(f.due_at) + (f"\n{t['overdue']}" if f.overdue else ""),
                self.owner(f.owner),
                f.note or "-",
            ]
            for f in self.data.follow_ups
        ]
        head = [t["seat_col"], t["case"], t["due"], t["owner"], t["note"]]
        return [*self.heading("follow_ups"), self.table(head, rows, [1.3, 1.3, 1.3, 1.6, 4])]

    def open_referrals(self) -> list:
        t = self.text
        rows = [
            [
                r.seat,
                self.case(r.case_code),
                self.label(REFERRAL_KINDS, r.kind),
                self.label(URGENCY, r.urgency),
                self.label(REFERRAL_STATUS, r.status),
                self.when(r.started_at),
            ]
            for r in self.data.open_referrals
        ]
        head = [t["seat_col"], t["case"], t["referrals"], t["urgency"], t["status"], t["time"]]
        return [*self.heading("open_referrals"), self.table(head, rows, [1.3, 1.3, 2.2, 1, 1.2, 1.2])]

    def workload(self) -> list:
        t = self.text
        seats = self.data.workload_seats
        rows = [
            [self.who(w.counselor), ", ".join(seats.get(w.counselor, ())) or "-", f"{w.calls:,}",
             self.minutes(w.talk_s), self.minutes(w.longest_run_s), f"{w.high_risk_calls:,}"]
            for w in self.data.workload
        ]  # fmt: skip
        head = [t["counselor"], t["seats_col"], t["calls"], t["talk"], t["longest_run"], t["high_calls"]]
        return [*self.heading("workload"), self.table(head, rows, [2.2, 1.8, 0.8, 1, 1.8, 1], numbers=4)]

    def supervised(self) -> list:
        """The calls flagged for supervision, every seat's (their supervision notes stay at their seat)."""
        t = self.text
        rows = [
            [
                self.seat_cell(c.seat, c.seat_removed),
                self.case(c.case_code),
                self.stamp(c.started_at),
                self.who(c.counselor),
                self.level(c.final_level, c.assessed),
            ]
            for c in self.data.call_rows
            if c.supervision_flag
        ]
        head = [t["seat_col"], t["case"], t["time"], t["counselor"], t["level"]]
        return [*self.heading("supervised"), self.table(head, rows, [1.3, 1.3, 1.3, 1.9, 1.3])]

    def closing(self) -> list:
        d, t = self.data, self.text
        rows = []
        for head in d.seat_heads:
            name = head.seat + (f"\n{t['state_removed']}" if head.state == "removed" else "")
            if head.reported_at:
                name += f"\n{self.when(head.reported_at)}"
            rows.append([name, f"{head.seq}" if head.seq is not None else "-", head.hash or t["no_head"]])
        parts = [*self.heading("heads"), self.table([t["seat_col"], t["seq"], t["hash"]], rows, [1.7, 0.8, 7.2])]
        if d.center_head:
            parts.append(Spacer(1, 2 * mm))
            parts.append(self.p(t["centre_head"].format(seq=d.center_head[0], hash=d.center_head[1]), "mono"))
        parts.append(self.p(t["heads_hint"], "muted"))
        line = "_" * 28
        signatures = Table(
            [
                [self.p(f"{t['sign_out']}{t['colon']}{line}"), self.p(f"{t['sign_time']}{t['colon']}{line}")],
                [self.p(f"{t['sign_in']}{t['colon']}{line}"), self.p(f"{t['sign_time']}{t['colon']}{line}")],
            ],
            colWidths=[self.width * 0.55, self.width * 0.45],
        )
        signatures.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 9)]))
        return [*parts, KeepTogether([Spacer(1, 8 * mm), signatures])]

    def build(self) -> bytes:
        buffer = io.BytesIO()
        start = seat_time(self.data.window[0])
        title = f"{self.text['title']} {start:%Y-%m-%d %H:%M}"
        doc = a4_document(buffer, title, self.data.made_at_seat)
        story = [
            *self.header(),
            *self.totals(),
            *self.risk_calls(),
            *self.follow_ups(),
            *self.open_referrals(),
            *self.concerns_and_emotions(),
            *self.workload(),
            *self.supervised(),
            *self.note(),
            *self.closing(),
        ]
        doc.build(story, canvasmaker=self._canvas_maker())
        return buffer.getvalue()
