"""Reports over the seat's calls: the statistics of DESIGN.md §9 as JSON-ready data or CSV, and the one-page
monthly report PDF. No Qt."""

from desktop.reports.monthly import write_monthly_report
from desktop.reports.stats import statistics, to_csv, weekday_hour

__all__ = ["statistics", "to_csv", "weekday_hour", "write_monthly_report"]
