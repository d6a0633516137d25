-- SageConnect's companies (co_…): a tenant's Sage 300 companies, each synced with its Focaltec
-- portal account. config holds everything but the secrets (portal key and secret, SQL password),
-- which are one sealed JSON object in secrets (vault purpose SYNC_COMPANY_SECRETS). version moves
-- on with every change, so each node's SQL pools know when they are stale.
create table sync_companies (
    id          bigint generated always as identity primary key,
    public_id   text        not null unique check (public_id like 'co\_%'),
    tenant_id   bigint      not null references tenants (id),
    name        text        not null check (length(name) between 1 and 200),
    config      jsonb       not null,
    secrets     text        not null,
    enabled     boolean     not null,
    version     bigint      not null default 1,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create unique index sync_companies_name on sync_companies (tenant_id, lower(name));
create index sync_companies_tenant on sync_companies (tenant_id, id);
alter table sync_companies enable row level security;
create policy tenant_isolation on sync_companies
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
-- update: edits, and the vault's key rotation re-seals secrets.
grant select, insert, update on sync_companies to ${app_role};
