"""The parts of docs/screenshots.py: each module's `shoot(shooter)` takes its pictures in one language."""
