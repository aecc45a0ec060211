"""A saved call as HTML for the read view: every part, in the order of the form, each string through tr()."""

from PySide6.QtCore import QCoreApplication

from desktop import risk
from desktop.call_model import SAFETY_PLAN_FIELDS
from desktop.call_read import CallView
from desktop.clock import seat_time
from desktop.taxonomy import (
    AGE_BANDS,
    CALL_KINDS,
    CONCERNS,
    CRISIS_ACTIONS,
    CRISIS_OUTCOMES,
    EMOTIONS,
    GENDERS,
    INTERVENTIONS,
    REFERRAL_KINDS,
    REFERRAL_STATUS,
    REGIONS,
    URGENCY,
    Taxonomy,
)
from ui.case_timeline import person
from ui.risk_text import not_assessed

ALERT = "#a01818"


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def plan_titles() -> tuple[str, ...]:
    return (
        QCoreApplication.translate("CallReadView", "1. Warning signs"),
        QCoreApplication.translate("CallReadView", "2. What I can do on my own to cope"),
        QCoreApplication.translate("CallReadView", "3. People and places that distract me"),
        QCoreApplication.translate("CallReadView", "4. People I can ask for help"),
        QCoreApplication.translate("CallReadView", "5. Professionals and services to contact"),
        QCoreApplication.translate("CallReadView", "6. Making my surroundings safe"),
    )


class _Html:
    def __init__(self, view: CallView, taxonomy: Taxonomy, lang: str, names: dict[str, str]):
        self.view, self.form, self.taxonomy, self.lang, self.names = view, view.record.form, taxonomy, lang, names
        self.comma = "、" if lang == "zh" else ", "
        self.parts: list[str] = []

    def label(self, list_name: str, code: str | None) -> str:
        return self.taxonomy.label(list_name, code, self.lang) if code else "—"

    def labels(self, list_name: str, codes) -> str:
        return self.comma.join(self.label(list_name, c) for c in codes) or "—"

    @staticmethod
    def when(moment) -> str:
        return seat_time(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"

    def who(self, code: str | None) -> str:
        shown = person(code, self.names)
        return f"{shown} ({code})" if code and shown != code and code in self.names else shown

    def heading(self, text: str) -> None:
        self.parts.append(f"<h3 style='color:#2f5d8a; margin-top:14px'>{_esc(text)}</h3>")

    def pairs(self, rows) -> None:
        cells = "".join(
            f"<tr><th align=left valign=top width=190>{_esc(k)}</th><td>{_esc(v)}</td></tr>" for k, v in rows
        )
        self.parts.append(f"<table cellspacing=2 cellpadding=2>{cells}</table>")

    def table(self, head: list[str], rows: list[list[str]]) -> None:
        if not rows:
            self.muted(QCoreApplication.translate("CallReadView", "None"))
            return
        top = "".join(f"<th align=left bgcolor='#eef2f6'>{_esc(h)}</th>" for h in head)
        body = "".join("<tr>" + "".join(f"<td valign=top>{_esc(v)}</td>" for v in row) + "</tr>" for row in rows)
        frame = "width='98%' cellspacing=0 cellpadding=4 border=1 style='border-color:#c8d3df'"
        self.parts.append(f"<table {frame}><tr>{top}</tr>{body}</table>")

    def muted(self, text: str) -> None:
        self.parts.append(f"<p style='color:gray'>{_esc(text)}</p>")

    # ----- the parts, in the order of the form ------------------------------------------------------

    def call_and_caller(self) -> None:
        form = self.form
        times = self.when(form.started_at)
        if form.ended_at:
            times += " – " + seat_time(form.ended_at).strftime("%H:%M")
        caller = self.comma.join(
            (self.label(AGE_BANDS, form.age_band), self.label(GENDERS, form.gender), self.label(REGIONS, form.region))
        ) + (f" {form.city}" if form.city else "")
        first = {
            None: QCoreApplication.translate("CallReadView", "not known"),
            True: QCoreApplication.translate("CallReadView", "first call"),
            False: QCoreApplication.translate("CallReadView", "repeat"),
        }[form.first_call]
        self.heading(QCoreApplication.translate("CallReadView", "Call and caller"))
        self.pairs(
            [
                (QCoreApplication.translate("CallReadView", "Time"), times),
                (QCoreApplication.translate("CallReadView", "Counselor"), self.who(self.view.record.counselor)),
                (QCoreApplication.translate("CallReadView", "Kind"), self.label(CALL_KINDS, form.kind)),
                (QCoreApplication.translate("CallReadView", "Caller"), caller),
                (QCoreApplication.translate("CallReadView", "First call?"), first),
                (QCoreApplication.translate("CallReadView", "Case code"), form.case_code or "—"),
            ]
        )

    def topics(self) -> None:
        form = self.form
        self.heading(QCoreApplication.translate("CallReadView", "Concerns, emotions, interventions, keywords"))
        self.pairs(
            [
                (QCoreApplication.translate("CallReadView", "Concerns"), self.labels(CONCERNS, form.concerns)),
                (QCoreApplication.translate("CallReadView", "Emotions"), self.labels(EMOTIONS, form.emotions)),
                (
                    QCoreApplication.translate("CallReadView", "Interventions"),
                    self.labels(INTERVENTIONS, form.interventions),
                ),
                (QCoreApplication.translate("CallReadView", "Keywords"), self.comma.join(form.keywords) or "—"),
            ]
        )

    def notes(self) -> None:
        self.heading(QCoreApplication.translate("CallReadView", "Notes and summary"))
        if self.view.shredded:
            self.muted(
                QCoreApplication.translate(
                    "CallReadView", "The retention period has passed; this call's free text was shredded."
                )
            )
            return
        self.pairs(
            [
                (QCoreApplication.translate("CallReadView", "Summary"), self.form.summary or "—"),
                (QCoreApplication.translate("CallReadView", "Notes"), self.form.notes or "—"),
            ]
        )

    def assessment(self) -> None:
        view, items = self.view, risk.items()
        self.heading(QCoreApplication.translate("CallReadView", "Risk assessment"))
        if not view.assessed:
            why = QCoreApplication.translate("CallReadView", "This call was saved without a risk assessment.")
            self.parts.append(f"<p style='font-size:large'><b>{_esc(not_assessed())}</b></p><p>{_esc(why)}</p>")
            return
        final = risk.level_label(view.final_level, self.lang)
        colour = ALERT if view.final_level in risk.OPENS_PROTOCOL else "#2f5d8a"
        self.parts.append(f"<p style='font-size:large; color:{colour}'><b>{_esc(final)}</b></p>")
        rows = [
            (
                QCoreApplication.translate("CallReadView", "Computed level"),
                risk.level_label(view.computed_level, self.lang),
            ),
            (QCoreApplication.translate("CallReadView", "Final level"), final),
        ]
        if view.overridden or view.override_reason:
            rows.append(
                (QCoreApplication.translate("CallReadView", "Reason for the change"), view.override_reason or "—")
            )
        rows.append((QCoreApplication.translate("CallReadView", "Assessed at"), self.when(view.assessed_at)))
        if view.reasons:
            rows.append(
                (
                    QCoreApplication.translate("CallReadView", "Decided by"),
                    self.comma.join(items.label(r, self.lang) for r in view.reasons),
                )
            )
        self.pairs(rows)
        answers = view.record.form.risk.answers if view.record.form.risk else {}
        answered = [
            [
                group.label(self.lang),
                item.label(self.lang),
                QCoreApplication.translate("CallReadView", "yes")
                if answers[item.code]
                else QCoreApplication.translate("CallReadView", "no"),
            ]
            for group in items.groups
            for item in group.items
            if item.code in answers
        ]
        answered += [
            [
                QCoreApplication.translate("CallReadView", "Scale (0–10)"),
                scale.label(self.lang),
                f"{answers[scale.code]} / 10",
            ]
            for scale in items.scales
            if scale.code in answers
        ]
        self.table(
            [
                QCoreApplication.translate("CallReadView", "Group"),
                QCoreApplication.translate("CallReadView", "Item"),
                QCoreApplication.translate("CallReadView", "Answer"),
            ],
            answered,
        )

    def crisis(self) -> None:
        self.heading(QCoreApplication.translate("CallReadView", "Crisis actions"))
        rows = [
            [self.when(a.at), self.label(CRISIS_ACTIONS, a.action), self.label(CRISIS_OUTCOMES, a.outcome)]
            for a in self.form.crisis_actions
        ]
        self.table(
            [
                QCoreApplication.translate("CallReadView", "Time"),
                QCoreApplication.translate("CallReadView", "Action"),
                QCoreApplication.translate("CallReadView", "Outcome"),
            ],
            rows,
        )

    def referrals(self) -> None:
        self.heading(QCoreApplication.translate("CallReadView", "Referrals"))
        rows = [
            [
                self.label(REFERRAL_KINDS, r.kind),
                r.resource or "—",
                self.label(URGENCY, r.urgency),
                self.label(REFERRAL_STATUS, r.status),
            ]
            for r in self.view.referrals
        ]
        self.table(
            [
                QCoreApplication.translate("CallReadView", "Kind"),
                QCoreApplication.translate("CallReadView", "Service"),
                QCoreApplication.translate("CallReadView", "Urgency"),
                QCoreApplication.translate("CallReadView", "Status"),
            ],
            rows,
        )

    def follow_ups(self) -> None:
        self.heading(QCoreApplication.translate("CallReadView", "Follow-ups"))
        rows = []
        for f in self.view.follow_ups:
            if f.done_at:
                state = (
                    QCoreApplication.translate("CallReadView", "done %1 by %2")
                    .replace("%1", self.when(f.done_at))
                    .replace("%2", self.who(f.done_by))
                )
            else:
                state = QCoreApplication.translate("CallReadView", "open")
            rows.append([self.when(f.due_at), self.who(f.owner), f.note or "—", state, f.outcome or "—"])
        self.table(
            [
                QCoreApplication.translate("CallReadView", "Due"),
                QCoreApplication.translate("CallReadView", "Owner"),
                QCoreApplication.translate("CallReadView", "Note"),
                QCoreApplication.translate("CallReadView", "Done"),
                QCoreApplication.translate("CallReadView", "Outcome"),
            ],
            rows,
        )

    def safety_plan(self) -> None:
        self.heading(QCoreApplication.translate("CallReadView", "Safety plan"))
        plan = self.form.safety_plan
        if not any(plan.values()):
            self.muted(QCoreApplication.translate("CallReadView", "None"))
            return
        self.pairs([(t, plan.get(n) or "—") for n, t in zip(SAFETY_PLAN_FIELDS, plan_titles(), strict=True)])

    def supervision(self) -> None:
        view = self.view
        if view.supervision_flag is None:  # counselors: not theirs to see
            return
        self.heading(QCoreApplication.translate("CallReadView", "Supervision"))
        if view.supervision_flag:
            flag = QCoreApplication.translate("CallReadView", "Flagged for supervision")
        else:
            flag = QCoreApplication.translate("CallReadView", "Not flagged")
        self.parts.append(f"<p>{_esc(flag)}</p>")
        rows = [[self.when(n.created_at), self.who(n.author), n.text] for n in view.supervision_notes or ()]
        self.table(
            [
                QCoreApplication.translate("CallReadView", "Time"),
                QCoreApplication.translate("CallReadView", "Author"),
                QCoreApplication.translate("CallReadView", "Supervision note"),
            ],
            rows,
        )

    def amendments(self) -> None:
        self.heading(QCoreApplication.translate("CallReadView", "Amendments"))
        rows = [[self.when(a.at), self.who(a.author), a.text] for a in self.view.record.amendments]
        self.table(
            [
                QCoreApplication.translate("CallReadView", "Time"),
                QCoreApplication.translate("CallReadView", "Author"),
                QCoreApplication.translate("CallReadView", "Amendment"),
            ],
            rows,
        )

    def legal_hold(self) -> None:
        self.heading(QCoreApplication.translate("CallReadView", "Legal hold"))
        held = QCoreApplication.translate("CallReadView", "Under legal hold: kept whole past the retention period.")
        none = QCoreApplication.translate("CallReadView", "No legal hold.")
        self.parts.append(f"<p>{_esc(held if self.view.legal_hold else none)}</p>")


def read_html(view: CallView, taxonomy: Taxonomy, lang: str, names: dict[str, str]) -> str:
    html = _Html(view, taxonomy, lang, names)
    for part in (
        html.call_and_caller,
        html.topics,
        html.notes,
        html.assessment,
        html.crisis,
        html.referrals,
        html.follow_ups,
        html.safety_plan,
        html.supervision,
        html.amendments,
        html.legal_hold,
    ):
        part()
    return "".join(html.parts)
