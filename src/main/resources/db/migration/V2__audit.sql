-- Kernel: the audit log. Append-only for ${app_role}: it may INSERT and SELECT, never UPDATE,
-- DELETE or TRUNCATE, so the database itself refuses to rewrite history. Only the owner (the
-- `gatehouse audit prune` command) deletes, and it records an anchor so the rest still verifies.

-- One row per event. tenant_id null = a platform (operator/system) event, visible only in the
-- system scope through gatehouse_tenant_visible.
create table audit_events (
    id              bigint generated always as identity primary key,
    public_id       text        not null unique check (public_id ~ '^evt_[0-9a-z]{26}$'),
    tenant_id       bigint      references tenants (id),
    occurred_at     timestamptz not null,
    ref             text        check (length(ref) between 1 and 64),
    actor_type      text        not null check (actor_type in ('api_key', 'user', 'credential', 'operator', 'system')),
    actor_id        text        not null check (length(actor_id) between 1 and 200),
    actor_label     text        check (length(actor_label) <= 200),
    action          text        not null check (length(action) <= 100 and action ~ '^[a-z_]+(\.[a-z_]+)+$'),
    target_type     text        check (length(target_type) between 1 and 64),
    target_id       text        check (length(target_id) between 1 and 200),
    decision        text        check (decision in ('allow', 'deny')),
    reason          text        check (length(reason) <= 500),
    ip              text        check (length(ip) <= 64),
    user_agent      text        check (length(user_agent) <= 512),
    details         jsonb       not null default '{}'::jsonb,
    check ((target_type is null) = (target_id is null))
);

-- Query filters: every query is per tenant, newest first by id.
create index audit_events_tenant_id on audit_events (tenant_id, id);
create index audit_events_tenant_time on audit_events (tenant_id, occurred_at, id);
create index audit_events_tenant_action on audit_events (tenant_id, action, id);
create index audit_events_tenant_actor on audit_events (tenant_id, actor_id, id);
create index audit_events_tenant_target on audit_events (tenant_id, target_id, id) where target_id is not null;
create index audit_events_tenant_ref on audit_events (tenant_id, ref) where ref is not null;

alter table audit_events enable row level security;
create policy tenant_isolation on audit_events
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert on audit_events to ${app_role};

-- The hash chain, one per tenant plus the platform chain (chain_key 0). Written by the sealer in
-- the background, so inserting an event takes no lock. No foreign key to audit_events on purpose:
-- a deleted event leaves its link behind, and verification names it.
-- hash = SHA-256(prev_hash || canonical bytes of the event row); the first link's prev_hash is
-- 32 zero bytes, or the hash of the latest anchor after a prune.
create table audit_chain (
    event_id        bigint      primary key,
    public_id       text        not null,
    tenant_id       bigint,
    chain_key       bigint      not null generated always as (coalesce(tenant_id, 0)) stored,
    seq             bigint      not null check (seq > 0),
    prev_hash       bytea       not null check (length(prev_hash) = 32),
    hash            bytea       not null check (length(hash) = 32),
    sealed_at       timestamptz not null,
    unique (chain_key, seq)
);

alter table audit_chain enable row level security;
create policy tenant_isolation on audit_chain
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert on audit_chain to ${app_role};

-- Where a pruned chain now starts: verification begins after (seq, hash). Written only by the owner.
create table audit_chain_anchors (
    chain_key       bigint      not null,
    tenant_id       bigint,
    seq             bigint      not null check (seq > 0),
    hash            bytea       not null check (length(hash) = 32),
    pruned_before   timestamptz not null,
    created_at      timestamptz not null,
    primary key (chain_key, seq)
);

alter table audit_chain_anchors enable row level security;
create policy tenant_isolation on audit_chain_anchors
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select on audit_chain_anchors to ${app_role};
