"""The SQL of the centre's migration 6, the line (issue 16), kept apart from the earlier ones
(desktop.center.schema_sql) for its size. `@SEATS@` is the centre's group role. Released migrations are never
edited.
"""

# 6: the line (issue 16) — the centre's own shift (one open at a time, whichever seat opens it), every call placed
# in the centre shift of its start (an automatic 8-hour shift where no lead opened one), each seat's state
# and clock, follow-up events from any seat (latest wins on the line's clock, all kept), the centre's audit head.
M6_LINE = r"""
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
    -- Nothing happened later than the centre received it: a clock that ran ahead after its last report cannot
    -- make a change win for ever.
    NEW.line_at := CASE WHEN NEW.seat_version > 0 AND NEW.what = 'changed' THEN now()
                        ELSE least(NEW.at + center.clock_offset(NEW.seat_id), now()) END;
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
-- automatic shift of its window — as at a seat, the day cut into 8-hour blocks from midnight (00–08, 08–16,
-- 16–24) in the centre's zone — made on first use.
CREATE FUNCTION center.line_shift_at(p_seat int, p_at timestamptz) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = center, pg_temp AS $$
DECLARE
    v_at timestamptz := p_at + center.clock_offset(p_seat); v_uuid uuid; v_zone text; v_local timestamp;
    v_start timestamp;
BEGIN
    SELECT uuid INTO v_uuid FROM center.line_shift WHERE NOT automatic AND started_at <= v_at
        AND (ended_at IS NULL OR v_at < ended_at) ORDER BY started_at DESC LIMIT 1;
    IF FOUND THEN
        RETURN v_uuid;
    END IF;
    v_zone := coalesce((SELECT value FROM center.meta WHERE key = 'zone'), 'Asia/Shanghai');
    v_local := v_at AT TIME ZONE v_zone;
    v_start := date_trunc('day', v_local) + make_interval(hours => extract(hour FROM v_local)::int / 8 * 8);
    v_uuid := md5('hotline-log automatic centre shift ' || v_start::text)::uuid;
    INSERT INTO center.line_shift (uuid, started_at, ended_at, automatic)
    VALUES (v_uuid, v_start AT TIME ZONE v_zone, (v_start + interval '8 hours') AT TIME ZONE v_zone, true)
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

# A report's trip to the centre is part of the offset it measures: on a loaded machine or network some tenths
# of a second, which once ordered two changes made milliseconds apart at two seats with right clocks the wrong
# way round. A seat whose clock is right to within a second is taken as right; a clock off by more (the hour
# a seat's zone setting can put it off) is corrected as before. Two changes at two seats a second or two
# apart may so be ordered either way: for the people making them, they were made at the same time.
M7_CLOCKS = r"""
CREATE OR REPLACE FUNCTION center.report_state(p_logged_in text, p_on_call_since timestamptz, p_seat_now timestamptz)
RETURNS double precision LANGUAGE plpgsql SECURITY DEFINER SET search_path = center, pg_temp AS $$
DECLARE
    me int := center.seat_of_session(); v_offset double precision;
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'this seat is not enrolled at the centre' USING ERRCODE = 'HL010';
    END IF;
    v_offset := round(extract(epoch FROM clock_timestamp() - p_seat_now)::numeric, 1);
    IF abs(v_offset) < 1 THEN
        v_offset := 0;
    END IF;
    INSERT INTO center.seat_state AS s (seat_id, logged_in, on_call_since, seat_at, clock_offset_s, reported_at)
    VALUES (me, p_logged_in, p_on_call_since, p_seat_now, v_offset, now())
    ON CONFLICT (seat_id) DO UPDATE SET logged_in = EXCLUDED.logged_in, on_call_since = EXCLUDED.on_call_since,
        seat_at = EXCLUDED.seat_at, clock_offset_s = EXCLUDED.clock_offset_s, reported_at = now();
    RETURN v_offset;
END $$;
UPDATE center.seat_state SET clock_offset_s = 0 WHERE abs(clock_offset_s) < 1;
"""
