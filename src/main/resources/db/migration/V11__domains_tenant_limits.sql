-- Connect Domain's per-tenant connection limit moves out of the kernel's tenants table into a table
-- Connect Domain owns (dev.gatehouse.domains.ConnectionLimits is its only reader and writer).
-- New tenants get DOMAINS_DEFAULT_MAX_CONNECTIONS when they are created; a tenant without a row
-- (written around the service) has the setting's documented default, 100, like the column had.

create table domain_tenant_limits (
    tenant_id           bigint      primary key references tenants (id),
    max_connections     integer     not null default 100
                        check (max_connections between 0 and 1000000)
);

insert into domain_tenant_limits (tenant_id, max_connections)
    select id, max_connections from tenants;

alter table domain_tenant_limits enable row level security;
create policy tenant_isolation on domain_tenant_limits
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update on domain_tenant_limits to ${app_role};

alter table tenants drop column max_connections;
