"""The schema as numbered migrations. The database's version is `PRAGMA user_version`.

A migration is never edited once released: later issues add tables by appending a new one.
"""

from dataclasses import dataclass

from desktop.store.schema_center import DIRECTORY_SQL, LINE_SQL, OUTBOX_SQL


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


# What the statistics count of a call, as expressions of the statistics index (migration 11): a query gets
# them from the index only when it spells them exactly so (desktop/reports/stats.py).
STATS_CODES = "concat_ws(char(31), kind, age_band, gender, region, risk_level)"  # its five codes, joined
STATS_TALK_MS = "CAST(round((unixepoch(ended_at, 'subsec') - unixepoch(started_at, 'subsec')) * 1000) AS INTEGER)"

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "seat: settings, accounts, audit log",
        """
        CREATE TABLE setting (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE account (
            id           INTEGER PRIMARY KEY,
            code         TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role         TEXT NOT NULL CHECK (role IN ('counselor', 'lead', 'admin')),
            active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL
        ) STRICT;

        CREATE TABLE audit (
            seq       INTEGER PRIMARY KEY,
            at        TEXT NOT NULL,
            actor     TEXT NOT NULL,
            action    TEXT NOT NULL,
            object    TEXT NOT NULL DEFAULT '',
            detail    TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash      TEXT NOT NULL UNIQUE
        ) STRICT;

        CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

        CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """,
    ),
    Migration(
        2,
        "calls: the call record, its coded multi-selects, amendments, drafts and the notes index",
        """
        CREATE TABLE call (
            id           INTEGER PRIMARY KEY,
            case_code    TEXT CHECK (case_code IS NULL OR length(case_code) = 7),
            counselor    TEXT NOT NULL,
            started_at   TEXT NOT NULL,
            ended_at     TEXT CHECK (ended_at IS NULL OR ended_at >= started_at),
            kind         TEXT NOT NULL,
            age_band     TEXT NOT NULL DEFAULT 'unknown',
            gender       TEXT NOT NULL DEFAULT 'unknown',
            region       TEXT NOT NULL DEFAULT 'unknown',
            city         TEXT NOT NULL DEFAULT '',
            first_call   INTEGER CHECK (first_call IS NULL OR first_call IN (0, 1)),
            summary      TEXT NOT NULL DEFAULT '',
            notes        TEXT NOT NULL DEFAULT '',
            status       TEXT NOT NULL DEFAULT 'final' CHECK (status IN ('draft', 'final')),
            risk_level   TEXT NOT NULL DEFAULT 'none',
            legal_hold   INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1)),
            supervision_flag INTEGER NOT NULL DEFAULT 0 CHECK (supervision_flag IN (0, 1)),
            created_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL
        ) STRICT;
        CREATE INDEX call_by_start ON call (started_at);
        CREATE INDEX call_by_counselor ON call (counselor, started_at);
        CREATE INDEX call_by_kind ON call (kind, started_at);
        CREATE INDEX call_by_risk ON call (risk_level, started_at);
        CREATE INDEX call_by_case ON call (case_code, started_at) WHERE case_code IS NOT NULL;

        CREATE TABLE call_concern (
            call_id INTEGER NOT NULL REFERENCES call (id) ON DELETE CASCADE,
            code    TEXT NOT NULL,
            PRIMARY KEY (call_id, code)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX call_concern_by_code ON call_concern (code, call_id);

        CREATE TABLE call_emotion (
            call_id INTEGER NOT NULL REFERENCES call (id) ON DELETE CASCADE,
            code    TEXT NOT NULL,
            PRIMARY KEY (call_id, code)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE call_intervention (
            call_id INTEGER NOT NULL REFERENCES call (id) ON DELETE CASCADE,
            code    TEXT NOT NULL,
            PRIMARY KEY (call_id, code)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE call_keyword (
            call_id INTEGER NOT NULL REFERENCES call (id) ON DELETE CASCADE,
            word    TEXT NOT NULL,
            PRIMARY KEY (call_id, word)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX call_keyword_by_word ON call_keyword (word, call_id);

        CREATE TABLE amendment (
            id      INTEGER PRIMARY KEY,
            call_id INTEGER NOT NULL REFERENCES call (id) ON DELETE CASCADE,
            author  TEXT NOT NULL,
            at      TEXT NOT NULL,
            text    TEXT NOT NULL
        ) STRICT;
        CREATE INDEX amendment_by_call ON amendment (call_id, at);

        CREATE TABLE draft (
            account  TEXT PRIMARY KEY,
            call_id  INTEGER REFERENCES call (id) ON DELETE SET NULL,
            saved_at TEXT NOT NULL,
            payload  TEXT NOT NULL
        ) STRICT;

        CREATE VIRTUAL TABLE notes_fts USING fts5 (
            text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
        );
        """,
    ),
    Migration(
        3,
        "risk: assessments, crisis actions, referral directory and referrals, follow-ups, safety plans",
        """
        CREATE TABLE risk_assessment (
            call_id         INTEGER PRIMARY KEY REFERENCES call (id) ON DELETE CASCADE,
            answers         TEXT NOT NULL,
            computed_level  TEXT NOT NULL,
            final_level     TEXT NOT NULL,
            override_reason TEXT NOT NULL DEFAULT '',
            reasons         TEXT NOT NULL DEFAULT '[]',
            assessed_at     TEXT NOT NULL
        ) STRICT;

        CREATE TABLE crisis_action (
            id      INTEGER PRIMARY KEY,
            call_id INTEGER NOT NULL REFERENCES call (id) ON DELETE CASCADE,
            action  TEXT NOT NULL,
            at      TEXT NOT NULL,
            outcome TEXT
        ) STRICT;
        CREATE INDEX crisis_action_by_call ON crisis_action (call_id, at);

        CREATE TABLE resource (
            id         INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            kind       TEXT NOT NULL,
            region     TEXT NOT NULL DEFAULT 'national',
            phone      TEXT NOT NULL DEFAULT '',
            hours      TEXT NOT NULL DEFAULT '',
            notes      TEXT NOT NULL DEFAULT '',
            example    INTEGER NOT NULL DEFAULT 0 CHECK (example IN (0, 1)),
            retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX resource_by_kind ON resource (kind, region) WHERE retired = 0;

        CREATE TABLE referral (
            id          INTEGER PRIMARY KEY,
            call_id     INTEGER NOT NULL REFERENCES call (id) ON DELETE CASCADE,
            resource_id INTEGER REFERENCES resource (id),
            kind        TEXT NOT NULL,
            urgency     TEXT NOT NULL,
            status      TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        ) STRICT;
        CREATE INDEX referral_by_call ON referral (call_id);
        CREATE INDEX referral_by_status ON referral (status, updated_at);

        CREATE TABLE follow_up (
            id         INTEGER PRIMARY KEY,
            call_id    INTEGER NOT NULL REFERENCES call (id) ON DELETE CASCADE,
            due_at     TEXT NOT NULL,
            owner      TEXT NOT NULL,
            note       TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            done_at    TEXT,
            done_by    TEXT,
            outcome    TEXT NOT NULL DEFAULT ''
        ) STRICT;
        CREATE INDEX follow_up_open ON follow_up (due_at) WHERE done_at IS NULL;
        CREATE INDEX follow_up_by_call ON follow_up (call_id);

        CREATE TABLE safety_plan (
            call_id       INTEGER PRIMARY KEY REFERENCES call (id) ON DELETE CASCADE,
            warning_signs TEXT NOT NULL DEFAULT '',
            coping        TEXT NOT NULL DEFAULT '',
            distractions  TEXT NOT NULL DEFAULT '',
            helpers       TEXT NOT NULL DEFAULT '',
            professionals TEXT NOT NULL DEFAULT '',
            environment   TEXT NOT NULL DEFAULT '',
            updated_at    TEXT NOT NULL
        ) STRICT;
        """,
    ),
    Migration(
        4,
        "exchange and retention: a content hash for idempotent import, the time a call's free text was shredded",
        """
        ALTER TABLE call ADD COLUMN content_hash TEXT;
        ALTER TABLE call ADD COLUMN shredded_at TEXT;
        CREATE UNIQUE INDEX call_by_content ON call (content_hash) WHERE content_hash IS NOT NULL;
        CREATE INDEX call_to_shred ON call (started_at) WHERE shredded_at IS NULL AND legal_hold = 0;
        """,
    ),
    Migration(
        5,
        "shifts: every call in a shift, the handover note, supervision notes",
        """
        CREATE TABLE shift (
            id            INTEGER PRIMARY KEY,
            lead          TEXT,
            started_at    TEXT NOT NULL,
            planned_end   TEXT,
            ended_at      TEXT CHECK (ended_at IS NULL OR ended_at >= started_at),
            counselors    TEXT NOT NULL DEFAULT '[]',
            handover_note TEXT NOT NULL DEFAULT '',
            automatic     INTEGER NOT NULL CHECK (automatic IN (0, 1)),
            created_at    TEXT NOT NULL,
            CHECK (automatic = 1 OR lead IS NOT NULL),
            CHECK (automatic = 0 OR ended_at IS NOT NULL)
        ) STRICT;
        CREATE UNIQUE INDEX shift_one_open ON shift (automatic) WHERE ended_at IS NULL;
        CREATE UNIQUE INDEX shift_auto_window ON shift (started_at) WHERE automatic = 1;
        CREATE INDEX shift_by_start ON shift (automatic, started_at);
        CREATE INDEX shift_by_end ON shift (ended_at);

        ALTER TABLE call ADD COLUMN shift_id INTEGER REFERENCES shift (id);
        CREATE INDEX call_by_shift ON call (shift_id, started_at);
        CREATE INDEX call_by_supervision ON call (started_at) WHERE supervision_flag = 1;

        CREATE TABLE supervision_note (
            id         INTEGER PRIMARY KEY,
            call_id    INTEGER NOT NULL REFERENCES call (id) ON DELETE CASCADE,
            author     TEXT NOT NULL,
            created_at TEXT NOT NULL,
            text       TEXT NOT NULL
        ) STRICT;
        CREATE INDEX supervision_note_by_call ON supervision_note (call_id, created_at);
        """,
    ),
    Migration(6, "centre: UUIDs of calls, follow-ups and shifts, the enrolment, the outbox, pulled tables", OUTBOX_SQL),
    Migration(
        7,
        "statistics: an index holding every call column the statistics count, so they never read the notes",
        """
        CREATE INDEX call_for_statistics
            ON call (started_at, status, kind, age_band, gender, region, risk_level, ended_at);
        """,
    ),
    Migration(
        8,
        "a save writes fewer pages: notes-index leaves that fit a page, no index of keywords by word",
        # FTS5 fills its leaves up to `pgsz` bytes (4050 by default, made for a 4096-byte page). SQLCipher
        # keeps 48 bytes of each page for the IV and the HMAC, so a row of the index table holds at most
        # 4013 bytes on its page and a full leaf spilled to an overflow page, which was written and
        # decrypted with it. New leaves are at most `pgsz` plus a few bytes; old ones are rewritten as the
        # index is merged. No query looks keywords up by word (they are read per call), so their index
        # only cost a page on every save.
        """
        INSERT INTO notes_fts (notes_fts, rank) VALUES ('pgsz', 3960);
        DROP INDEX call_keyword_by_word;
        """,
    ),
    Migration(9, "centre: the referral directory shared with the line, its changes queued", DIRECTORY_SQL),
    Migration(10, "the centre's line: changes waiting for the centre, what the seat last knew of the line", LINE_SQL),
    Migration(
        11,
        "statistics: what they count of a call stored in their index; concern groups and emotions read without a sort",
        # A concern group counts a call once however many of its items the call has (DESIGN.md §9). Counting
        # that meant looking, for each concern of the window, for an earlier item of its group in the same
        # call: 1.3 s at a million calls. The flag says it once, when the call is written, and the index by
        # code carries it, so the group's count is read with the code's. Emotions were grouped by a sort of
        # every emotion of the window (0.6 s at a million); their index by code is read code by code.
        # The statistics index holds a call's five codes joined and its talk time, the very expressions the
        # statistics read (STATS_CODES, STATS_TALK_MS), computed once when the call is written: joining the codes
        # and reading the two times of a million calls took 1.4 s of each count.
        f"""
        ALTER TABLE call_concern ADD COLUMN first_of_group INTEGER NOT NULL DEFAULT 0
            CHECK (first_of_group IN (0, 1));
        UPDATE call_concern SET first_of_group = NOT EXISTS (
            SELECT 1 FROM call_concern p
            WHERE p.call_id = call_concern.call_id AND p.code < call_concern.code
              AND substr(p.code, 1, instr(p.code || '.', '.') - 1)
                = substr(call_concern.code, 1, instr(call_concern.code || '.', '.') - 1)
        );
        DROP INDEX call_concern_by_code;
        CREATE INDEX call_concern_by_code ON call_concern (code, call_id, first_of_group);
        CREATE INDEX call_emotion_by_code ON call_emotion (code, call_id);
        DROP INDEX call_for_statistics;
        CREATE INDEX call_for_statistics ON call (started_at, status, {STATS_CODES}, {STATS_TALK_MS});
        """,
    ),
    Migration(
        12,
        "the notes index removes a shredded call's entry from its pages at once (secure-delete)",
        # With `contentless_delete` a removed row was only marked in a new segment; its terms stayed in the
        # old segments until they were merged, and merging a million calls' index after each shred held the
        # write lock 200-400 ms at a time (issue 17). Without it a row is removed with FTS5's 'delete' command
        # and the text it was indexed with, and `secure-delete` takes it out of the pages it lies in; `pgsz` as
        # schema 8 set it. Two triggers keep each call's entry made from its row as it is, whatever statement
        # changes the row (desktop/store/search.py). The old table's pages, with the terms of calls shredded
        # before, are zeroed as they are freed (secure_delete), and the checkpoint after migrating writes the
        # zeros into the database file. Every call not shredded is indexed again from its row, in the order of
        # its id (FTS5 appends to its doclists): 9-13 s for a seat of 100,000 calls on 2 cores, a third of it
        # making the character pairs, and 96-104 s for a million (the copy taken before migrating adds up to 4 s).
        """
        DROP TABLE notes_fts;
        CREATE VIRTUAL TABLE notes_fts USING fts5 (
            text, content = '', tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO notes_fts (notes_fts, rank) VALUES ('secure-delete', 1);
        INSERT INTO notes_fts (notes_fts, rank) VALUES ('pgsz', 3960);
        INSERT INTO notes_fts (rowid, text)
            SELECT id, call_index_text(summary, notes) FROM call WHERE shredded_at IS NULL ORDER BY id;

        CREATE TRIGGER call_indexed AFTER INSERT ON call WHEN new.shredded_at IS NULL
        BEGIN
            INSERT INTO notes_fts (rowid, text) VALUES (new.id, call_index_text(new.summary, new.notes));
        END;
        CREATE TRIGGER call_indexed_again AFTER UPDATE OF summary, notes, shredded_at ON call
        BEGIN
            INSERT INTO notes_fts (notes_fts, rowid, text)
                SELECT 'delete', old.id, call_index_text(old.summary, old.notes) WHERE old.shredded_at IS NULL;
            INSERT INTO notes_fts (rowid, text)
                SELECT new.id, call_index_text(new.summary, new.notes) WHERE new.shredded_at IS NULL;
        END;
        """,
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version
