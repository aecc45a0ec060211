"""The SQL of the centre's numbered migrations (desktop.center.schema runs them). `@SEATS@` is the centre's
group role, to which every seat's own login role belongs; it holds the grants, never a table.

Released migrations are never edited: a later change is a new migration.
"""

# 1: the centre itself — settings, seats, enrolments, the append-only hash-chained audit log.
M1_CENTRE = r"""
CREATE SCHEMA center;
CREATE TABLE center.meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE center.seat (
    id          serial PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    role_name   text NOT NULL UNIQUE,
    state       text NOT NULL CHECK (state IN ('pending', 'active', 'removed')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    enrolled_at timestamptz,
    removed_at  timestamptz,
    last_sync   timestamptz
);

-- What an enrolment code opens: the centre data key, sealed under a key only the code gives.
CREATE TABLE center.enrolment (
    code_id    text PRIMARY KEY,
    seat_id    int NOT NULL REFERENCES center.seat (id),
    sealed     bytea NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE center.audit (
    seq       bigint PRIMARY KEY,
    at        text NOT NULL,
    actor     text NOT NULL,
    action    text NOT NULL,
    object    text NOT NULL,
    detail    text NOT NULL,
    prev_hash text NOT NULL,
    hash      text NOT NULL UNIQUE
);

CREATE FUNCTION center.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the centre''s audit log is append-only' USING ERRCODE = 'HL001';
END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON center.audit
    FOR EACH ROW EXECUTE FUNCTION center.refuse_change();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON center.audit
    FOR EACH STATEMENT EXECUTE FUNCTION center.refuse_change();

-- The seat of the role running the statement, while it is enrolled; NULL otherwise.
CREATE FUNCTION center.my_seat() RETURNS int LANGUAGE sql STABLE AS $$
    SELECT id FROM center.seat WHERE role_name = current_user AND state = 'active'
$$;

CREATE FUNCTION center.audit_append(p_action text, p_object text, p_detail text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = center, pg_temp AS $$
DECLARE
    v_seq bigint; v_prev text; v_at text; v_actor text; v_hash text;
BEGIN
    PERFORM pg_advisory_xact_lock(7356001);
    SELECT seq, hash INTO v_seq, v_prev FROM center.audit ORDER BY seq DESC LIMIT 1;
    v_seq := coalesce(v_seq, 0) + 1;
    v_prev := coalesce(v_prev, repeat('0', 64));
    v_at := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    v_actor := coalesce((SELECT 'seat:' || name FROM center.seat WHERE role_name = session_user), session_user);
    v_hash := encode(sha256(convert_to(concat_ws(chr(31), v_seq::text, v_at, v_actor, p_action,
        coalesce(p_object, ''), coalesce(p_detail, ''), v_prev), 'UTF8')), 'hex');
    INSERT INTO center.audit VALUES (v_seq, v_at, v_actor, p_action, coalesce(p_object, ''),
        coalesce(p_detail, ''), v_prev, v_hash);
    RETURN v_seq;
END $$;

-- A new seat's first log-in (with the password its code gives) claims the sealed data key, once.
CREATE FUNCTION center.claim_enrolment(p_code_id text) RETURNS bytea
LANGUAGE plpgsql SECURITY DEFINER SET search_path = center, pg_temp AS $$
DECLARE
    v_seat center.seat; v_row center.enrolment;
BEGIN
    SELECT * INTO v_seat FROM center.seat WHERE role_name = session_user AND state <> 'removed';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no seat at the centre has this role' USING ERRCODE = 'HL002';
    END IF;
    SELECT * INTO v_row FROM center.enrolment WHERE code_id = p_code_id AND seat_id = v_seat.id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'this enrolment code was already used' USING ERRCODE = 'HL002';
    END IF;
    IF v_row.expires_at < now() THEN
        RAISE EXCEPTION 'this enrolment code expired at %', v_row.expires_at USING ERRCODE = 'HL003';
    END IF;
    DELETE FROM center.enrolment WHERE code_id = p_code_id;
    UPDATE center.seat SET state = 'active', enrolled_at = now() WHERE id = v_seat.id;
    PERFORM center.audit_append('seat.enrolled', v_seat.name, '');
    RETURN v_row.sealed;
END $$;

REVOKE ALL ON FUNCTION center.audit_append(text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION center.claim_enrolment(text) FROM PUBLIC;
GRANT USAGE ON SCHEMA center TO @SEATS@;
GRANT SELECT ON center.meta, center.seat TO @SEATS@;
GRANT EXECUTE ON FUNCTION center.claim_enrolment(text), center.my_seat() TO @SEATS@;
"""

_RLS = """
ALTER TABLE center.{t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY {t}_read ON center.{t} FOR SELECT TO @SEATS@ USING (true);
CREATE POLICY {t}_insert ON center.{t} FOR INSERT TO @SEATS@ WITH CHECK (seat_id = (SELECT center.my_seat()));
CREATE POLICY {t}_update ON center.{t} FOR UPDATE TO @SEATS@
    USING (seat_id = (SELECT center.my_seat())) WITH CHECK (seat_id = (SELECT center.my_seat()));
CREATE POLICY {t}_delete ON center.{t} FOR DELETE TO @SEATS@ USING (seat_id = (SELECT center.my_seat()));
"""

# 2: what the seats share — calls with their codes, crisis actions, referrals, follow-ups and their change events,
# shifts — each row carrying its seat for row-level security, and the batch upserts a sync calls.
M2_RECORDS = (
    r"""
CREATE TABLE center.shift (
    uuid          uuid PRIMARY KEY,
    seat_id       int NOT NULL REFERENCES center.seat (id),
    version       bigint NOT NULL,
    lead          text,
    started_at    timestamptz NOT NULL,
    planned_end   timestamptz,
    ended_at      timestamptz,
    counselors    text[] NOT NULL DEFAULT '{}',
    handover_note bytea,
    automatic     boolean NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shift_by_start ON center.shift (started_at, seat_id);
CREATE INDEX shift_open ON center.shift (started_at) WHERE ended_at IS NULL;

CREATE TABLE center.call (
    uuid              uuid PRIMARY KEY,
    seat_id           int NOT NULL REFERENCES center.seat (id),
    version           bigint NOT NULL,
    shift_uuid        uuid,
    counselor         text NOT NULL,
    started_at        timestamptz NOT NULL,
    ended_at          timestamptz CHECK (ended_at IS NULL OR ended_at >= started_at),
    kind              text NOT NULL,
    age_band          text NOT NULL,
    gender            text NOT NULL,
    region            text NOT NULL,
    first_call        boolean,
    case_code         text,
    concerns          text[] NOT NULL DEFAULT '{}',
    emotions          text[] NOT NULL DEFAULT '{}',
    interventions     text[] NOT NULL DEFAULT '{}',
    computed_level    text,
    risk_level        text NOT NULL,
    risk_items        text[] NOT NULL DEFAULT '{}',
    summary           bytea,
    supervision_flag  boolean NOT NULL DEFAULT false,
    first_received_at timestamptz NOT NULL DEFAULT now(),
    received_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_by_start_seat ON center.call (started_at, seat_id);
CREATE INDEX call_by_seat_start ON center.call (seat_id, started_at);
CREATE INDEX call_by_shift ON center.call (shift_uuid);
CREATE INDEX call_by_case ON center.call (case_code, started_at) WHERE case_code IS NOT NULL;

CREATE TABLE center.crisis_action (
    call_uuid uuid NOT NULL REFERENCES center.call (uuid) ON DELETE CASCADE,
    n         int NOT NULL,
    seat_id   int NOT NULL REFERENCES center.seat (id),
    action    text NOT NULL,
    at        timestamptz NOT NULL,
    outcome   text,
    PRIMARY KEY (call_uuid, n)
);

CREATE TABLE center.referral (
    call_uuid uuid NOT NULL REFERENCES center.call (uuid) ON DELETE CASCADE,
    n         int NOT NULL,
    seat_id   int NOT NULL REFERENCES center.seat (id),
    kind      text NOT NULL,
    urgency   text NOT NULL,
    status    text NOT NULL,
    PRIMARY KEY (call_uuid, n)
);

CREATE TABLE center.follow_up (
    uuid        uuid PRIMARY KEY,
    call_uuid   uuid NOT NULL REFERENCES center.call (uuid) ON DELETE CASCADE,
    seat_id     int NOT NULL REFERENCES center.seat (id),
    version     bigint NOT NULL,
    due_at      timestamptz NOT NULL,
    owner       text NOT NULL,
    note        bytea,
    outcome     bytea,
    created_at  timestamptz NOT NULL,
    done_at     timestamptz,
    done_by     text,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX follow_up_open ON center.follow_up (due_at) WHERE done_at IS NULL;
CREATE INDEX follow_up_by_call ON center.follow_up (call_uuid);

-- Every change of a follow-up, kept: who, when (the seat's time), what, from which seat (issue 16's history).
CREATE TABLE center.follow_up_event (
    id             bigserial PRIMARY KEY,
    follow_up_uuid uuid NOT NULL,
    seat_id        int NOT NULL REFERENCES center.seat (id),
    seat_version   bigint NOT NULL,
    what           text NOT NULL CHECK (what IN ('created', 'changed', 'closed', 'withdrawn')),
    at             timestamptz NOT NULL,
    actor          text,
    due_at         timestamptz,
    owner          text,
    received_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (follow_up_uuid, seat_id, seat_version, what)
);
"""
    + "".join(_RLS.format(t=t) for t in ("shift", "call", "crisis_action", "referral", "follow_up", "follow_up_event"))
    + r"""
GRANT SELECT, INSERT, UPDATE ON center.shift, center.call TO @SEATS@;
GRANT SELECT, INSERT, UPDATE, DELETE ON center.crisis_action, center.referral, center.follow_up TO @SEATS@;
GRANT SELECT, INSERT ON center.follow_up_event TO @SEATS@;
GRANT USAGE ON SEQUENCE center.follow_up_event_id_seq TO @SEATS@;

CREATE FUNCTION center.codes(p jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM jsonb_array_elements_text(coalesce(p, '[]')) AS x
$$;

-- Upsert a batch of shift records: a version not newer than the centre's changes nothing.
CREATE FUNCTION center.push_shifts(batch jsonb) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    me int := center.my_seat(); r jsonb; v_done uuid; v_applied int := 0;
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'this seat is not enrolled at the centre' USING ERRCODE = 'HL010';
    END IF;
    FOR r IN SELECT value FROM jsonb_array_elements(batch) LOOP
        v_done := NULL;
        INSERT INTO center.shift AS s (uuid, seat_id, version, lead, started_at, planned_end, ended_at, counselors,
                                       handover_note, automatic)
        VALUES ((r->>'uuid')::uuid, me, (r->>'version')::bigint, r->>'lead', (r->>'started_at')::timestamptz,
                (r->>'planned_end')::timestamptz, (r->>'ended_at')::timestamptz, center.codes(r->'counselors'),
                decode(r->>'handover_note', 'hex'), (r->>'automatic')::boolean)
        ON CONFLICT (uuid) DO UPDATE SET version = EXCLUDED.version, lead = EXCLUDED.lead,
            started_at = EXCLUDED.started_at, planned_end = EXCLUDED.planned_end, ended_at = EXCLUDED.ended_at,
            counselors = EXCLUDED.counselors, handover_note = EXCLUDED.handover_note,
            automatic = EXCLUDED.automatic, received_at = now()
        WHERE s.version < EXCLUDED.version
        RETURNING s.uuid INTO v_done;
        IF v_done IS NOT NULL THEN v_applied := v_applied + 1; END IF;
    END LOOP;
    RETURN v_applied;
END $$;

-- Upsert a batch of call records with their parts; a version not newer than the centre's changes nothing.
CREATE FUNCTION center.push_calls(batch jsonb) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    me int := center.my_seat(); r jsonb; f jsonb; v_done uuid; v_applied int := 0; v_version bigint;
    v_old center.follow_up; v_what text; v_gone uuid;
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'this seat is not enrolled at the centre' USING ERRCODE = 'HL010';
    END IF;
    FOR r IN SELECT value FROM jsonb_array_elements(batch) LOOP
        v_done := NULL;
        v_version := (r->>'version')::bigint;
        INSERT INTO center.call AS c (uuid, seat_id, version, shift_uuid, counselor, started_at, ended_at, kind,
            age_band, gender, region, first_call, case_code, concerns, emotions, interventions, computed_level,
            risk_level, risk_items, summary, supervision_flag)
        VALUES ((r->>'uuid')::uuid, me, v_version, (r->>'shift')::uuid, r->>'counselor',
            (r->>'started_at')::timestamptz, (r->>'ended_at')::timestamptz, r->>'kind', r->>'age_band',
            r->>'gender', r->>'region', (r->>'first_call')::boolean, r->>'case_code', center.codes(r->'concerns'),
            center.codes(r->'emotions'), center.codes(r->'interventions'), r->>'computed_level', r->>'risk_level',
            ARRAY(SELECT jsonb_array_elements_text(r->'risk_items')), decode(r->>'summary', 'hex'),
            (r->>'supervision_flag')::boolean)
        ON CONFLICT (uuid) DO UPDATE SET version = EXCLUDED.version, shift_uuid = EXCLUDED.shift_uuid,
            counselor = EXCLUDED.counselor, started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at,
            kind = EXCLUDED.kind, age_band = EXCLUDED.age_band, gender = EXCLUDED.gender, region = EXCLUDED.region,
            first_call = EXCLUDED.first_call, case_code = EXCLUDED.case_code, concerns = EXCLUDED.concerns,
            emotions = EXCLUDED.emotions, interventions = EXCLUDED.interventions,
            computed_level = EXCLUDED.computed_level, risk_level = EXCLUDED.risk_level,
            risk_items = EXCLUDED.risk_items, summary = EXCLUDED.summary,
            supervision_flag = EXCLUDED.supervision_flag, received_at = now()
        WHERE c.version < EXCLUDED.version
        RETURNING c.uuid INTO v_done;
        CONTINUE WHEN v_done IS NULL;
        v_applied := v_applied + 1;

        DELETE FROM center.crisis_action WHERE call_uuid = v_done;
        INSERT INTO center.crisis_action (call_uuid, n, seat_id, action, at, outcome)
        SELECT v_done, e.n, me, e.v->>'action', (e.v->>'at')::timestamptz, e.v->>'outcome'
        FROM jsonb_array_elements(r->'crisis_actions') WITH ORDINALITY AS e (v, n);

        DELETE FROM center.referral WHERE call_uuid = v_done;
        INSERT INTO center.referral (call_uuid, n, seat_id, kind, urgency, status)
        SELECT v_done, e.n, me, e.v->>'kind', e.v->>'urgency', e.v->>'status'
        FROM jsonb_array_elements(r->'referrals') WITH ORDINALITY AS e (v, n);

        FOR f IN SELECT value FROM jsonb_array_elements(r->'follow_ups') LOOP
            SELECT * INTO v_old FROM center.follow_up WHERE uuid = (f->>'uuid')::uuid;
            v_what := CASE
                WHEN NOT FOUND THEN 'created'
                WHEN v_old.done_at IS NULL AND f->>'done_at' IS NOT NULL THEN 'closed'
                WHEN v_old.due_at IS DISTINCT FROM (f->>'due_at')::timestamptz
                  OR v_old.owner IS DISTINCT FROM f->>'owner' THEN 'changed'
                END;
            INSERT INTO center.follow_up AS x (uuid, call_uuid, seat_id, version, due_at, owner, note, outcome,
                created_at, done_at, done_by)
            VALUES ((f->>'uuid')::uuid, v_done, me, v_version, (f->>'due_at')::timestamptz, f->>'owner',
                decode(f->>'note', 'hex'), decode(f->>'outcome', 'hex'), (f->>'created_at')::timestamptz,
                (f->>'done_at')::timestamptz, f->>'done_by')
            ON CONFLICT (uuid) DO UPDATE SET version = EXCLUDED.version, due_at = EXCLUDED.due_at,
                owner = EXCLUDED.owner, note = EXCLUDED.note, outcome = EXCLUDED.outcome,
                done_at = EXCLUDED.done_at, done_by = EXCLUDED.done_by, received_at = now()
            WHERE x.version < EXCLUDED.version;
            IF v_what IS NOT NULL THEN
                INSERT INTO center.follow_up_event (follow_up_uuid, seat_id, seat_version, what, at, actor, due_at,
                    owner)
                VALUES ((f->>'uuid')::uuid, me, v_version, v_what,
                    coalesce((f->>'done_at')::timestamptz, (f->>'created_at')::timestamptz),
                    f->>'done_by', (f->>'due_at')::timestamptz, f->>'owner')
                ON CONFLICT DO NOTHING;
            END IF;
        END LOOP;
        FOR v_gone IN
            DELETE FROM center.follow_up WHERE call_uuid = v_done AND NOT uuid = ANY (
                ARRAY(SELECT (x->>'uuid')::uuid FROM jsonb_array_elements(r->'follow_ups') AS x))
            RETURNING uuid
        LOOP
            INSERT INTO center.follow_up_event (follow_up_uuid, seat_id, seat_version, what, at)
            VALUES (v_gone, me, v_version, 'withdrawn', now()) ON CONFLICT DO NOTHING;
        END LOOP;
    END LOOP;
    RETURN v_applied;
END $$;
GRANT EXECUTE ON FUNCTION center.push_calls(jsonb), center.push_shifts(jsonb), center.codes(jsonb) TO @SEATS@;
"""
)

# 3: the witness — each seat's audit head at each sync; a head older than the last one seen is refused.
M3_WITNESS = r"""
ALTER TABLE center.seat ADD COLUMN witness_problem text NOT NULL DEFAULT '';
CREATE TABLE center.seat_head (
    seat_id     int NOT NULL REFERENCES center.seat (id),
    seq         bigint NOT NULL,
    hash        text NOT NULL,
    seat_at     timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (seat_id, seq)
);
GRANT SELECT ON center.seat_head TO @SEATS@;

CREATE FUNCTION center.report_head(p_seq bigint, p_hash text, p_at timestamptz) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = center, pg_temp AS $$
DECLARE
    v_seat center.seat; v_last center.seat_head; v_problem text;
BEGIN
    SELECT * INTO v_seat FROM center.seat WHERE role_name = session_user AND state = 'active' FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'this seat is not enrolled at the centre' USING ERRCODE = 'HL010';
    END IF;
    IF v_seat.witness_problem <> '' THEN
        RETURN v_seat.witness_problem;
    END IF;
    SELECT * INTO v_last FROM center.seat_head WHERE seat_id = v_seat.id ORDER BY seq DESC LIMIT 1;
    IF FOUND AND (p_seq < v_last.seq OR (p_seq = v_last.seq AND p_hash <> v_last.hash)) THEN
        v_problem := format('the seat reported audit entry %s, but the centre saw entry %s from it on %s: '
            'the seat''s database was rolled back or replaced', p_seq, v_last.seq,
            to_char(v_last.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'));
        UPDATE center.seat SET witness_problem = v_problem WHERE id = v_seat.id;
        PERFORM center.audit_append('witness.refused', v_seat.name, v_problem);
        RETURN v_problem;
    END IF;
    INSERT INTO center.seat_head (seat_id, seq, hash, seat_at) VALUES (v_seat.id, p_seq, p_hash, p_at)
        ON CONFLICT DO NOTHING;
    RETURN '';
END $$;

CREATE FUNCTION center.mark_synced() RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = center, pg_temp AS $$
    UPDATE center.seat SET last_sync = now() WHERE role_name = session_user AND state = 'active'
$$;
REVOKE ALL ON FUNCTION center.report_head(bigint, text, timestamptz), center.mark_synced() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION center.report_head(bigint, text, timestamptz), center.mark_synced() TO @SEATS@;
"""

# 4: the line (issue 16) — the centre's own shift (one open at a time, whichever seat opens it), every call placed
# in the centre shift of its start (an automatic shift per centre day where no lead opened one), each seat's state
# and clock, follow-up events from any seat (latest wins on the line's clock, all kept), the centre's audit head.
M4_LINE = r"""
CREATE TABLE center.line_shift (
    uuid           uuid PRIMARY KEY,
    lead           text,
    started_at     timestamptz NOT NULL,
    planned_end    timestamptz,
    ended_at       timestamptz,
    counselors     text[] NOT NULL DEFAULT '{}',
    opened_at_seat int REFERENCES center.seat (id),
    closed_at_seat int REFERENCES center.seat (id),
    automatic      boolean NOT NULL,
    handover_note  bytea,
    CHECK (ended_at IS NULL OR ended_at >= started_at),
    CHECK (automatic OR opened_at_seat IS NOT NULL),
    CHECK (NOT automatic OR ended_at IS NOT NULL)
);
-- One open centre shift at a time: of two opens at once, the second waits for the first to commit and then fails
-- this index; open_line_shift answers it with the shift that stands.
CREATE UNIQUE INDEX line_shift_one_open ON center.line_shift ((true)) WHERE ended_at IS NULL;
CREATE INDEX line_shift_by_start ON center.line_shift (started_at) WHERE NOT automatic;
CREATE INDEX line_shift_by_end ON center.line_shift (ended_at) WHERE NOT automatic;

-- Each seat's state as it last reported it (never content) and its clock: seat time + offset = centre time.
CREATE TABLE center.seat_state (
    seat_id        int PRIMARY KEY REFERENCES center.seat (id),
    logged_in      text,
    on_call_since  timestamptz,
    seat_at        timestamptz NOT NULL,
    clock_offset_s double precision NOT NULL DEFAULT 0,
    reported_at    timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE center.line_shift ENABLE ROW LEVEL SECURITY;
ALTER TABLE center.seat_state ENABLE ROW LEVEL SECURITY;
CREATE POLICY line_shift_read ON center.line_shift FOR SELECT TO @SEATS@ USING (true);
CREATE POLICY seat_state_read ON center.seat_state FOR SELECT TO @SEATS@ USING (true);
GRANT SELECT ON center.line_shift, center.seat_state TO @SEATS@;

-- Events from any seat: `line_at` is when it happened on the centre's clock (the seat's time corrected by the
-- seat's clock offset); the latest by it wins. `outcome` is sealed like every free text.
ALTER TABLE center.follow_up_event ADD COLUMN outcome bytea;
ALTER TABLE center.follow_up_event ADD COLUMN line_at timestamptz;
UPDATE center.follow_up_event SET line_at = at;
CREATE INDEX follow_up_event_by_follow_up ON center.follow_up_event (follow_up_uuid, line_at);

CREATE FUNCTION center.clock_offset(p_seat int) RETURNS interval LANGUAGE sql STABLE AS $$
    SELECT make_interval(secs => coalesce((SELECT clock_offset_s FROM center.seat_state WHERE seat_id = p_seat), 0))
$$;

CREATE FUNCTION center.event_line_time() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A record's own change found by push_calls carries no time of its own: it counts when the centre got it.
    NEW.line_at := CASE WHEN NEW.seat_version > 0 AND NEW.what = 'changed' THEN now()
                        ELSE NEW.at + center.clock_offset(NEW.seat_id) END;
    -- The same close or change seen twice (sent as an event, then found again in the record's push): kept once.
    IF NEW.seat_version > 0 AND NEW.what IN ('closed', 'changed') AND EXISTS (
        SELECT 1 FROM center.follow_up_event e WHERE e.follow_up_uuid = NEW.follow_up_uuid AND e.what = NEW.what
           AND e.seat_version < 0 AND e.actor IS NOT DISTINCT FROM NEW.actor
           AND (NEW.what = 'changed' AND e.due_at IS NOT DISTINCT FROM NEW.due_at
                AND e.owner IS NOT DISTINCT FROM NEW.owner OR NEW.what = 'closed' AND e.at = NEW.at)) THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER follow_up_event_line_time BEFORE INSERT ON center.follow_up_event
    FOR EACH ROW EXECUTE FUNCTION center.event_line_time();

-- The centre shift holding a moment of a seat (its clock corrected): the lead's shift open then, else the
-- automatic shift of that centre day (made on first use).
CREATE FUNCTION center.line_shift_at(p_seat int, p_at timestamptz) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = center, pg_temp AS $$
DECLARE
    v_at timestamptz := p_at + center.clock_offset(p_seat); v_uuid uuid; v_day date; v_zone text;
BEGIN
    SELECT uuid INTO v_uuid FROM center.line_shift WHERE NOT automatic AND started_at <= v_at
        AND (ended_at IS NULL OR v_at < ended_at) ORDER BY started_at DESC LIMIT 1;
    IF FOUND THEN
        RETURN v_uuid;
    END IF;
    v_zone := coalesce((SELECT value FROM center.meta WHERE key = 'zone'), 'Asia/Shanghai');
    v_day := (v_at AT TIME ZONE v_zone)::date;
    v_uuid := md5('hotline-log automatic centre shift ' || v_day::text)::uuid;
    INSERT INTO center.line_shift (uuid, started_at, ended_at, automatic)
    VALUES (v_uuid, v_day::timestamp AT TIME ZONE v_zone, (v_day + 1)::timestamp AT TIME ZONE v_zone, true)
    ON CONFLICT (uuid) DO NOTHING;
    RETURN v_uuid;
END $$;

ALTER TABLE center.call ADD COLUMN line_shift uuid;
CREATE INDEX call_by_line_shift ON center.call (line_shift, started_at);
CREATE FUNCTION center.place_call() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.line_shift := center.line_shift_at(NEW.seat_id, NEW.started_at);
    RETURN NEW;
END $$;
CREATE TRIGGER call_in_line_shift BEFORE INSERT OR UPDATE OF started_at ON center.call
    FOR EACH ROW EXECUTE FUNCTION center.place_call();
UPDATE center.call SET line_shift = center.line_shift_at(seat_id, started_at);

-- Calls near a shift's opening or closing placed again (a seat's clock, a late push).
CREATE FUNCTION center.place_calls_from(p_from timestamptz) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = center, pg_temp AS $$
    UPDATE center.call c SET line_shift = center.line_shift_at(c.seat_id, c.started_at)
    WHERE c.started_at >= p_from - interval '1 day'
      AND c.line_shift IS DISTINCT FROM center.line_shift_at(c.seat_id, c.started_at)
$$;

CREATE FUNCTION center.seat_of_session() RETURNS int LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = center, pg_temp AS $$
    SELECT id FROM center.seat WHERE role_name = session_user AND state = 'active'
$$;

-- A lead opens the centre's shift from any seat: the shift that is open afterwards (this one, or the one another
-- seat opened first).
CREATE FUNCTION center.open_line_shift(p_uuid uuid, p_lead text, p_counselors text[], p_planned_end timestamptz)
RETURNS uuid LANGUAGE plpgsql SECURITY DEFINER SET search_path = center, pg_temp AS $$
DECLARE
    me int := center.seat_of_session(); v_open uuid;
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'this seat is not enrolled at the centre' USING ERRCODE = 'HL010';
    END IF;
    BEGIN
        INSERT INTO center.line_shift (uuid, lead, started_at, planned_end, counselors, opened_at_seat, automatic)
        VALUES (p_uuid, p_lead, now(), p_planned_end, coalesce(p_counselors, '{}'), me, false);
    EXCEPTION WHEN unique_violation THEN
        SELECT uuid INTO v_open FROM center.line_shift WHERE ended_at IS NULL;
        RETURN v_open;
    END;
    PERFORM center.place_calls_from(now());
    PERFORM center.audit_append('line_shift.opened', p_uuid::text, coalesce(p_lead, ''));
    RETURN p_uuid;
END $$;

CREATE FUNCTION center.close_line_shift(p_uuid uuid, p_note bytea) RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER SET search_path = center, pg_temp AS $$
DECLARE
    me int := center.seat_of_session(); v_end timestamptz;
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'this seat is not enrolled at the centre' USING ERRCODE = 'HL010';
    END IF;
    UPDATE center.line_shift SET ended_at = greatest(now(), started_at), handover_note = p_note, closed_at_seat = me
        WHERE uuid = p_uuid AND ended_at IS NULL AND NOT automatic RETURNING ended_at INTO v_end;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'this centre shift is not open' USING ERRCODE = 'HL020';
    END IF;
    PERFORM center.place_calls_from(v_end);
    PERFORM center.audit_append('line_shift.closed', p_uuid::text, '');
    RETURN v_end;
END $$;

-- A seat's light heartbeat (state only, never content) and its clock; returns the offset found, in seconds.
CREATE FUNCTION center.report_state(p_logged_in text, p_on_call_since timestamptz, p_seat_now timestamptz)
RETURNS double precision LANGUAGE plpgsql SECURITY DEFINER SET search_path = center, pg_temp AS $$
DECLARE
    me int := center.seat_of_session(); v_offset double precision;
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'this seat is not enrolled at the centre' USING ERRCODE = 'HL010';
    END IF;
    v_offset := round(extract(epoch FROM clock_timestamp() - p_seat_now)::numeric, 1);
    INSERT INTO center.seat_state AS s (seat_id, logged_in, on_call_since, seat_at, clock_offset_s, reported_at)
    VALUES (me, p_logged_in, p_on_call_since, p_seat_now, v_offset, now())
    ON CONFLICT (seat_id) DO UPDATE SET logged_in = EXCLUDED.logged_in, on_call_since = EXCLUDED.on_call_since,
        seat_at = EXCLUDED.seat_at, clock_offset_s = EXCLUDED.clock_offset_s, reported_at = now();
    RETURN v_offset;
END $$;

CREATE FUNCTION center.audit_head() RETURNS TABLE (seq bigint, hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = center, pg_temp AS $$
    SELECT seq, hash FROM center.audit ORDER BY seq DESC LIMIT 1
$$;

REVOKE ALL ON FUNCTION center.line_shift_at(int, timestamptz), center.place_calls_from(timestamptz),
    center.seat_of_session(), center.open_line_shift(uuid, text, text[], timestamptz),
    center.close_line_shift(uuid, bytea), center.report_state(text, timestamptz, timestamptz), center.audit_head()
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION center.line_shift_at(int, timestamptz),
    center.open_line_shift(uuid, text, text[], timestamptz), center.close_line_shift(uuid, bytea),
    center.report_state(text, timestamptz, timestamptz), center.audit_head()
    TO @SEATS@;
"""
