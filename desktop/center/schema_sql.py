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

# 4: counts kept as the calls arrive — per UTC hour, section and code — so a month's statistics read a few
# thousand rows instead of every call of the month (DESIGN.md §10: a month over 10,000,000 calls under 1 s).
# Statement triggers keep them exact in the transaction of every change to a call, a crisis action or a referral
# (inserted, changed by a newer version, removed), whoever writes it; each statement adds its deltas in key order.
# A crisis action or referral remembers the hour of its call, so removing it subtracts where it was added.
M4_COUNTS = r"""
CREATE TABLE center.call_count (
    hour    timestamptz NOT NULL,
    section text NOT NULL,
    key     text NOT NULL,
    n       bigint NOT NULL,
    PRIMARY KEY (hour, section, key)
);
GRANT SELECT ON center.call_count TO @SEATS@;

ALTER TABLE center.crisis_action ADD COLUMN call_hour timestamptz;
ALTER TABLE center.referral ADD COLUMN call_hour timestamptz;

CREATE FUNCTION center.hour_of(t timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
    SELECT date_trunc('hour', t, 'UTC')
$$;

-- What one call adds to the counts: (section, key) pairs; the same rules as desktop.center.stats's live count.
CREATE FUNCTION center.call_keys(kind text, age_band text, gender text, region text, computed_level text,
                                 risk_level text, concerns text[], emotions text[])
RETURNS TABLE (section text, key text) LANGUAGE sql IMMUTABLE AS $$
    SELECT 'calls', ''
    UNION ALL SELECT 'kind', coalesce(nullif(kind, ''), 'unknown')
    UNION ALL SELECT 'age_band', coalesce(nullif(age_band, ''), 'unknown')
    UNION ALL SELECT 'gender', coalesce(nullif(gender, ''), 'unknown')
    UNION ALL SELECT 'region', coalesce(nullif(region, ''), 'unknown')
    UNION ALL SELECT 'risk_level', CASE WHEN computed_level IS NULL AND risk_level = 'none' THEN 'not_assessed'
                                        ELSE coalesce(nullif(risk_level, ''), 'unknown') END
    UNION ALL SELECT 'concern', x FROM unnest(concerns) AS x
    UNION ALL SELECT DISTINCT 'concern_group', split_part(x, '.', 1) FROM unnest(concerns) AS x
    UNION ALL SELECT 'emotion', x FROM unnest(emotions) AS x
$$;

-- Each trigger adds its statement's deltas in one upsert, in key order; a push that still meets another in a
-- deadlock is tried again by the seat (desktop.center.sync).
CREATE FUNCTION center.count_calls() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = center, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO center.call_count AS k (hour, section, key, n)
        SELECT center.hour_of(c.started_at), x.section, x.key, count(*) FROM new_rows c, @KEYS@ x
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (hour, section, key) DO UPDATE SET n = k.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO center.call_count AS k (hour, section, key, n)
        SELECT center.hour_of(c.started_at), x.section, x.key, -count(*) FROM old_rows c, @KEYS@ x
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (hour, section, key) DO UPDATE SET n = k.n + EXCLUDED.n;
    ELSE
        INSERT INTO center.call_count AS k (hour, section, key, n)
        SELECT hour, section, key, sum(n) FROM (
            SELECT center.hour_of(c.started_at) AS hour, x.section, x.key, -1 AS n
            FROM old_rows c, @KEYS@ x
            UNION ALL
            SELECT center.hour_of(c.started_at), x.section, x.key, 1 FROM new_rows c, @KEYS@ x
        ) t GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3
        ON CONFLICT (hour, section, key) DO UPDATE SET n = k.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;

-- A crisis action counts under its action, a referral under its kind, at the hour of their call.
CREATE FUNCTION center.count_parts() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = center, pg_temp AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        EXECUTE format(
            'INSERT INTO center.call_count AS k (hour, section, key, n) SELECT call_hour, %L, %I, count(*)'
            ' FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3'
            ' ON CONFLICT (hour, section, key) DO UPDATE SET n = k.n + EXCLUDED.n', TG_TABLE_NAME, TG_ARGV[0]);
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        EXECUTE format(
            'INSERT INTO center.call_count AS k (hour, section, key, n) SELECT call_hour, %L, %I, -count(*)'
            ' FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3'
            ' ON CONFLICT (hour, section, key) DO UPDATE SET n = k.n + EXCLUDED.n', TG_TABLE_NAME, TG_ARGV[0]);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION center.part_hour() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = center, pg_temp AS $$
BEGIN
    NEW.call_hour := (SELECT center.hour_of(started_at) FROM center.call WHERE uuid = NEW.call_uuid);
    RETURN NEW;
END $$;

UPDATE center.crisis_action a SET call_hour = center.hour_of(c.started_at) FROM center.call c
    WHERE c.uuid = a.call_uuid;
UPDATE center.referral r SET call_hour = center.hour_of(c.started_at) FROM center.call c WHERE c.uuid = r.call_uuid;
ALTER TABLE center.crisis_action ALTER COLUMN call_hour SET NOT NULL;
ALTER TABLE center.referral ALTER COLUMN call_hour SET NOT NULL;

INSERT INTO center.call_count (hour, section, key, n)
SELECT hour, section, key, sum(n) FROM (
    SELECT center.hour_of(c.started_at) AS hour, k.section, k.key, 1 AS n FROM center.call c, @KEYS@ k
    UNION ALL SELECT call_hour, 'crisis_action', action, 1 FROM center.crisis_action
    UNION ALL SELECT call_hour, 'referral', kind, 1 FROM center.referral
) t GROUP BY 1, 2, 3;

CREATE TRIGGER crisis_action_hour BEFORE INSERT ON center.crisis_action
    FOR EACH ROW EXECUTE FUNCTION center.part_hour();
CREATE TRIGGER referral_hour BEFORE INSERT ON center.referral FOR EACH ROW EXECUTE FUNCTION center.part_hour();
CREATE TRIGGER call_counted_insert AFTER INSERT ON center.call REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION center.count_calls();
CREATE TRIGGER call_counted_update AFTER UPDATE ON center.call REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION center.count_calls();
CREATE TRIGGER call_counted_delete AFTER DELETE ON center.call REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION center.count_calls();
CREATE TRIGGER crisis_action_counted_insert AFTER INSERT ON center.crisis_action REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION center.count_parts('action');
CREATE TRIGGER crisis_action_counted_delete AFTER DELETE ON center.crisis_action REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION center.count_parts('action');
CREATE TRIGGER crisis_action_counted_update AFTER UPDATE ON center.crisis_action
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION center.count_parts('action');
CREATE TRIGGER referral_counted_insert AFTER INSERT ON center.referral REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION center.count_parts('kind');
CREATE TRIGGER referral_counted_delete AFTER DELETE ON center.referral REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION center.count_parts('kind');
CREATE TRIGGER referral_counted_update AFTER UPDATE ON center.referral
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION center.count_parts('kind');

-- by_seat and talk time are counted from the calls themselves, from this index alone (no table pages).
CREATE INDEX call_by_start_seat_end ON center.call (started_at, seat_id) INCLUDE (ended_at);
DROP INDEX center.call_by_start_seat;
"""
M4_COUNTS = M4_COUNTS.replace(
    "@KEYS@",
    "center.call_keys(c.kind, c.age_band, c.gender, c.region, c.computed_level, c.risk_level, c.concerns, c.emotions)",
)

# 5: the line's referral directory. An entry is the line's by (name, kind, region); any enrolled seat publishes
# its admins' changes through center.push_directory, the newest change of an entry wins (a tie keeps the first),
# and every seat pulls the whole directory (public services: names, phones, hours; never anything of a caller).
M5_DIRECTORY = r"""
CREATE TABLE center.directory (
    name        text NOT NULL,
    kind        text NOT NULL,
    region      text NOT NULL,
    phone       text NOT NULL DEFAULT '',
    hours       text NOT NULL DEFAULT '',
    notes       text NOT NULL DEFAULT '',
    retired     boolean NOT NULL,
    changed_at  timestamptz NOT NULL,
    seat_id     int NOT NULL REFERENCES center.seat (id),
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, kind, region)
);
GRANT SELECT ON center.directory TO @SEATS@;

CREATE FUNCTION center.push_directory(batch jsonb) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = center, pg_temp AS $$
DECLARE
    me int := (SELECT id FROM center.seat WHERE role_name = session_user AND state = 'active');
    r jsonb; v_done text; v_applied int := 0;
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'this seat is not enrolled at the centre' USING ERRCODE = 'HL010';
    END IF;
    FOR r IN SELECT value FROM jsonb_array_elements(batch) ORDER BY value->>'name', value->>'kind', value->>'region'
    LOOP
        v_done := NULL;
        INSERT INTO center.directory AS d (name, kind, region, phone, hours, notes, retired, changed_at, seat_id)
        VALUES (r->>'name', r->>'kind', r->>'region', coalesce(r->>'phone', ''), coalesce(r->>'hours', ''),
                coalesce(r->>'notes', ''), (r->>'retired')::boolean, (r->>'changed_at')::timestamptz, me)
        ON CONFLICT (name, kind, region) DO UPDATE SET
            phone = coalesce(r->>'phone', d.phone), hours = coalesce(r->>'hours', d.hours),
            notes = coalesce(r->>'notes', d.notes), retired = EXCLUDED.retired, changed_at = EXCLUDED.changed_at,
            seat_id = me, received_at = now()
        WHERE d.changed_at < EXCLUDED.changed_at
        RETURNING d.name INTO v_done;
        IF v_done IS NOT NULL THEN v_applied := v_applied + 1; END IF;
    END LOOP;
    RETURN v_applied;
END $$;
REVOKE ALL ON FUNCTION center.push_directory(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION center.push_directory(jsonb) TO @SEATS@;
"""
