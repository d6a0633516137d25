-- Rate-limit token buckets shared by every node (Bucket4j, SELECT ... FOR UPDATE).
-- id: "<limit>:<subject>", e.g. "ip:ip:203.0.113.9"; state: Bucket4j's serialized bucket;
-- expires_at: epoch millis after which the bucket would be full again (rows then purged).
create table rate_limit_buckets (
    id         text primary key,
    state      bytea,
    expires_at bigint
);

create index rate_limit_buckets_expires_at_idx on rate_limit_buckets (expires_at);

grant select, insert, update, delete on rate_limit_buckets to ${app_role};
