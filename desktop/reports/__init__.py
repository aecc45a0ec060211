"""Reports over the seat's calls: the statistics of DESIGN.md §9 as JSON-ready data or CSV, and the one-page
monthly report PDF. No Qt."""

from desktop.reports.stats import statistics, to_csv, weekday_hour

__all__ = ["statistics", "to_csv", "weekday_hour", "write_monthly_report"]


def __getattr__(name: str):
    """`write_monthly_report` is loaded on first use: ReportLab is not needed to start the program (§10)."""
    if name == "write_monthly_report":
        from desktop.reports.monthly import write_monthly_report

        return write_monthly_report
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
