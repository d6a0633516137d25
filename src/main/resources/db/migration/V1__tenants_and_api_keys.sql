-- Kernel: tenants, API keys, and the row-level security that backs every tenant table.
-- Runs as the database owner. Requests run as ${app_role}: not the owner, no BYPASSRLS.

-- The one predicate every tenant table's policy uses. A transaction bound to a tenant sets
-- gatehouse.tenant_id; one opened in the system scope sets gatehouse.system. With neither
-- set, nothing is visible.
create function gatehouse_tenant_visible(row_tenant bigint) returns boolean
    language sql stable parallel safe
as $$
    select coalesce(current_setting('gatehouse.system', true) = 'on', false)
        or coalesce(row_tenant = nullif(current_setting('gatehouse.tenant_id', true), '')::bigint, false)
$$;

create table tenants (
    id              bigint generated always as identity primary key,
    public_id       text        not null unique,
    name            text        not null check (length(name) between 1 and 200),
    slug            text        not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    status          text        not null default 'active' check (status in ('active', 'suspended')),
    plan            text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

alter table tenants enable row level security;
create policy tenant_isolation on tenants
    using (gatehouse_tenant_visible(id)) with check (gatehouse_tenant_visible(id));
grant select, insert, update on tenants to ${app_role};

-- Operator keys have no tenant (tenant_id is null) and are visible only in the system scope.
create table api_keys (
    id              bigint generated always as identity primary key,
    public_id       text        not null unique,
    tenant_id       bigint      references tenants (id),
    name            text        not null check (length(name) between 1 and 200),
    hash            bytea       not null unique,
    last4           text        not null,
    scopes          text[]      not null,
    created_by      text,
    created_at      timestamptz not null,
    expires_at      timestamptz,
    revoked_at      timestamptz,
    last_used_at    timestamptz
);
create index api_keys_tenant on api_keys (tenant_id, id);

alter table api_keys enable row level security;
create policy tenant_isolation on api_keys
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update on api_keys to ${app_role};

-- Facts about the installation itself (for example, that the first-boot bootstrap ran).
create table installation_facts (
    name            text        primary key,
    value           text        not null,
    recorded_at     timestamptz not null
);
grant select, insert on installation_facts to ${app_role};
