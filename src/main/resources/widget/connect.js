/*!
 * Gatehouse Connect Domain widget (connect.js). No dependencies, no eval, no inline styles.
 *
 * On your page:
 *   <div id="gh-connect"></div>
 *   <script src="https://gatehouse.example/widget/v1/connect.js"></script>
 *   <script>
 *     GatehouseConnect.mount(document.getElementById('gh-connect'), {
 *       token: '<widget token minted by your server>',   // required
 *       apiBase: 'https://gatehouse.example',            // optional: defaults to the origin this script came from
 *       locale: 'en',                                    // optional: 'en' (default) or 'es'
 *       onChange(connection) {},                         // optional: every time the connection is shown
 *       onLive(connection) {}                            // optional: once, when the domain is live
 *     });
 *   </script>
 *
 * The widget renders into a shadow root (styles cannot leak either way) with a constructed
 * stylesheet, so it works under a strict Content-Security-Policy: allow the Gatehouse origin in
 * script-src and connect-src. Colours follow CSS custom properties set on the host element:
 * --gh-accent, --gh-accent-text, --gh-text, --gh-bg, --gh-border, --gh-error, --gh-success, --gh-font.
 * mount() returns { unmount() }.
 */
(() => {
  'use strict';

  const SCRIPT = document.currentScript;
  const DEFAULT_BASE = SCRIPT && SCRIPT.src ? new URL(SCRIPT.src, window.location.href).origin : window.location.origin;
  const POLL_MS = 30000;

  const STRINGS = {
    en: {
      title: 'Connect your domain',
      titleApp: 'Connect your domain to {app}',
      intro: 'Enter the domain or subdomain you want to use, such as shop.example.com.',
      label: 'Your domain',
      submit: 'Continue',
      submitting: 'Connecting…',
      loading: 'Loading…',
      emptyDomain: 'Enter your domain, such as shop.example.com.',
      badDomain: 'That does not look like a domain. Enter it like shop.example.com, without https:// or a path.',
      recordsTitle: 'Add these DNS records',
      recordsIntro: 'Sign in where you manage the DNS of {host} and create the records below exactly as shown. Then press “Check now”.',
      caption: 'DNS records for {host}',
      type: 'Type', name: 'Name', value: 'Value', check: 'Check', copyColumn: 'Copy',
      copy: 'Copy', copied: 'Copied', copyLabel: 'Copy the value of the {type} record',
      copiedStatus: 'The {type} value was copied.',
      copyManual: 'Copying is not available here: the value is selected, press Ctrl+C (or ⌘C) to copy it.',
      eitherOr: 'Create either the CNAME record or the A/AAAA records; one complete set is enough.',
      checkNow: 'Check now', checking: 'Checking…',
      checkingStatus: 'Checking your DNS records…',
      propagation: 'DNS changes can take a few minutes (sometimes a few hours) to be visible.',
      lastChecked: 'Last checked at {time}.',
      statusPending: 'Waiting for the ownership record (TXT) with the exact value shown.',
      statusVerified: 'Ownership confirmed. Waiting for your domain to point at us.',
      statusFailed: 'We stopped checking because the records were not found in time. Check them and press “Check now” to try again.',
      statusFailedUnavailable: 'We stopped checking because your DNS servers still did not answer a day after the deadline. Press “Check now” to try again.',
      statusRemoved: 'This connection was removed. Reload the page to start again.',
      notChecked: 'Not checked yet',
      ok: 'Found, correct',
      okOwnership: 'Confirmed',
      mismatch: 'Found a different value: {found}',
      noRecords: 'Not found yet',
      nxdomain: 'The name does not exist yet',
      servfail: 'No answer: the DNS servers reported an error; we will retry',
      timeout: 'No answer: the DNS servers did not answer; we will retry',
      reasonOwnership: 'We could not find the TXT record with the exact value shown yet.',
      reasonUnavailable: 'The DNS servers did not answer; we will retry.',
      verifyBy: 'Please add the records by {time}.',
      reasonRouting: 'Your domain does not point at us yet: check the routing record.',
      reasonTaken: 'This domain has been connected somewhere else in the meantime.',
      reasonQuota: 'No more domains can be connected right now. Please contact us.',
      reasonOther: 'The last check did not succeed.',
      caaForbidden: 'The secure certificate for {host} will fail: the CAA records of {domain} do not allow the certificate authorities we use ({cas}).',
      caaCritical: 'The secure certificate for {host} will fail: the CAA records of {domain} contain a critical property that certificate authorities do not know. Fix or remove it.',
      caaFix: 'To fix it, add a CAA record at {domain} with the value {value}.',
      doneTitle: 'Your domain is connected',
      doneText: '{host} is live on {app}. The secure certificate is set up on the first visit, which can take a minute.',
      errExpired: 'This session has expired. Reload the page to start again.',
      errForbidden: 'This domain cannot be connected from this page.',
      errInvalid: 'That domain cannot be used: it {reason}.',
      errTaken: 'This domain is already connected somewhere else.',
      errQuota: 'No more domains can be connected right now. Please contact us.',
      errRate: 'Too many attempts. Wait a minute and try again.',
      errNotFound: 'This connection no longer exists. Reload the page to start again.',
      errNetwork: 'We could not reach the server. Check your connection and try again.',
      errServer: 'Something went wrong on our side. Try again in a moment.'
    },
    es: {
      title: 'Conecta tu dominio',
      titleApp: 'Conecta tu dominio a {app}',
      intro: 'Escribe el dominio o subdominio que quieres usar, por ejemplo tienda.ejemplo.com.',
      label: 'Tu dominio',
      submit: 'Continuar',
      submitting: 'Conectando…',
      loading: 'Cargando…',
      emptyDomain: 'Escribe tu dominio, por ejemplo tienda.ejemplo.com.',
      badDomain: 'Eso no parece un dominio. Escríbelo así: tienda.ejemplo.com, sin https:// ni ruta.',
      recordsTitle: 'Agrega estos registros DNS',
      recordsIntro: 'Entra donde administras el DNS de {host} y crea los registros de abajo tal como se muestran. Después pulsa «Comprobar ahora».',
      caption: 'Registros DNS para {host}',
      type: 'Tipo', name: 'Nombre', value: 'Valor', check: 'Comprobación', copyColumn: 'Copiar',
      copy: 'Copiar', copied: 'Copiado', copyLabel: 'Copiar el valor del registro {type}',
      copiedStatus: 'Se copió el valor {type}.',
      copyManual: 'No se puede copiar aquí: el valor está seleccionado, pulsa Ctrl+C (o ⌘C) para copiarlo.',
      eitherOr: 'Crea el registro CNAME o los registros A/AAAA; basta con un conjunto completo.',
      checkNow: 'Comprobar ahora', checking: 'Comprobando…',
      checkingStatus: 'Comprobando tus registros DNS…',
      propagation: 'Los cambios de DNS pueden tardar unos minutos (a veces unas horas) en verse.',
      lastChecked: 'Última comprobación a las {time}.',
      statusPending: 'Esperando el registro de propiedad (TXT) con el valor exacto indicado.',
      statusVerified: 'Propiedad confirmada. Esperando a que tu dominio apunte a nosotros.',
      statusFailed: 'Dejamos de comprobar porque no encontramos los registros a tiempo. Revísalos y pulsa «Comprobar ahora» para intentarlo de nuevo.',
      statusFailedUnavailable: 'Dejamos de comprobar porque tus servidores DNS seguían sin responder un día después del plazo. Pulsa «Comprobar ahora» para intentarlo de nuevo.',
      statusRemoved: 'Esta conexión se eliminó. Recarga la página para empezar de nuevo.',
      notChecked: 'Aún sin comprobar',
      ok: 'Encontrado, correcto',
      okOwnership: 'Confirmado',
      mismatch: 'Se encontró otro valor: {found}',
      noRecords: 'Aún no encontrado',
      nxdomain: 'El nombre aún no existe',
      servfail: 'Sin respuesta: los servidores DNS informaron de un error; lo intentaremos de nuevo',
      timeout: 'Sin respuesta: los servidores DNS no respondieron; lo intentaremos de nuevo',
      reasonOwnership: 'Aún no encontramos el registro TXT con el valor exacto indicado.',
      reasonUnavailable: 'Los servidores DNS no respondieron; lo intentaremos de nuevo.',
      verifyBy: 'Agrega los registros antes del {time}.',
      reasonRouting: 'Tu dominio aún no apunta a nosotros: revisa el registro de enrutamiento.',
      reasonTaken: 'Este dominio se conectó en otro lugar mientras tanto.',
      reasonQuota: 'Ahora no se pueden conectar más dominios. Contáctanos, por favor.',
      reasonOther: 'La última comprobación no tuvo éxito.',
      caaForbidden: 'El certificado seguro de {host} fallará: los registros CAA de {domain} no permiten las autoridades de certificación que usamos ({cas}).',
      caaCritical: 'El certificado seguro de {host} fallará: los registros CAA de {domain} tienen una propiedad crítica que las autoridades de certificación no reconocen. Corrígela o elimínala.',
      caaFix: 'Para corregirlo, agrega en {domain} un registro CAA con el valor {value}.',
      doneTitle: 'Tu dominio está conectado',
      doneText: '{host} ya funciona en {app}. El certificado seguro se configura en la primera visita, lo que puede tardar un minuto.',
      errExpired: 'Esta sesión caducó. Recarga la página para empezar de nuevo.',
      errForbidden: 'Este dominio no se puede conectar desde esta página.',
      errInvalid: 'Ese dominio no se puede usar. Escribe un dominio o subdominio propio, por ejemplo tienda.ejemplo.com.',
      errTaken: 'Este dominio ya está conectado en otro lugar.',
      errQuota: 'Ahora no se pueden conectar más dominios. Contáctanos, por favor.',
      errRate: 'Demasiados intentos. Espera un minuto y vuelve a intentarlo.',
      errNotFound: 'Esta conexión ya no existe. Recarga la página para empezar de nuevo.',
      errNetwork: 'No pudimos contactar con el servidor. Revisa tu conexión e inténtalo de nuevo.',
      errServer: 'Algo falló de nuestro lado. Inténtalo de nuevo en un momento.'
    }
  };

  const CSS = `
:host { display: block; color: var(--gh-text, #1f2328); font: 15px/1.5 var(--gh-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif); }
.gh { background: var(--gh-bg, #fff); border: 1px solid var(--gh-border, #d0d7de); border-radius: 8px; padding: 1.25rem; max-width: 52rem; box-sizing: border-box; }
h2 { font-size: 1.25rem; line-height: 1.3; margin: 0 0 .5rem; }
h2[tabindex="-1"]:focus { outline: none; }
p { margin: 0 0 .75rem; }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
.gh-row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-start; }
input { font: inherit; color: inherit; background: var(--gh-bg, #fff); padding: .5rem .625rem; border: 1px solid var(--gh-border-strong, #8c959f); border-radius: 6px; width: 100%; max-width: 24rem; box-sizing: border-box; }
input[readonly] { background: var(--gh-muted-bg, #f6f8fa); }
input[aria-invalid="true"] { border-color: var(--gh-error, #cf222e); }
button { font: inherit; font-weight: 600; padding: .5rem 1rem; border-radius: 6px; border: 1px solid transparent; background: var(--gh-accent, #0969da); color: var(--gh-accent-text, #fff); cursor: pointer; }
button.gh-copy { background: transparent; color: var(--gh-accent, #0969da); border-color: currentColor; padding: .25rem .625rem; font-size: .875rem; }
button:disabled, button[aria-disabled="true"] { opacity: .6; cursor: progress; }
:focus-visible { outline: 3px solid var(--gh-focus, #0969da); outline-offset: 2px; }
.gh-error { color: var(--gh-error, #cf222e); margin: .375rem 0 0; }
.gh-error:empty { margin: 0; }
.gh-wrap { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding-bottom: .375rem; }
th, td { text-align: left; padding: .5rem; border-bottom: 1px solid var(--gh-border, #d0d7de); vertical-align: top; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .875rem; word-break: break-all; }
.gh-ok { color: var(--gh-success, #1a7f37); }
.gh-bad { color: var(--gh-error, #cf222e); }
.gh-muted { color: var(--gh-muted, #59636e); font-size: .875rem; }
.gh-live { margin: 1rem 0; padding: .5rem .75rem; border-radius: 6px; background: var(--gh-muted-bg, #f6f8fa); }
.gh-live:empty { margin: 0; padding: 0; }
.gh-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

  let constructedSheet = null;

  /** Styles without a style attribute or (where supported) a style element, so a strict CSP allows them. */
  function applyStyles(root) {
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      if (!constructedSheet) {
        constructedSheet = new CSSStyleSheet();
        constructedSheet.replaceSync(CSS);
      }
      root.adoptedStyleSheets = [constructedSheet];
    } else {
      const style = document.createElement('style');
      style.textContent = CSS;
      root.appendChild(style);
    }
  }

  /** Builds an element; text only through textContent, never HTML. */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child instanceof Node ? child : String(child));
      }
    }
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? String(values[key]) : ''));
  }

  /** What the user typed, reduced to a bare host name: scheme, path, port and trailing dot dropped. */
  function cleanDomain(input) {
    let s = input.trim().toLowerCase();
    s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
    s = s.split(/[/?#]/)[0].replace(/:\d+$/, '').replace(/\.$/, '');
    return s;
  }

  function looksLikeDomain(s) {
    return s.length <= 253 && s.includes('.') && !/\s/.test(s) && !s.split('.').some((label) => label.length === 0 || label.length > 63);
  }

  class WidgetError extends Error {
    constructor(kind, detail) {
      super(kind);
      this.kind = kind;
      this.detail = detail || null;
    }
  }

  class Widget {
    constructor(host, options) {
      this.host = host;
      this.token = options.token;
      this.base = String(options.apiBase || DEFAULT_BASE).replace(/\/+$/, '');
      this.t = STRINGS[options.locale] || STRINGS.en;
      this.onChange = typeof options.onChange === 'function' ? options.onChange : null;
      this.onLive = typeof options.onLive === 'function' ? options.onLive : null;
      this.session = null;
      this.connection = null;
      this.timer = null;
      this.checking = false;
      this.alive = true;
      this.root = host.shadowRoot || host.attachShadow({ mode: 'open' });
      this.root.replaceChildren();
      applyStyles(this.root);
      this.live = h('div', { class: 'gh-live', role: 'status', 'aria-live': 'polite' });
      this.step = h('div');
      this.frame = h('section', { class: 'gh', 'aria-busy': 'true' }, this.step, this.live);
      this.root.append(this.frame);
      this.step.append(h('p', { text: this.t.loading }));
      this.start();
    }

    async start() {
      try {
        this.session = (await this.request('GET', '/session')).data;
        this.showForm();
      } catch (e) {
        this.showFatal(e);
      } finally {
        this.frame.removeAttribute('aria-busy');
      }
    }

    async request(method, path, body) {
      const headers = { Authorization: 'Bearer ' + this.token };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let response;
      try {
        response = await fetch(this.base + '/widget/v1' + path, {
          method, headers, body: body === undefined ? undefined : JSON.stringify(body),
          mode: 'cors', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer'
        });
      } catch (e) {
        throw new WidgetError('network');
      }
      let data = null;
      try {
        data = await response.json();
      } catch (e) {
        data = null;
      }
      if (!response.ok) throw new WidgetError(Widget.kindOf(response.status, data), data);
      return { status: response.status, data };
    }

    static kindOf(status, problem) {
      const code = problem && problem.code;
      if (status === 401) return 'expired';
      if (status === 403) return 'forbidden';
      if (code === 'invalid_hostname') return 'invalid';
      if (status === 409) return 'taken';
      if (status === 402) return 'quota';
      if (status === 429) return 'rate';
      if (status === 404) return 'notFound';
      if (status === 400) return 'invalid';
      return 'server';
    }

    message(error) {
      const t = this.t;
      switch (error.kind) {
        case 'expired': return t.errExpired;
        case 'forbidden': return t.errForbidden;
        case 'invalid': {
          const reason = error.detail && error.detail.errors && error.detail.errors[0] && error.detail.errors[0].message;
          return reason ? fill(t.errInvalid, { reason }) : t.badDomain;
        }
        case 'taken': return t.errTaken;
        case 'quota': return t.errQuota;
        case 'rate': return t.errRate;
        case 'notFound': return t.errNotFound;
        case 'network': return t.errNetwork;
        default: return t.errServer;
      }
    }

    title() {
      const app = this.session && this.session.application && this.session.application.name;
      return app ? fill(this.t.titleApp, { app }) : this.t.title;
    }

    show(heading, ...content) {
      this.step.replaceChildren(heading, ...content.filter((node) => node));
    }

    focus(node) {
      if (this.alive) node.focus();
    }

    showFatal(error) {
      this.stopPolling();
      const heading = h('h2', { tabindex: '-1', text: this.title() });
      this.show(heading, h('p', { class: 'gh-error', role: 'alert', text: this.message(error) }));
    }

    showForm() {
      const t = this.t;
      const bound = this.session.hostname;
      const error = h('p', { id: 'gh-domain-error', class: 'gh-error', role: 'alert' });
      const input = h('input', {
        id: 'gh-domain', name: 'domain', type: 'text', inputmode: 'url', autocomplete: 'off',
        autocapitalize: 'none', spellcheck: 'false', required: true, readonly: Boolean(bound),
        value: bound || null, 'aria-describedby': 'gh-domain-hint gh-domain-error'
      });
      const submit = h('button', { type: 'submit', text: t.submit });
      const form = h('form', { novalidate: true },
        h('label', { for: 'gh-domain', text: t.label }),
        h('div', { class: 'gh-row' }, input, submit),
        error);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        this.connect(input, submit, error);
      });
      this.show(h('h2', { tabindex: '-1', text: this.title() }), h('p', { id: 'gh-domain-hint', text: t.intro }), form);
    }

    invalid(input, error, text) {
      error.textContent = text;
      input.setAttribute('aria-invalid', 'true');
      this.focus(input);
    }

    async connect(input, submit, error) {
      const t = this.t;
      const domain = cleanDomain(input.value);
      if (!domain) return this.invalid(input, error, t.emptyDomain);
      if (!looksLikeDomain(domain)) return this.invalid(input, error, t.badDomain);
      error.textContent = '';
      input.removeAttribute('aria-invalid');
      submit.disabled = true;
      submit.textContent = t.submitting;
      try {
        const { data } = await this.request('POST', '/connections', { hostname: domain });
        this.showRecords(data);
      } catch (e) {
        submit.disabled = false;
        submit.textContent = t.submit;
        if (e.kind === 'expired') return this.showFatal(e);
        this.invalid(input, error, this.message(e));
      }
    }

    showRecords(connection) {
      const t = this.t;
      this.connection = connection;
      const host = connection.hostname;
      const heading = h('h2', { tabindex: '-1', text: t.recordsTitle });
      this.rows = connection.records.map((record) => this.recordRow(record));
      const table = h('table', null,
        h('caption', { text: fill(t.caption, { host }) }),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col', text: t.type }), h('th', { scope: 'col', text: t.name }),
          h('th', { scope: 'col', text: t.value }), h('th', { scope: 'col', text: t.check }),
          h('th', { scope: 'col' }, h('span', { class: 'gh-sr', text: t.copyColumn })))),
        h('tbody', null, this.rows.map((row) => row.tr)));
      const types = new Set(connection.records.map((r) => r.type));
      this.reason = h('p', { class: 'gh-bad gh-reason' });
      this.caa = h('p', { class: 'gh-bad gh-caa' });
      this.checked = h('p', { class: 'gh-muted' });
      this.deadline = h('p', { class: 'gh-muted gh-deadline' });
      this.checkButton = h('button', { type: 'button', class: 'gh-check-now', text: t.checkNow, onclick: () => this.check() });
      this.show(heading,
        h('p', { text: fill(t.recordsIntro, { host }) }),
        h('div', { class: 'gh-wrap' }, table),
        types.has('CNAME') && (types.has('A') || types.has('AAAA')) ? h('p', { class: 'gh-muted', text: t.eitherOr }) : null,
        h('p', { class: 'gh-muted', text: t.propagation }),
        this.reason, this.caa, this.checked, this.deadline, this.checkButton);
      this.focus(heading);
      this.update(connection, true);
      this.schedulePoll();
    }

    recordRow(record) {
      const t = this.t;
      const value = h('code', { class: 'gh-value', text: record.value });
      const status = h('td', { class: 'gh-record-check', text: t.notChecked });
      const copy = h('button', {
        type: 'button', class: 'gh-copy', text: t.copy,
        'aria-label': fill(t.copyLabel, { type: record.type }),
        onclick: () => this.copy(record, value, copy)
      });
      const tr = h('tr', { 'data-type': record.type },
        h('td', { text: record.type }), h('td', null, h('code', { text: record.name })),
        h('td', null, value), status, h('td', null, copy));
      return { record, status, tr };
    }

    async copy(record, valueNode, button) {
      const t = this.t;
      let done = false;
      try {
        if (navigator.clipboard && window.isSecureContext) {
          await navigator.clipboard.writeText(record.value);
          done = true;
        }
      } catch (e) {
        done = false;
      }
      if (!done) done = this.copyWithSelection(record.value);
      if (done) {
        button.textContent = t.copied;
        this.say(fill(t.copiedStatus, { type: record.type }));
        setTimeout(() => { button.textContent = t.copy; }, 2000);
      } else {
        window.getSelection().selectAllChildren(valueNode);
        this.say(t.copyManual);
      }
    }

    copyWithSelection(text) {
      const area = h('textarea', { readonly: true, class: 'gh-sr', 'aria-hidden': 'true', tabindex: '-1' });
      area.value = text;
      this.root.append(area);
      area.select();
      let ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      area.remove();
      return ok;
    }

    /** The button stays enabled (and focused) while checking; aria-disabled tells, the flag guards. */
    async check() {
      const t = this.t;
      if (this.checking) return;
      this.checking = true;
      this.checkButton.setAttribute('aria-disabled', 'true');
      this.checkButton.textContent = t.checking;
      this.say(t.checkingStatus);
      try {
        const { data } = await this.request('POST', '/connections/' + encodeURIComponent(this.connection.id) + '/verify');
        this.update(data, false);
      } catch (e) {
        if (e.kind === 'expired' || e.kind === 'notFound') return this.showFatal(e);
        this.say(this.message(e));
      } finally {
        this.checking = false;
        if (this.checkButton && this.checkButton.isConnected) {
          this.checkButton.removeAttribute('aria-disabled');
          this.checkButton.textContent = t.checkNow;
        }
      }
    }

    update(connection, quiet) {
      this.connection = connection;
      if (this.onChange) this.onChange(connection);
      if (connection.status === 'live') return this.showDone(connection);
      const t = this.t;
      const checks = connection.last_check || [];
      const proven = connection.status === 'verified';
      for (const row of this.rows) {
        const found = checks.find((c) => c.type === row.record.type && c.name === row.record.name && c.expected === row.record.value);
        this.describe(row, found, proven && row.record.purpose === 'ownership');
      }
      const unavailable = connection.failure_reason === 'dns_unavailable';
      const status = {
        pending: t.statusPending, verified: t.statusVerified, removed: t.statusRemoved,
        failed: unavailable ? t.statusFailedUnavailable : t.statusFailed
      }[connection.status] || '';
      // A failed connection is not retried: its status sentence says why, not "we will retry".
      this.reason.textContent = connection.last_checked_at && !(unavailable && connection.status === 'failed')
        ? this.reasonText(connection.failure_reason) : '';
      // The DNS servers not answering is nobody's mistake: said plainly, not in the error colour.
      this.reason.className = unavailable ? 'gh-muted gh-reason' : 'gh-bad gh-reason';
      this.deadline.textContent = connection.status === 'pending' && connection.verification_deadline
        ? fill(t.verifyBy, { time: new Date(connection.verification_deadline).toLocaleString() }) : '';
      this.caa.textContent = this.caaText(connection);
      this.checked.textContent = connection.last_checked_at
        ? fill(t.lastChecked, { time: new Date(connection.last_checked_at).toLocaleTimeString() }) : '';
      if (!quiet || connection.last_checked_at) this.say(status);
    }

    describe(row, check, proven) {
      const t = this.t;
      let text = t.notChecked;
      let good = null;
      if (check && check.ok) {
        text = row.record.purpose === 'ownership' ? t.okOwnership : t.ok;
        good = true;
      } else if (proven) {
        text = t.okOwnership;
        good = true;
      } else if (check && (check.outcome === 'servfail' || check.outcome === 'timeout')) {
        text = check.outcome === 'servfail' ? t.servfail : t.timeout;
      } else if (check) {
        good = false;
        text = {
          mismatch: fill(t.mismatch, { found: (check.found || []).join(', ') }),
          no_records: t.noRecords, nxdomain: t.nxdomain, servfail: t.servfail, timeout: t.timeout
        }[check.outcome] || t.noRecords;
      }
      row.status.textContent = text;
      row.status.className = 'gh-record-check' + (good === true ? ' gh-ok' : good === false ? ' gh-bad' : '');
      row.tr.setAttribute('data-ok', good === true ? 'true' : 'false');
    }

    reasonText(reason) {
      const t = this.t;
      if (!reason) return '';
      return {
        ownership_not_proven: t.reasonOwnership, routing_mismatch: t.reasonRouting,
        dns_unavailable: t.reasonUnavailable,
        hostname_taken: t.reasonTaken, quota_exceeded: t.reasonQuota
      }[reason] || t.reasonOther;
    }

    /**
     * Why the certificate will fail when the CAA records forbid our CAs; '' otherwise (allowed,
     * or not known because DNS did not answer: nothing the customer can act on).
     */
    caaText(connection) {
      const t = this.t;
      const caa = connection.caa;
      if (!caa || caa.status !== 'forbidden') return '';
      const values = { host: connection.hostname, domain: caa.domain || connection.hostname };
      if (caa.reason === 'unknown_critical_property') return fill(t.caaCritical, values);
      const cas = caa.allowed_cas || [];
      const fix = cas.length ? ' ' + fill(t.caaFix, { domain: values.domain, value: '0 issue "' + cas[0] + '"' }) : '';
      return fill(t.caaForbidden, { ...values, cas: cas.join(', ') }) + fix;
    }

    showDone(connection) {
      this.stopPolling();
      const t = this.t;
      const app = (this.session && this.session.application && this.session.application.name) || '';
      const heading = h('h2', { tabindex: '-1', class: 'gh-done', text: t.doneTitle });
      const caa = this.caaText(connection);
      this.show(heading, h('p', { class: 'gh-ok', text: fill(t.doneText, { host: connection.hostname, app }) }),
        caa ? h('p', { class: 'gh-bad gh-caa', text: caa }) : null);
      this.say('');
      this.focus(heading);
      if (this.onLive) {
        const callback = this.onLive;
        this.onLive = null;
        callback(connection);
      }
    }

    say(text) {
      this.live.textContent = text;
    }

    /** Picks up changes the service's background checks make, while the page is visible. */
    schedulePoll() {
      this.stopPolling();
      this.timer = setTimeout(async () => {
        if (!this.alive || !this.connection) return;
        if (document.visibilityState === 'visible' && !this.checking) {
          try {
            const { data } = await this.request('GET', '/connections/' + encodeURIComponent(this.connection.id));
            if (data.status !== this.connection.status || data.last_checked_at !== this.connection.last_checked_at) {
              this.update(data, true);
            }
          } catch (e) {
            if (e.kind === 'expired' || e.kind === 'notFound') return this.showFatal(e);
          }
        }
        if (this.alive && this.connection.status !== 'live') this.schedulePoll();
      }, POLL_MS);
    }

    stopPolling() {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    }

    unmount() {
      this.alive = false;
      this.stopPolling();
      this.root.replaceChildren();
    }
  }

  const mounted = new WeakMap();

  function mount(host, options) {
    if (!(host instanceof Element)) throw new TypeError('GatehouseConnect.mount needs an element to render into');
    if (!options || typeof options.token !== 'string' || options.token.length === 0) {
      throw new TypeError('GatehouseConnect.mount needs options.token: a widget token minted by your server');
    }
    if (mounted.has(host)) mounted.get(host).unmount();
    const widget = new Widget(host, options);
    mounted.set(host, widget);
    return Object.freeze({
      unmount() {
        widget.unmount();
        mounted.delete(host);
      }
    });
  }

  window.GatehouseConnect = Object.freeze({ mount, version: '1' });
})();
