--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: gatehouse_tenant_visible(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.gatehouse_tenant_visible(row_tenant bigint) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    select coalesce(current_setting('gatehouse.system', true) = 'on', false)
        or coalesce(row_tenant = nullif(current_setting('gatehouse.tenant_id', true), '')::bigint, false)
$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: api_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_keys (
    id bigint NOT NULL,
    public_id text NOT NULL,
    tenant_id bigint,
    name text NOT NULL,
    hash bytea NOT NULL,
    last4 text NOT NULL,
    scopes text[] NOT NULL,
    created_by text,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone,
    revoked_at timestamp with time zone,
    last_used_at timestamp with time zone,
    CONSTRAINT api_keys_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200)))
);


--
-- Name: api_keys_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.api_keys ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.api_keys_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: audit_chain; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_chain (
    event_id bigint NOT NULL,
    public_id text NOT NULL,
    tenant_id bigint,
    chain_key bigint GENERATED ALWAYS AS (COALESCE(tenant_id, (0)::bigint)) STORED NOT NULL,
    seq bigint NOT NULL,
    prev_hash bytea NOT NULL,
    hash bytea NOT NULL,
    sealed_at timestamp with time zone NOT NULL,
    CONSTRAINT audit_chain_hash_check CHECK ((length(hash) = 32)),
    CONSTRAINT audit_chain_prev_hash_check CHECK ((length(prev_hash) = 32)),
    CONSTRAINT audit_chain_seq_check CHECK ((seq > 0))
);


--
-- Name: audit_chain_anchors; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_chain_anchors (
    chain_key bigint NOT NULL,
    tenant_id bigint,
    seq bigint NOT NULL,
    hash bytea NOT NULL,
    pruned_before timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT audit_chain_anchors_hash_check CHECK ((length(hash) = 32)),
    CONSTRAINT audit_chain_anchors_seq_check CHECK ((seq > 0))
);


--
-- Name: audit_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_events (
    id bigint NOT NULL,
    public_id text NOT NULL,
    tenant_id bigint,
    occurred_at timestamp with time zone NOT NULL,
    ref text,
    actor_type text NOT NULL,
    actor_id text NOT NULL,
    actor_label text,
    action text NOT NULL,
    target_type text,
    target_id text,
    decision text,
    reason text,
    ip text,
    user_agent text,
    details jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT audit_events_action_check CHECK (((length(action) <= 100) AND (action ~ '^[a-z_]+(\.[a-z_]+)+$'::text))),
    CONSTRAINT audit_events_actor_id_check CHECK (((length(actor_id) >= 1) AND (length(actor_id) <= 200))),
    CONSTRAINT audit_events_actor_label_check CHECK ((length(actor_label) <= 200)),
    CONSTRAINT audit_events_actor_type_check CHECK ((actor_type = ANY (ARRAY['api_key'::text, 'user'::text, 'credential'::text, 'operator'::text, 'system'::text]))),
    CONSTRAINT audit_events_check CHECK (((target_type IS NULL) = (target_id IS NULL))),
    CONSTRAINT audit_events_decision_check CHECK ((decision = ANY (ARRAY['allow'::text, 'deny'::text]))),
    CONSTRAINT audit_events_ip_check CHECK ((length(ip) <= 64)),
    CONSTRAINT audit_events_public_id_check CHECK ((public_id ~ '^evt_[0-9a-z]{26}$'::text)),
    CONSTRAINT audit_events_reason_check CHECK ((length(reason) <= 500)),
    CONSTRAINT audit_events_ref_check CHECK (((length(ref) >= 1) AND (length(ref) <= 64))),
    CONSTRAINT audit_events_target_id_check CHECK (((length(target_id) >= 1) AND (length(target_id) <= 200))),
    CONSTRAINT audit_events_target_type_check CHECK (((length(target_type) >= 1) AND (length(target_type) <= 64))),
    CONSTRAINT audit_events_user_agent_check CHECK ((length(user_agent) <= 512))
);


--
-- Name: audit_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.audit_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.audit_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: cache_invalidation_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.cache_invalidation_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: cluster_nodes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cluster_nodes (
    node_id text NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    heartbeat_at timestamp with time zone DEFAULT now() NOT NULL,
    seen_invalidation bigint DEFAULT 0 NOT NULL
);


--
-- Name: dns_credentials; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dns_credentials (
    id bigint NOT NULL,
    public_id text NOT NULL,
    tenant_id bigint NOT NULL,
    name text NOT NULL,
    provider text NOT NULL,
    config jsonb NOT NULL,
    secret text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT dns_credentials_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
    CONSTRAINT dns_credentials_provider_check CHECK ((provider = ANY (ARRAY['rfc2136'::text, 'cloudflare'::text])))
);


--
-- Name: dns_credentials_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.dns_credentials ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.dns_credentials_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: domain_applications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.domain_applications (
    id bigint NOT NULL,
    public_id text NOT NULL,
    tenant_id bigint NOT NULL,
    name text NOT NULL,
    target_cname text,
    target_ipv4 text[] DEFAULT '{}'::text[] NOT NULL,
    target_ipv6 text[] DEFAULT '{}'::text[] NOT NULL,
    origin text NOT NULL,
    allowed_origins text[] DEFAULT '{}'::text[] NOT NULL,
    webhook_url text,
    webhook_secret text NOT NULL,
    webhook_disabled_at timestamp with time zone,
    status text DEFAULT 'active'::text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    deleted_at timestamp with time zone,
    CONSTRAINT domain_applications_check CHECK (((target_cname IS NOT NULL) OR (cardinality(target_ipv4) > 0) OR (cardinality(target_ipv6) > 0))),
    CONSTRAINT domain_applications_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
    CONSTRAINT domain_applications_status_check CHECK ((status = ANY (ARRAY['active'::text, 'disabled'::text])))
);


--
-- Name: domain_applications_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.domain_applications ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.domain_applications_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: domain_connections; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.domain_connections (
    id bigint NOT NULL,
    public_id text NOT NULL,
    tenant_id bigint NOT NULL,
    application_id bigint NOT NULL,
    hostname text NOT NULL,
    status text NOT NULL,
    challenge text NOT NULL,
    end_user_ref text,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    verified_at timestamp with time zone,
    live_at timestamp with time zone,
    removed_at timestamp with time zone,
    last_checked_at timestamp with time zone,
    last_check jsonb,
    failure_reason text,
    deadline_at timestamp with time zone NOT NULL,
    next_check_at timestamp with time zone,
    check_count integer DEFAULT 0 NOT NULL,
    CONSTRAINT domain_connections_end_user_ref_check CHECK ((length(end_user_ref) <= 128)),
    CONSTRAINT domain_connections_hostname_check CHECK (((length(hostname) >= 1) AND (length(hostname) <= 253))),
    CONSTRAINT domain_connections_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'verified'::text, 'live'::text, 'failed'::text, 'removed'::text])))
);


--
-- Name: domain_connections_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.domain_connections ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.domain_connections_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: domain_usage; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.domain_usage (
    id bigint NOT NULL,
    tenant_id bigint NOT NULL,
    connection_id bigint NOT NULL,
    month date NOT NULL,
    went_live_at timestamp with time zone NOT NULL,
    CONSTRAINT domain_usage_month_check CHECK ((EXTRACT(day FROM month) = (1)::numeric))
);


--
-- Name: domain_usage_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.domain_usage ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.domain_usage_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: flyway_schema_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.flyway_schema_history (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);


--
-- Name: installation_facts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.installation_facts (
    name text NOT NULL,
    value text NOT NULL,
    recorded_at timestamp with time zone NOT NULL
);


--
-- Name: portal_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.portal_sessions (
    id bigint NOT NULL,
    token_hash bytea NOT NULL,
    tenant_id bigint NOT NULL,
    user_public_id text NOT NULL,
    csrf_token text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_seen_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL
);


--
-- Name: portal_sessions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.portal_sessions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.portal_sessions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: rate_limit_buckets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rate_limit_buckets (
    id text NOT NULL,
    state bytea,
    expires_at bigint
);


--
-- Name: recovery_codes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.recovery_codes (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    tenant_id bigint NOT NULL,
    code_hash bytea NOT NULL,
    used_at timestamp with time zone,
    CONSTRAINT recovery_codes_code_hash_check CHECK ((length(code_hash) = 32))
);


--
-- Name: recovery_codes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.recovery_codes ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.recovery_codes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: tenants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tenants (
    id bigint NOT NULL,
    public_id text NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    plan text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    max_connections integer DEFAULT 100 NOT NULL,
    CONSTRAINT tenants_max_connections_check CHECK (((max_connections >= 0) AND (max_connections <= 1000000))),
    CONSTRAINT tenants_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
    CONSTRAINT tenants_slug_check CHECK ((slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'::text)),
    CONSTRAINT tenants_status_check CHECK ((status = ANY (ARRAY['active'::text, 'suspended'::text])))
);


--
-- Name: tenants_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.tenants ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.tenants_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id bigint NOT NULL,
    public_id text NOT NULL,
    tenant_id bigint NOT NULL,
    email text NOT NULL,
    display_name text NOT NULL,
    role text NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    password_hash text NOT NULL,
    must_change_password boolean DEFAULT false NOT NULL,
    totp_secret text,
    totp_enabled_at timestamp with time zone,
    totp_last_step bigint,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    last_signed_in_at timestamp with time zone,
    second_factor_failures integer DEFAULT 0 NOT NULL,
    CONSTRAINT users_check CHECK (((totp_enabled_at IS NULL) OR (totp_secret IS NOT NULL))),
    CONSTRAINT users_display_name_check CHECK (((length(display_name) >= 1) AND (length(display_name) <= 200))),
    CONSTRAINT users_email_check CHECK (((email = lower(email)) AND ((length(email) >= 3) AND (length(email) <= 254)))),
    CONSTRAINT users_password_hash_check CHECK ((password_hash ~~ '$argon2%'::text)),
    CONSTRAINT users_public_id_check CHECK ((public_id ~ '^usr_[0-9a-z]{26}$'::text)),
    CONSTRAINT users_role_check CHECK ((role = ANY (ARRAY['owner'::text, 'admin'::text, 'operator'::text, 'viewer'::text]))),
    CONSTRAINT users_second_factor_failures_check CHECK ((second_factor_failures >= 0)),
    CONSTRAINT users_status_check CHECK ((status = ANY (ARRAY['active'::text, 'disabled'::text])))
);


--
-- Name: users_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.users ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: webhook_attempts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook_attempts (
    id bigint NOT NULL,
    tenant_id bigint NOT NULL,
    delivery_id bigint NOT NULL,
    attempt integer NOT NULL,
    attempted_at timestamp with time zone NOT NULL,
    status_code integer,
    error text,
    duration_ms integer NOT NULL,
    CONSTRAINT webhook_attempts_attempt_check CHECK ((attempt >= 1)),
    CONSTRAINT webhook_attempts_duration_ms_check CHECK ((duration_ms >= 0)),
    CONSTRAINT webhook_attempts_error_check CHECK ((length(error) <= 100)),
    CONSTRAINT webhook_attempts_status_code_check CHECK (((status_code >= 100) AND (status_code <= 999)))
);


--
-- Name: webhook_attempts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.webhook_attempts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.webhook_attempts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: webhook_deliveries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook_deliveries (
    id bigint NOT NULL,
    event_id text NOT NULL,
    tenant_id bigint NOT NULL,
    application_id bigint NOT NULL,
    event_type text NOT NULL,
    payload text NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone,
    last_attempt_at timestamp with time zone,
    last_status_code integer,
    last_error text,
    created_at timestamp with time zone NOT NULL,
    delivered_at timestamp with time zone,
    failure_reason text,
    CONSTRAINT webhook_deliveries_failure_reason_check CHECK ((length(failure_reason) <= 100)),
    CONSTRAINT webhook_deliveries_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'delivered'::text, 'failed'::text, 'disabled'::text])))
);


--
-- Name: webhook_deliveries_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.webhook_deliveries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.webhook_deliveries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Data for Name: api_keys; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.api_keys (id, public_id, tenant_id, name, hash, last4, scopes, created_by, created_at, expires_at, revoked_at, last_used_at) FROM stdin;
3	key_1dppzefft085mtq23et61vbxsq	2	Admin key	\\x2a760af0a93f06e81bfb14e9a70256c997e450143a707ee1136c11e9e2fb31b4	rhyK	{apps:admin,apps:read,audit:read,connections:read,connections:write,gateway:admin,gateway:read,keys:admin,sync:admin,sync:read}	key_1bqrzxwx8ysc1qhfy1qjf60ghp	2026-12-07 01:01:48.120027+00	\N	\N	\N
4	key_3rb2e268f16hdd07rvrrd3e2pj	1	ci reader	\\xe5947ae51bb801af26b41652351555acc942dd17310e32a01ab5523b67d72e3e	WhKL	{apps:read,connections:read}	key_0d2c1nvk0yqkzge37qs0strra6	2026-12-07 01:01:48.783985+00	\N	\N	\N
5	key_70bj98tstr4neb5n2x4yhmr82z	1	revoked one	\\x9eb67ce437bfdfb7c4a0fd69882957c0619441ba0da7fe6c41d6a7fbd6520737	D30e	{apps:read}	key_0d2c1nvk0yqkzge37qs0strra6	2026-12-07 01:01:54.571963+00	\N	2026-12-07 01:01:55.043883+00	\N
1	key_0d2c1nvk0yqkzge37qs0strra6	1	Admin key	\\x53837428c955c9947514bd5004d3f3a00be045ad2c0ce1c9435eafb8f501b724	7rZx	{apps:admin,apps:read,audit:read,connections:read,connections:write,gateway:admin,gateway:read,keys:admin,sync:admin,sync:read}	bootstrap	2026-12-07 01:01:38.272763+00	\N	\N	2026-12-07 01:01:59.766064+00
2	key_1bqrzxwx8ysc1qhfy1qjf60ghp	\N	Bootstrap operator key	\\xa194e89a707a12f3a051a7d2fc1803c4aefa1743b4da7dd9823d94cd7a918ae1	a8Sw	{tenants:admin}	bootstrap	2026-12-07 01:01:38.985298+00	\N	\N	2026-12-07 01:01:48.064047+00
\.


--
-- Data for Name: audit_chain; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.audit_chain (event_id, public_id, tenant_id, seq, prev_hash, hash, sealed_at) FROM stdin;
1	evt_01m970agx0xdrt45yn2c8a6yqj	\N	1	\\x0000000000000000000000000000000000000000000000000000000000000000	\\x00b761984976cad975e7e9cd969d80a068557a27d5a638cdaaf4b10e8f70d767	2026-12-07 01:01:39.695184+00
2	evt_01m970ahq2904m3gdc2rfbdt77	1	1	\\x0000000000000000000000000000000000000000000000000000000000000000	\\x3e944228fe95f79f3f1a4b20bd2bfd62d72d1f21a96e04d15d8495560e891ded	2026-12-07 01:01:39.695184+00
3	evt_01m970aj89vrsr7sgxt1tyn0ya	1	2	\\x3e944228fe95f79f3f1a4b20bd2bfd62d72d1f21a96e04d15d8495560e891ded	\\xe072b05c9668655c8b35fe45567384858699632d8dfc9ee0307b203cb2667f3f	2026-12-07 01:01:39.695184+00
4	evt_01m970aj9p7aqh7ej48fcwbnz4	\N	2	\\x00b761984976cad975e7e9cd969d80a068557a27d5a638cdaaf4b10e8f70d767	\\xb592f634c613a0a542db838efa9e24ab0ac8a7be5829cdfc48955cb662894f18	2026-12-07 01:01:39.695184+00
5	evt_01m970av1zh0rf36a09yd3xny2	\N	3	\\xb592f634c613a0a542db838efa9e24ab0ac8a7be5829cdfc48955cb662894f18	\\xa4f357d77c1e1787eea3ee2af8d3f5edcf2cd44da54a59e6fcad5a64767bb10e	2026-12-07 01:01:48.824346+00
6	evt_01m970av6nfxafrctdr58rmggs	\N	4	\\xa4f357d77c1e1787eea3ee2af8d3f5edcf2cd44da54a59e6fcad5a64767bb10e	\\xae7652888fb789ded379eccdd126fee2df6404c8a2c91350a6bb4442270328c2	2026-12-07 01:01:48.824346+00
7	evt_01m970av6t04kb5d3q2d9fq9dd	2	1	\\x0000000000000000000000000000000000000000000000000000000000000000	\\xa8d55de0882ee79dfb845fae4edff3034e145a4ff845897d4f2e359fd40b0937	2026-12-07 01:01:48.824346+00
8	evt_01m970avgskjepwc6xq8dxxzbx	2	2	\\xa8d55de0882ee79dfb845fae4edff3034e145a4ff845897d4f2e359fd40b0937	\\xf4f04756595fe21a1ac34aeeeaa8e268ce43c3a48c5fda17564239ee840e2d4e	2026-12-07 01:01:48.824346+00
9	evt_01m970avw7v8qf3ghp87txh9a6	1	3	\\xe072b05c9668655c8b35fe45567384858699632d8dfc9ee0307b203cb2667f3f	\\xf26006b11528d79f0ee2b3116ff7ffa257280d6ea7ef41a646bfc358e501c624	2026-12-07 01:01:49.848024+00
10	evt_01m970aw8v5qp3qrphfhxyhs27	1	4	\\xf26006b11528d79f0ee2b3116ff7ffa257280d6ea7ef41a646bfc358e501c624	\\x403efdaa490d7cf128ad250f37210cb95889d759423803ccbca508f694bca31d	2026-12-07 01:01:49.848024+00
11	evt_01m970b1cwwe4b792x550c0e7v	1	5	\\x403efdaa490d7cf128ad250f37210cb95889d759423803ccbca508f694bca31d	\\x98af989c1c057185a7edf8ce52d574d3242cdefca4c1f1276be1d5b99ba058ce	2026-12-07 01:01:54.927998+00
12	evt_01m970b1ggpx8r2fbbj67r54r3	1	6	\\x98af989c1c057185a7edf8ce52d574d3242cdefca4c1f1276be1d5b99ba058ce	\\x1f12e906cc673817d2c5bf71da762585bc8900662766a92ba7850fb15ffb7036	2026-12-07 01:01:54.927998+00
13	evt_01m970b20cpcyfdka1qs2hpnb2	1	7	\\x1f12e906cc673817d2c5bf71da762585bc8900662766a92ba7850fb15ffb7036	\\x33e99e8da7a6c3622ed4ce65d152dcd6be18bff32f501668c24834f71570b7a5	2026-12-07 01:01:55.942358+00
14	evt_01m970b4ecsa6fa24bye4eqv82	1	8	\\x33e99e8da7a6c3622ed4ce65d152dcd6be18bff32f501668c24834f71570b7a5	\\x15dadd2b716348dfcbcc835f0770e171d30d48f4ebfb763828ae6167d27c9fa8	2026-12-07 01:01:58.000778+00
15	evt_01m970b4j6eq4w394r5z8bd0bt	1	9	\\x15dadd2b716348dfcbcc835f0770e171d30d48f4ebfb763828ae6167d27c9fa8	\\x77982a10cc83654afbc967845b9942e1cd693ae70cdb6f971c3864aa66594435	2026-12-07 01:01:58.000778+00
\.


--
-- Data for Name: audit_chain_anchors; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.audit_chain_anchors (chain_key, tenant_id, seq, hash, pruned_before, created_at) FROM stdin;
\.


--
-- Data for Name: audit_events; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.audit_events (id, public_id, tenant_id, occurred_at, ref, actor_type, actor_id, actor_label, action, target_type, target_id, decision, reason, ip, user_agent, details) FROM stdin;
1	evt_01m970agx0xdrt45yn2c8a6yqj	\N	2026-12-07 01:01:37.51537+00	\N	system	bootstrap	\N	tenant.created	tenant	ten_22ykdf7t0q9c46dtnandqz2rva	allow	\N	\N	\N	{"name": "Default", "plan": "free", "slug": "default"}
2	evt_01m970ahq2904m3gdc2rfbdt77	1	2026-12-07 01:01:38.402573+00	\N	system	bootstrap	\N	api_key.created	api_key	key_0d2c1nvk0yqkzge37qs0strra6	allow	\N	\N	\N	{"name": "Admin key", "last4": "7rZx", "scopes": ["apps:admin", "apps:read", "audit:read", "connections:read", "connections:write", "gateway:admin", "gateway:read", "keys:admin", "sync:admin", "sync:read"]}
3	evt_01m970aj89vrsr7sgxt1tyn0ya	1	2026-12-07 01:01:38.95323+00	\N	system	bootstrap	\N	user.created	user	usr_5g41fw6xs2s3a9f87dj5qj97dx	allow	\N	\N	\N	{"role": "owner", "email": "admin@gatehouse.local", "display_name": "Owner"}
4	evt_01m970aj9p7aqh7ej48fcwbnz4	\N	2026-12-07 01:01:38.998959+00	\N	system	bootstrap	\N	operator_key.created	api_key	key_1bqrzxwx8ysc1qhfy1qjf60ghp	allow	\N	\N	\N	{"name": "Bootstrap operator key", "last4": "a8Sw"}
5	evt_01m970av1zh0rf36a09yd3xny2	\N	2026-12-07 01:01:47.967649+00	req_01M970ATGMDNJ4RW1JEQ4S9A8E	operator	key_1bqrzxwx8ysc1qhfy1qjf60ghp	Bootstrap operator key	tenant.updated	tenant	ten_22ykdf7t0q9c46dtnandqz2rva	allow	\N	127.0.0.1	curl/7.88.1	{"plan": {"to": "free", "from": "free"}, "status": {"to": "active", "from": "active"}, "max_connections": {"to": 7, "from": 100}}
6	evt_01m970av6nfxafrctdr58rmggs	\N	2026-12-07 01:01:48.117353+00	req_01M970AV4XYJRSDHFG64XWDRQB	operator	key_1bqrzxwx8ysc1qhfy1qjf60ghp	Bootstrap operator key	tenant.created	tenant	ten_1ftrn3hh39qf272b3v7xp13kyh	allow	\N	127.0.0.1	curl/7.88.1	{"name": "Upgrade Co", "plan": "team", "slug": "upgrade-co"}
7	evt_01m970av6t04kb5d3q2d9fq9dd	2	2026-12-07 01:01:48.122522+00	req_01M970AV4XYJRSDHFG64XWDRQB	operator	key_1bqrzxwx8ysc1qhfy1qjf60ghp	Bootstrap operator key	api_key.created	api_key	key_1dppzefft085mtq23et61vbxsq	allow	\N	127.0.0.1	curl/7.88.1	{"name": "Admin key", "last4": "rhyK", "scopes": ["apps:admin", "apps:read", "audit:read", "connections:read", "connections:write", "gateway:admin", "gateway:read", "keys:admin", "sync:admin", "sync:read"]}
8	evt_01m970avgskjepwc6xq8dxxzbx	2	2026-12-07 01:01:48.441605+00	req_01M970AV4XYJRSDHFG64XWDRQB	operator	key_1bqrzxwx8ysc1qhfy1qjf60ghp	Bootstrap operator key	user.created	user	usr_7nt4h529qxy0tvstxdqz7c5w4b	allow	\N	127.0.0.1	curl/7.88.1	{"role": "owner", "email": "owner@upgrade.example", "display_name": "Owner"}
9	evt_01m970avw7v8qf3ghp87txh9a6	1	2026-12-07 01:01:48.807032+00	req_01M970AVP86GGRDW456VQKN2FH	api_key	key_0d2c1nvk0yqkzge37qs0strra6	Admin key	api_key.created	api_key	key_3rb2e268f16hdd07rvrrd3e2pj	allow	\N	127.0.0.1	curl/7.88.1	{"name": "ci reader", "last4": "WhKL", "scopes": ["apps:read", "connections:read"]}
10	evt_01m970aw8v5qp3qrphfhxyhs27	1	2026-12-07 01:01:49.211553+00	req_01M970AW1NF2BXCAC66ABNA6H7	api_key	key_0d2c1nvk0yqkzge37qs0strra6	Admin key	application.created	application	app_0wdq7f72my70gt4j2zsw1sqpvm	\N	\N	127.0.0.1	curl/7.88.1	{"name": "Shop"}
11	evt_01m970b1cwwe4b792x550c0e7v	1	2026-12-07 01:01:54.460345+00	req_01M970B1BH3VXHDAZ0T7AGXRYD	api_key	key_0d2c1nvk0yqkzge37qs0strra6	Admin key	dns_credential.created	dns_credential	dnsc_41zc7fywpqt16dvfb6bx5v7mmc	\N	\N	127.0.0.1	curl/7.88.1	{"name": "ns1", "provider": "rfc2136"}
12	evt_01m970b1ggpx8r2fbbj67r54r3	1	2026-12-07 01:01:54.576233+00	req_01M970B1FC648BY54DYH8WSE77	api_key	key_0d2c1nvk0yqkzge37qs0strra6	Admin key	api_key.created	api_key	key_70bj98tstr4neb5n2x4yhmr82z	allow	\N	127.0.0.1	curl/7.88.1	{"name": "revoked one", "last4": "D30e", "scopes": ["apps:read"]}
13	evt_01m970b20cpcyfdka1qs2hpnb2	1	2026-12-07 01:01:55.084649+00	req_01M970B1XNTXYQR1WNK8FAASYN	api_key	key_0d2c1nvk0yqkzge37qs0strra6	Admin key	api_key.revoked	api_key	key_70bj98tstr4neb5n2x4yhmr82z	allow	\N	127.0.0.1	curl/7.88.1	{"name": "revoked one", "last4": "D30e"}
14	evt_01m970b4ecsa6fa24bye4eqv82	1	2026-12-07 01:01:57.580015+00	req_01M970B4AW3CH4RHA1KFR4Z1GD	api_key	key_0d2c1nvk0yqkzge37qs0strra6	Admin key	connection.created	connection	conn_2s66c2eg0cfgtg841y6n5zcfzz	\N	\N	127.0.0.1	curl/7.88.1	{"hostname": "shop.customer-one.com", "application": "app_0wdq7f72my70gt4j2zsw1sqpvm"}
15	evt_01m970b4j6eq4w394r5z8bd0bt	1	2026-12-07 01:01:57.702276+00	req_01M970B4GWAWKQY2J6S11A5C47	api_key	key_0d2c1nvk0yqkzge37qs0strra6	Admin key	connection.created	connection	conn_6cfbqb8cd3xxbkgwa6dnxjfjfj	\N	\N	127.0.0.1	curl/7.88.1	{"hostname": "www.customer-two.net", "application": "app_0wdq7f72my70gt4j2zsw1sqpvm"}
\.


--
-- Data for Name: cluster_nodes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cluster_nodes (node_id, started_at, heartbeat_at, seen_invalidation) FROM stdin;
\.


--
-- Data for Name: dns_credentials; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.dns_credentials (id, public_id, tenant_id, name, provider, config, secret, created_at) FROM stdin;
1	dnsc_41zc7fywpqt16dvfb6bx5v7mmc	1	ns1	rfc2136	{"port": 53, "zone": "customer-one.example", "server": "127.0.0.1", "tsig_key_name": "gh-key", "tsig_algorithm": "hmac-sha256"}	v1.eb6470ebe32d9be6.oNqenOgiW3pQf__SeDgl6Bx5fJD1Bs2K9lZQSv_BKvqbW-0tmnoobn_2_OuQ9KGdQnxOIBx_PXFp78hZ	2026-12-07 01:01:54.45212+00
\.


--
-- Data for Name: domain_applications; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.domain_applications (id, public_id, tenant_id, name, target_cname, target_ipv4, target_ipv6, origin, allowed_origins, webhook_url, webhook_secret, webhook_disabled_at, status, created_at, updated_at, deleted_at) FROM stdin;
1	app_0wdq7f72my70gt4j2zsw1sqpvm	1	Shop	edge.saas.example.net	{}	{}	https://origin.saas.example.net	{https://app.saas.example.net}	https://hooks.saas.example.net/in	v1.30b86671d281e7b3.NA6yJR_Inx_7Qf_wwOM4dzSHkQOeMWK0nBRzLD5p1mTmITPywCdoxsFOMj4tCLO9LIFKNpQpidmnyF1tqhUOXf5lrTNdymkLEzQRuKxW	\N	active	2026-12-07 01:01:49.08857+00	2026-12-07 01:01:49.08857+00	\N
\.


--
-- Data for Name: domain_connections; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.domain_connections (id, public_id, tenant_id, application_id, hostname, status, challenge, end_user_ref, created_at, updated_at, verified_at, live_at, removed_at, last_checked_at, last_check, failure_reason, deadline_at, next_check_at, check_count) FROM stdin;
1	conn_2s66c2eg0cfgtg841y6n5zcfzz	1	1	shop.customer-one.com	pending	gh-verify=3iCqmJJp88IjLCakjRx3jJpW5VDEcyB9	cust-1	2026-12-07 01:01:57.543808+00	2026-12-07 01:01:57.543808+00	\N	\N	\N	\N	\N	\N	2099-12-10 01:01:57.543808+00	2099-12-07 01:02:57.543808+00	0
2	conn_6cfbqb8cd3xxbkgwa6dnxjfjfj	1	1	www.customer-two.net	live	gh-verify=JcPXSrNgKeAbjUcbmhLnjMUfxqQ-FXmD	\N	2026-12-07 01:01:57.685245+00	2026-12-07 01:01:57.685245+00	2026-12-07 01:02:02.272152+00	2026-12-07 01:02:02.272152+00	\N	\N	\N	\N	2099-12-10 01:01:57.685245+00	2099-12-07 01:02:57.685245+00	0
\.


--
-- Data for Name: domain_usage; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.domain_usage (id, tenant_id, connection_id, month, went_live_at) FROM stdin;
\.


--
-- Data for Name: flyway_schema_history; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, installed_on, execution_time, success) FROM stdin;
1	1	tenants and api keys	SQL	V1__tenants_and_api_keys.sql	-1831742801	gh_owner	2026-12-07 01:01:24.845137	151	t
2	2	audit	SQL	V2__audit.sql	1890958856	gh_owner	2026-12-07 01:01:25.07897	72	t
3	3	rate limit buckets	SQL	V3__rate_limit_buckets.sql	-798915845	gh_owner	2026-12-07 01:01:25.192929	20	t
4	4	cluster	SQL	V4__cluster.sql	-657540624	gh_owner	2026-12-07 01:01:25.23275	16	t
5	5	identity	SQL	V5__identity.sql	-1940093528	gh_owner	2026-12-07 01:01:25.260023	50	t
6	6	portal sessions	SQL	V6__portal_sessions.sql	-156718281	gh_owner	2026-12-07 01:01:25.32863	36	t
7	7	second factor failures	SQL	V7__second_factor_failures.sql	1298202431	gh_owner	2026-12-07 01:01:25.376624	7	t
8	8	domains	SQL	V8__domains.sql	-525980262	gh_owner	2026-12-07 01:01:25.397325	138	t
9	9	dns credentials	SQL	V9__dns_credentials.sql	1159713425	gh_owner	2026-12-07 01:01:25.555898	48	t
10	10	webhooks	SQL	V10__webhooks.sql	-838351086	gh_owner	2026-12-07 01:01:25.628223	37	t
\.


--
-- Data for Name: installation_facts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.installation_facts (name, value, recorded_at) FROM stdin;
bootstrapped	first boot	2026-12-07 01:01:37.15063+00
\.


--
-- Data for Name: portal_sessions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.portal_sessions (id, token_hash, tenant_id, user_public_id, csrf_token, created_at, last_seen_at, expires_at) FROM stdin;
\.


--
-- Data for Name: rate_limit_buckets; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.rate_limit_buckets (id, state, expires_at) FROM stdin;
key:key:key_1bqrzxwx8ysc1qhfy1qjf60ghp	\\x0000000100000001000000010000000100000000000004b000000000000004b00000000df847580000000000000004b0008000000000000000000000000003000000010000000318eed302451b835300000000000004af0000000000000000000000010000000000000002	1796605318120
key:key:key_0d2c1nvk0yqkzge37qs0strra6	\\x0000000100000001000000010000000100000000000004b000000000000004b00000000df847580000000000000004b0008000000000000000000000000003000000010000000318eed304fea03ceb00000000000004af000000000000000000000001000000000000000b	1796605329822
\.


--
-- Data for Name: recovery_codes; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.recovery_codes (id, user_id, tenant_id, code_hash, used_at) FROM stdin;
\.


--
-- Data for Name: tenants; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.tenants (id, public_id, name, slug, status, plan, created_at, updated_at, max_connections) FROM stdin;
1	ten_22ykdf7t0q9c46dtnandqz2rva	Default	default	active	free	2026-12-07 01:01:37.450709+00	2026-12-07 01:01:47.960832+00	7
2	ten_1ftrn3hh39qf272b3v7xp13kyh	Upgrade Co	upgrade-co	active	team	2026-12-07 01:01:48.115556+00	2026-12-07 01:01:48.115556+00	100
\.


--
-- Data for Name: users; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.users (id, public_id, tenant_id, email, display_name, role, status, password_hash, must_change_password, totp_secret, totp_enabled_at, totp_last_step, created_at, updated_at, last_signed_in_at, second_factor_failures) FROM stdin;
1	usr_5g41fw6xs2s3a9f87dj5qj97dx	1	admin@gatehouse.local	Owner	owner	active	$argon2id$v=19$m=19456,t=2,p=1$9vw01QOLOXnWGqz3o5RNww$KRMup3NqwnI8jEun+KdDqsJrQyZdgDALFWei+IQEjUM	t	\N	\N	\N	2026-12-07 01:01:38.903562+00	2026-12-07 01:01:38.903562+00	\N	0
2	usr_7nt4h529qxy0tvstxdqz7c5w4b	2	owner@upgrade.example	Owner	owner	active	$argon2id$v=19$m=19456,t=2,p=1$7bhCTMzd21QBMaeRAbiBFw$k4wMGPdCn+KZzTGpk0b7lRuCGrMcttAFZQqJ/BoWsPQ	t	\N	\N	\N	2026-12-07 01:01:48.420286+00	2026-12-07 01:01:48.420286+00	\N	0
\.


--
-- Data for Name: webhook_attempts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.webhook_attempts (id, tenant_id, delivery_id, attempt, attempted_at, status_code, error, duration_ms) FROM stdin;
1	1	1	1	2026-12-07 01:01:57.926075+00	\N	connection_refused	49
2	1	2	1	2026-12-07 01:01:57.917632+00	\N	connection_refused	46
3	1	1	2	2026-12-07 01:02:00.023833+00	\N	connection_refused	3
4	1	1	3	2026-12-07 01:02:03.066691+00	\N	connection_refused	2
5	1	2	2	2026-12-07 01:02:03.074477+00	\N	connection_refused	1
\.


--
-- Data for Name: webhook_deliveries; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.webhook_deliveries (id, event_id, tenant_id, application_id, event_type, payload, status, attempts, next_attempt_at, last_attempt_at, last_status_code, last_error, created_at, delivered_at, failure_reason) FROM stdin;
1	evt_007m416wkxhj6ahcxxdg2gxqcx	1	1	connection.created	{"id":"evt_007m416wkxhj6ahcxxdg2gxqcx","type":"connection.created","created_at":"2026-12-07T01:01:57.543808191Z","data":{"id":"conn_2s66c2eg0cfgtg841y6n5zcfzz","application_id":"app_0wdq7f72my70gt4j2zsw1sqpvm","hostname":"shop.customer-one.com","status":"pending","records":[{"type":"TXT","name":"_gatehouse-challenge.shop.customer-one.com","value":"gh-verify=3iCqmJJp88IjLCakjRx3jJpW5VDEcyB9","purpose":"ownership"},{"type":"CNAME","name":"shop.customer-one.com","value":"edge.saas.example.net","purpose":"routing"}],"end_user_ref":"cust-1","created_at":"2026-12-07T01:01:57.543808Z","verified_at":null,"live_at":null,"last_checked_at":null,"last_check":[],"failure_reason":null}}	pending	3	2026-12-07 01:02:10.194679+00	2026-12-07 01:02:03.066691+00	\N	connection_refused	2026-12-07 01:01:57.543808+00	\N	\N
2	evt_7qa54155qfkaxkqv5aqhb2vdcr	1	1	connection.created	{"id":"evt_7qa54155qfkaxkqv5aqhb2vdcr","type":"connection.created","created_at":"2026-12-07T01:01:57.685245468Z","data":{"id":"conn_6cfbqb8cd3xxbkgwa6dnxjfjfj","application_id":"app_0wdq7f72my70gt4j2zsw1sqpvm","hostname":"www.customer-two.net","status":"pending","records":[{"type":"TXT","name":"_gatehouse-challenge.www.customer-two.net","value":"gh-verify=JcPXSrNgKeAbjUcbmhLnjMUfxqQ-FXmD","purpose":"ownership"},{"type":"CNAME","name":"www.customer-two.net","value":"edge.saas.example.net","purpose":"routing"}],"end_user_ref":null,"created_at":"2026-12-07T01:01:57.685245Z","verified_at":null,"live_at":null,"last_checked_at":null,"last_check":[],"failure_reason":null}}	pending	2	2026-12-07 01:02:07.876797+00	2026-12-07 01:02:03.074477+00	\N	connection_refused	2026-12-07 01:01:57.685245+00	\N	\N
\.


--
-- Name: api_keys_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.api_keys_id_seq', 5, true);


--
-- Name: audit_events_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.audit_events_id_seq', 15, true);


--
-- Name: cache_invalidation_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.cache_invalidation_seq', 1, true);


--
-- Name: dns_credentials_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.dns_credentials_id_seq', 1, true);


--
-- Name: domain_applications_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.domain_applications_id_seq', 1, true);


--
-- Name: domain_connections_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.domain_connections_id_seq', 2, true);


--
-- Name: domain_usage_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.domain_usage_id_seq', 1, false);


--
-- Name: portal_sessions_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.portal_sessions_id_seq', 1, false);


--
-- Name: recovery_codes_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.recovery_codes_id_seq', 1, false);


--
-- Name: tenants_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.tenants_id_seq', 2, true);


--
-- Name: users_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.users_id_seq', 2, true);


--
-- Name: webhook_attempts_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.webhook_attempts_id_seq', 5, true);


--
-- Name: webhook_deliveries_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.webhook_deliveries_id_seq', 2, true);


--
-- Name: api_keys api_keys_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_hash_key UNIQUE (hash);


--
-- Name: api_keys api_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id);


--
-- Name: api_keys api_keys_public_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_public_id_key UNIQUE (public_id);


--
-- Name: audit_chain_anchors audit_chain_anchors_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_chain_anchors
    ADD CONSTRAINT audit_chain_anchors_pkey PRIMARY KEY (chain_key, seq);


--
-- Name: audit_chain audit_chain_chain_key_seq_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_chain
    ADD CONSTRAINT audit_chain_chain_key_seq_key UNIQUE (chain_key, seq);


--
-- Name: audit_chain audit_chain_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_chain
    ADD CONSTRAINT audit_chain_pkey PRIMARY KEY (event_id);


--
-- Name: audit_events audit_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_events
    ADD CONSTRAINT audit_events_pkey PRIMARY KEY (id);


--
-- Name: audit_events audit_events_public_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_events
    ADD CONSTRAINT audit_events_public_id_key UNIQUE (public_id);


--
-- Name: cluster_nodes cluster_nodes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cluster_nodes
    ADD CONSTRAINT cluster_nodes_pkey PRIMARY KEY (node_id);


--
-- Name: dns_credentials dns_credentials_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dns_credentials
    ADD CONSTRAINT dns_credentials_pkey PRIMARY KEY (id);


--
-- Name: dns_credentials dns_credentials_public_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dns_credentials
    ADD CONSTRAINT dns_credentials_public_id_key UNIQUE (public_id);


--
-- Name: domain_applications domain_applications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.domain_applications
    ADD CONSTRAINT domain_applications_pkey PRIMARY KEY (id);


--
-- Name: domain_applications domain_applications_public_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.domain_applications
    ADD CONSTRAINT domain_applications_public_id_key UNIQUE (public_id);


--
-- Name: domain_connections domain_connections_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.domain_connections
    ADD CONSTRAINT domain_connections_pkey PRIMARY KEY (id);


--
-- Name: domain_connections domain_connections_public_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.domain_connections
    ADD CONSTRAINT domain_connections_public_id_key UNIQUE (public_id);


--
-- Name: domain_usage domain_usage_connection_id_month_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.domain_usage
    ADD CONSTRAINT domain_usage_connection_id_month_key UNIQUE (connection_id, month);


--
-- Name: domain_usage domain_usage_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.domain_usage
    ADD CONSTRAINT domain_usage_pkey PRIMARY KEY (id);


--
-- Name: flyway_schema_history flyway_schema_history_pk; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.flyway_schema_history
    ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);


--
-- Name: installation_facts installation_facts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.installation_facts
    ADD CONSTRAINT installation_facts_pkey PRIMARY KEY (name);


--
-- Name: portal_sessions portal_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.portal_sessions
    ADD CONSTRAINT portal_sessions_pkey PRIMARY KEY (id);


--
-- Name: portal_sessions portal_sessions_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.portal_sessions
    ADD CONSTRAINT portal_sessions_token_hash_key UNIQUE (token_hash);


--
-- Name: rate_limit_buckets rate_limit_buckets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rate_limit_buckets
    ADD CONSTRAINT rate_limit_buckets_pkey PRIMARY KEY (id);


--
-- Name: recovery_codes recovery_codes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.recovery_codes
    ADD CONSTRAINT recovery_codes_pkey PRIMARY KEY (id);


--
-- Name: recovery_codes recovery_codes_user_id_code_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.recovery_codes
    ADD CONSTRAINT recovery_codes_user_id_code_hash_key UNIQUE (user_id, code_hash);


--
-- Name: tenants tenants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tenants
    ADD CONSTRAINT tenants_pkey PRIMARY KEY (id);


--
-- Name: tenants tenants_public_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tenants
    ADD CONSTRAINT tenants_public_id_key UNIQUE (public_id);


--
-- Name: tenants tenants_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tenants
    ADD CONSTRAINT tenants_slug_key UNIQUE (slug);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: users users_public_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_public_id_key UNIQUE (public_id);


--
-- Name: webhook_attempts webhook_attempts_delivery_id_attempt_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_attempts
    ADD CONSTRAINT webhook_attempts_delivery_id_attempt_key UNIQUE (delivery_id, attempt);


--
-- Name: webhook_attempts webhook_attempts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_attempts
    ADD CONSTRAINT webhook_attempts_pkey PRIMARY KEY (id);


--
-- Name: webhook_deliveries webhook_deliveries_event_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_event_id_key UNIQUE (event_id);


--
-- Name: webhook_deliveries webhook_deliveries_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (id);


--
-- Name: api_keys_tenant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX api_keys_tenant ON public.api_keys USING btree (tenant_id, id);


--
-- Name: audit_events_tenant_action; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_events_tenant_action ON public.audit_events USING btree (tenant_id, action, id);


--
-- Name: audit_events_tenant_actor; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_events_tenant_actor ON public.audit_events USING btree (tenant_id, actor_id, id);


--
-- Name: audit_events_tenant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_events_tenant_id ON public.audit_events USING btree (tenant_id, id);


--
-- Name: audit_events_tenant_ref; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_events_tenant_ref ON public.audit_events USING btree (tenant_id, ref) WHERE (ref IS NOT NULL);


--
-- Name: audit_events_tenant_target; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_events_tenant_target ON public.audit_events USING btree (tenant_id, target_id, id) WHERE (target_id IS NOT NULL);


--
-- Name: audit_events_tenant_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_events_tenant_time ON public.audit_events USING btree (tenant_id, occurred_at, id);


--
-- Name: dns_credentials_tenant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX dns_credentials_tenant ON public.dns_credentials USING btree (tenant_id, id);


--
-- Name: domain_applications_tenant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX domain_applications_tenant ON public.domain_applications USING btree (tenant_id, id) WHERE (deleted_at IS NULL);


--
-- Name: domain_connections_claimed; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX domain_connections_claimed ON public.domain_connections USING btree (hostname) WHERE (status = ANY (ARRAY['verified'::text, 'live'::text]));


--
-- Name: domain_connections_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX domain_connections_due ON public.domain_connections USING btree (next_check_at) WHERE (status = ANY (ARRAY['pending'::text, 'verified'::text, 'live'::text]));


--
-- Name: domain_connections_list; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX domain_connections_list ON public.domain_connections USING btree (application_id, id);


--
-- Name: domain_connections_open; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX domain_connections_open ON public.domain_connections USING btree (application_id, hostname) WHERE (status <> 'removed'::text);


--
-- Name: domain_connections_quota; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX domain_connections_quota ON public.domain_connections USING btree (tenant_id) WHERE (status <> ALL (ARRAY['removed'::text, 'failed'::text]));


--
-- Name: domain_usage_tenant_month; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX domain_usage_tenant_month ON public.domain_usage USING btree (tenant_id, month);


--
-- Name: flyway_schema_history_s_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX flyway_schema_history_s_idx ON public.flyway_schema_history USING btree (success);


--
-- Name: portal_sessions_user; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX portal_sessions_user ON public.portal_sessions USING btree (tenant_id, user_public_id);


--
-- Name: rate_limit_buckets_expires_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rate_limit_buckets_expires_at_idx ON public.rate_limit_buckets USING btree (expires_at);


--
-- Name: users_email; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX users_email ON public.users USING btree (email);


--
-- Name: users_tenant_public_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX users_tenant_public_id ON public.users USING btree (tenant_id, public_id);


--
-- Name: webhook_deliveries_application; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX webhook_deliveries_application ON public.webhook_deliveries USING btree (tenant_id, application_id, id);


--
-- Name: webhook_deliveries_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX webhook_deliveries_due ON public.webhook_deliveries USING btree (next_attempt_at) WHERE (status = 'pending'::text);


--
-- Name: webhook_deliveries_tenant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX webhook_deliveries_tenant ON public.webhook_deliveries USING btree (tenant_id, id);


--
-- Name: api_keys api_keys_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: audit_events audit_events_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_events
    ADD CONSTRAINT audit_events_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: dns_credentials dns_credentials_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dns_credentials
    ADD CONSTRAINT dns_credentials_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: domain_applications domain_applications_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.domain_applications
    ADD CONSTRAINT domain_applications_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: domain_connections domain_connections_application_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.domain_connections
    ADD CONSTRAINT domain_connections_application_id_fkey FOREIGN KEY (application_id) REFERENCES public.domain_applications(id);


--
-- Name: domain_connections domain_connections_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.domain_connections
    ADD CONSTRAINT domain_connections_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: domain_usage domain_usage_connection_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.domain_usage
    ADD CONSTRAINT domain_usage_connection_id_fkey FOREIGN KEY (connection_id) REFERENCES public.domain_connections(id);


--
-- Name: domain_usage domain_usage_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.domain_usage
    ADD CONSTRAINT domain_usage_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: portal_sessions portal_sessions_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.portal_sessions
    ADD CONSTRAINT portal_sessions_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: recovery_codes recovery_codes_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.recovery_codes
    ADD CONSTRAINT recovery_codes_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: recovery_codes recovery_codes_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.recovery_codes
    ADD CONSTRAINT recovery_codes_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: users users_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: webhook_attempts webhook_attempts_delivery_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_attempts
    ADD CONSTRAINT webhook_attempts_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES public.webhook_deliveries(id);


--
-- Name: webhook_attempts webhook_attempts_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_attempts
    ADD CONSTRAINT webhook_attempts_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: webhook_deliveries webhook_deliveries_application_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_application_id_fkey FOREIGN KEY (application_id) REFERENCES public.domain_applications(id);


--
-- Name: webhook_deliveries webhook_deliveries_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: api_keys; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.api_keys ENABLE ROW LEVEL SECURITY;

--
-- Name: audit_chain; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.audit_chain ENABLE ROW LEVEL SECURITY;

--
-- Name: audit_chain_anchors; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.audit_chain_anchors ENABLE ROW LEVEL SECURITY;

--
-- Name: audit_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.audit_events ENABLE ROW LEVEL SECURITY;

--
-- Name: dns_credentials; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.dns_credentials ENABLE ROW LEVEL SECURITY;

--
-- Name: domain_applications; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.domain_applications ENABLE ROW LEVEL SECURITY;

--
-- Name: domain_connections; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.domain_connections ENABLE ROW LEVEL SECURITY;

--
-- Name: domain_usage; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.domain_usage ENABLE ROW LEVEL SECURITY;

--
-- Name: portal_sessions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.portal_sessions ENABLE ROW LEVEL SECURITY;

--
-- Name: recovery_codes; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.recovery_codes ENABLE ROW LEVEL SECURITY;

--
-- Name: api_keys tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.api_keys USING (public.gatehouse_tenant_visible(tenant_id)) WITH CHECK (public.gatehouse_tenant_visible(tenant_id));


--
-- Name: audit_chain tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.audit_chain USING (public.gatehouse_tenant_visible(tenant_id)) WITH CHECK (public.gatehouse_tenant_visible(tenant_id));


--
-- Name: audit_chain_anchors tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.audit_chain_anchors USING (public.gatehouse_tenant_visible(tenant_id)) WITH CHECK (public.gatehouse_tenant_visible(tenant_id));


--
-- Name: audit_events tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.audit_events USING (public.gatehouse_tenant_visible(tenant_id)) WITH CHECK (public.gatehouse_tenant_visible(tenant_id));


--
-- Name: dns_credentials tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.dns_credentials USING (public.gatehouse_tenant_visible(tenant_id)) WITH CHECK (public.gatehouse_tenant_visible(tenant_id));


--
-- Name: domain_applications tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.domain_applications USING (public.gatehouse_tenant_visible(tenant_id)) WITH CHECK (public.gatehouse_tenant_visible(tenant_id));


--
-- Name: domain_connections tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.domain_connections USING (public.gatehouse_tenant_visible(tenant_id)) WITH CHECK (public.gatehouse_tenant_visible(tenant_id));


--
-- Name: domain_usage tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.domain_usage USING (public.gatehouse_tenant_visible(tenant_id)) WITH CHECK (public.gatehouse_tenant_visible(tenant_id));


--
-- Name: portal_sessions tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.portal_sessions USING (public.gatehouse_tenant_visible(tenant_id)) WITH CHECK (public.gatehouse_tenant_visible(tenant_id));


--
-- Name: recovery_codes tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.recovery_codes USING (public.gatehouse_tenant_visible(tenant_id)) WITH CHECK (public.gatehouse_tenant_visible(tenant_id));


--
-- Name: tenants tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.tenants USING (public.gatehouse_tenant_visible(id)) WITH CHECK (public.gatehouse_tenant_visible(id));


--
-- Name: users tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.users USING (public.gatehouse_tenant_visible(tenant_id)) WITH CHECK (public.gatehouse_tenant_visible(tenant_id));


--
-- Name: webhook_attempts tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.webhook_attempts USING (public.gatehouse_tenant_visible(tenant_id)) WITH CHECK (public.gatehouse_tenant_visible(tenant_id));


--
-- Name: webhook_deliveries tenant_isolation; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY tenant_isolation ON public.webhook_deliveries USING (public.gatehouse_tenant_visible(tenant_id)) WITH CHECK (public.gatehouse_tenant_visible(tenant_id));


--
-- Name: tenants; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.tenants ENABLE ROW LEVEL SECURITY;

--
-- Name: users; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;

--
-- Name: webhook_attempts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.webhook_attempts ENABLE ROW LEVEL SECURITY;

--
-- Name: webhook_deliveries; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.webhook_deliveries ENABLE ROW LEVEL SECURITY;

--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA public TO __APP_ROLE__;


--
-- Name: TABLE api_keys; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.api_keys TO __APP_ROLE__;


--
-- Name: TABLE audit_chain; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.audit_chain TO __APP_ROLE__;


--
-- Name: TABLE audit_chain_anchors; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.audit_chain_anchors TO __APP_ROLE__;


--
-- Name: TABLE audit_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.audit_events TO __APP_ROLE__;


--
-- Name: SEQUENCE cache_invalidation_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.cache_invalidation_seq TO __APP_ROLE__;


--
-- Name: TABLE cluster_nodes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.cluster_nodes TO __APP_ROLE__;


--
-- Name: TABLE dns_credentials; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.dns_credentials TO __APP_ROLE__;


--
-- Name: TABLE domain_applications; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.domain_applications TO __APP_ROLE__;


--
-- Name: TABLE domain_connections; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.domain_connections TO __APP_ROLE__;


--
-- Name: TABLE domain_usage; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.domain_usage TO __APP_ROLE__;


--
-- Name: TABLE installation_facts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.installation_facts TO __APP_ROLE__;


--
-- Name: TABLE portal_sessions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.portal_sessions TO __APP_ROLE__;


--
-- Name: TABLE rate_limit_buckets; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.rate_limit_buckets TO __APP_ROLE__;


--
-- Name: TABLE recovery_codes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.recovery_codes TO __APP_ROLE__;


--
-- Name: TABLE tenants; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.tenants TO __APP_ROLE__;


--
-- Name: TABLE users; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.users TO __APP_ROLE__;


--
-- Name: TABLE webhook_attempts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.webhook_attempts TO __APP_ROLE__;


--
-- Name: TABLE webhook_deliveries; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.webhook_deliveries TO __APP_ROLE__;


--
-- PostgreSQL database dump complete
--


