"""Reports over the seat's calls: the statistics of DESIGN.md §9 as JSON-ready data or CSV. No Qt."""

from desktop.reports.stats import statistics, to_csv

__all__ = ["statistics", "to_csv"]
