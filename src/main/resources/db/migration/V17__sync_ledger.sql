-- SageConnect's ledger: every purchase order and payment sent to the portal, one row per
-- (company, kind, Sage key), so two nodes or two overlapping runs can never send one twice. A
-- sender first claims the row (state 'sending' with its token and a lease); only the claimant
-- records the outcome. After a failed or unanswered attempt the item waits next_attempt_at and
-- the portal is asked whether it already has it before any resend. source says how 'sent' was
-- learned: our own send, SageConnect's FESA history, or the portal's answer to a lookup.
create table sync_ledger (
    id               bigint generated always as identity primary key,
    tenant_id        bigint      not null references tenants (id),
    company_id       bigint      not null references sync_companies (id),
    kind             text        not null check (kind in ('purchase_order', 'payment')),
    sage_key         text        not null check (length(sage_key) between 1 and 50),
    state            text        not null
        check (state in ('sending', 'sent', 'failed', 'unanswered')),
    source           text        check (source in ('gatehouse', 'fesa', 'portal')),
    portal_id        text        check (length(portal_id) <= 64),
    attempts         integer     not null default 0 check (attempts >= 0),
    last_error       text        check (length(last_error) <= 1000),
    claim_token      text,
    claimed_until    timestamptz,
    next_attempt_at  timestamptz,
    first_seen_at    timestamptz not null,
    last_attempt_at  timestamptz,
    sent_at          timestamptz,
    updated_at       timestamptz not null,
    unique (company_id, kind, sage_key),
    check (state <> 'sending' or (claim_token is not null and claimed_until is not null)),
    check (state <> 'sent' or source is not null)
);
create index sync_ledger_listing on sync_ledger (tenant_id, kind, id);
alter table sync_ledger enable row level security;
create policy tenant_isolation on sync_ledger
    using (gatehouse_tenant_visible(tenant_id)) with check (gatehouse_tenant_visible(tenant_id));
grant select, insert, update on sync_ledger to ${app_role};
