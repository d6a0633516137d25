-- Kernel: the client's correlation id, kept apart from the server's ref. `ref` is always the id
-- Gatehouse generated for the request (`req_…`); a client's `X-Request-Id` is only recorded here,
-- redacted like any other field, so it can neither pose as a ref nor carry a secret into the trail.
-- Null for events recorded outside a request, for requests without an acceptable X-Request-Id, and
-- for every event stored before this migration (their chain hashes stay as they were: see
-- ChainHash). The table-level grants of V2 (select, insert) cover the new column.
alter table audit_events
    add column correlation_id text check (length(correlation_id) between 1 and 64);
