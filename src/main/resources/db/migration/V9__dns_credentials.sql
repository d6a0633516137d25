-- Delegated DNS: a tenant's credentials for writing a connection's records at its DNS provider.
-- config holds the non-secret fields only; secret is sealed by the vault (DNS_CREDENTIALS, under
-- CREDENTIAL_ENC_KEY), bound to the tenant, this table and column, and public_id. Deleting a
-- credential deletes the row: nothing sealed is kept once the tenant no longer wants it.
create table dns_credentials (
    id                  bigint generated always as identity primary key,
    public_id           text        not null unique,
    tenant_id           bigint      not null references tenants (id),
    name                text        not null check (length(name) between 1 and 200),
    provider            text        not null check (provider in ('rfc2136', 'cloudflare')),
    config              jsonb       not null,
    secret              text        not null,
    created_at          timestamptz not null
);
create index dns_credentials_tenant on dns_credentials (tenant_id, id);

alter table dns_credentials enable row level security;
create policy tenant_isolation on dns_credentials
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
-- update: the vault's key rotation re-seals the secret column.
grant select, insert, update, delete on dns_credentials to ${app_role};
