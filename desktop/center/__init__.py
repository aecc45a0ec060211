"""The centre (DESIGN.md §11): what a seat shares, sealing its free text, the PostgreSQL schema, enrolment and sync.

Importing this package imports no database driver: `psycopg` is loaded by the modules that talk to PostgreSQL,
so the log-in page of an island seat never pays for it.
"""
