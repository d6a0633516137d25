-- Portal sessions: stored in PostgreSQL so any node serves any user and sign-out is immediate
-- everywhere. The cookie carries a random token; only its SHA-256 is stored.
create table portal_sessions (
    id              bigint generated always as identity primary key,
    token_hash      bytea       not null unique,
    tenant_id       bigint      not null references tenants (id),
    user_public_id  text        not null,
    csrf_token      text        not null,
    created_at      timestamptz not null,
    last_seen_at    timestamptz not null,
    expires_at      timestamptz not null
);
create index portal_sessions_user on portal_sessions (tenant_id, user_public_id);

alter table portal_sessions enable row level security;
create policy tenant_isolation on portal_sessions
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update, delete on portal_sessions to ${app_role};
