// omniroute operator desk: plain JavaScript, no build step, no libraries.
// Everything that comes from the server (customer messages, names, previews, labels) is put
// into the page with textContent only: it is data, never markup.
(function () {
  'use strict';

  const BASE_TITLE = 'Operator desk — omniroute';
  const STORAGE_UNREAD = 'omniroute.desk.unread';
  const STORAGE_NAMES = 'omniroute.desk.customer-names';
  const TOAST_MS = 6000;
  const KB_DEBOUNCE_MS = 250;
  const SUPERVISOR_POLL_MS = 5000;
  const STATE_RETRY_MS = 10000;
  const EXPIRED_SHOWN_MS = 1000;
  const RETRY_503_DELAYS_MS = [1500, 3000, 5000];
  const STREAM_RETRY_FIRST_MS = 1000;
  const STREAM_RETRY_MAX_MS = 30000;
  const COUNTED_MESSAGES_MAX = 2000;
  const NARROW = window.matchMedia('(max-width: 600px)');

  const REASON_LABELS = new Map([
    ['out_of_scope', 'Out of scope'],
    ['customer_request', 'Customer asked for a human'],
    ['repeated_failure', 'Bot failed repeatedly'],
    ['operator_only_intent', 'Operator-only intent'],
    ['no_answer', 'No answer in this language'],
    ['unsupported_content', 'Unsupported content'],
    ['unspecified', 'Not specified'],
  ]);
  const AUTHOR_LABELS = new Map([
    ['customer', 'Customer'],
    ['bot', 'Bot'],
    ['system', 'System'],
  ]);

  // Every element the script talks to; desk.html must have them all (checked at start).
  const ELEMENT_IDS = [
    'link-state', 'signin-form', 'signin-operator', 'signin-key', 'signin-submit',
    'signin-error', 'desk', 'me', 'status-select', 'status-offline', 'signout',
    'nav-inbox', 'nav-supervisor', 'nav-offer-count', 'shortcuts-open', 'workspace',
    'offers', 'inbox', 'forbidden', 'conversation-placeholder', 'conversation',
    'conversation-title', 'conversation-meta', 'transcript', 'reply-form', 'reply-text',
    'reply-send', 'transfer-target', 'transfer-note', 'transfer-submit', 'resolve-intent',
    'intent-options', 'resolve-note', 'resolve-exclude', 'resolve-submit', 'customer-card',
    'bot-guess', 'kb-search', 'kb-results', 'history', 'past-conversations', 'supervisor',
    'supervisor-updated', 'queues', 'operators', 'operator-summary', 'self-service-share',
    'self-service-counts', 'bot-accuracy', 'bot-accuracy-label', 'handoff-reasons',
    'shortcuts', 'shortcuts-close', 'toast',
  ];
  const ui = {};

  // Everything that belongs to one signed-in session. Replaced as a whole on sign-out;
  // `generation` grows each time, so answers to requests of an older session are dropped.
  function freshState(generation, csrf) {
    return {
      generation,
      csrf,
      signedIn: false,
      me: null,
      offers: new Map(), // offer_id → {offer, node, countdown, buttons, busy, expired, expiredAt}
      conversations: new Map(), // conversation_id → Conversation: the inbox
      inboxNodes: new Map(), // conversation_id → {li, button}
      unread: new Map(), // conversation_id → count
      countedMessages: new Set(), // message ids already counted as unread
      customerNames: new Map(), // customer_id → display name
      drafts: new Map(), // conversation_id → unsent reply text
      open: null, // the conversation in the middle pane
      pendingReply: null, // a reply that failed: the same text is resent with the same id
      sending: false,
      clockOffsetMs: 0, // server time minus local time
      events: null,
      streamDown: false,
      linkDown: false,
      routerDown: false,
      streamRetryMs: STREAM_RETRY_FIRST_MS,
      streamRetryTimer: 0,
      stateLoading: false,
      stateReloadAgain: false,
      stateRetryTimer: 0,
      tickTimer: 0,
      kbTimer: 0,
      kbSeq: 0,
      supervisorPoll: null,
      focusBeforeShortcuts: null,
    };
  }

  let desk = freshState(0, '');
  let toastTimer = 0;

  // ---------------------------------------------------------------- small helpers

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function camelCase(id) {
    return id.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
  }

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  // Enum values end up in class names; keep them to a safe alphabet.
  function token(value) {
    return String(value || 'unspecified').toLowerCase().replace(/[^a-z0-9_-]/g, '');
  }

  function parseTime(iso) {
    const time = iso ? Date.parse(iso) : NaN;
    return Number.isNaN(time) ? null : time;
  }

  function formatTime(iso) {
    const time = parseTime(iso);
    if (time === null) return '';
    const date = new Date(time);
    if (date.toDateString() === new Date().toDateString()) {
      return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    }
    return date.toLocaleString(undefined, {
      day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
    });
  }

  function timeElement(iso, className) {
    const node = el('time', className, formatTime(iso));
    if (iso) node.dateTime = iso;
    return node;
  }

  function formatDuration(seconds) {
    if (seconds === null || seconds === undefined) return '—';
    const total = Math.max(0, Math.round(Number(seconds) || 0));
    return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
  }

  function percent(share) {
    return `${Math.round((Number(share) || 0) * 100)}%`;
  }

  function formatBytes(size) {
    const bytes = Number(size) || 0;
    if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(1)} MB`;
    if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
    return `${bytes} B`;
  }

  function reasonLabel(reason) {
    return REASON_LABELS.get(reason) || String(reason || '').replace(/_/g, ' ');
  }

  function authorLabel(author) {
    const role = (author && author.role) || 'system';
    if (role === 'operator') return author.display_name || author.operator_id || 'Operator';
    return AUTHOR_LABELS.get(role) || role;
  }

  function channelBadge(channel) {
    const name = channel || 'unspecified';
    return el('span', `channel-badge channel-${token(name)}`, name);
  }

  function previewOf(message) {
    if (message.text) return message.text.slice(0, 200);
    const names = (message.attachments || []).map((file) => file.name || 'attachment');
    return names.join(', ');
  }

  function isWebUrl(url) {
    return typeof url === 'string' && /^https?:/i.test(url);
  }

  function isSupervisor() {
    return Boolean(desk.me) && (desk.me.role === 'supervisor' || desk.me.role === 'admin');
  }

  function isMine(message) {
    const author = message.author || {};
    return author.role === 'operator' && Boolean(desk.me) && author.operator_id === desk.me.operator_id;
  }

  function newClientMessageId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return window.crypto.randomUUID();
    }
    // randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere.
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }

  // sessionStorage can be disabled or full; the desk then keeps the values in memory only.
  function loadMap(key) {
    try {
      const entries = JSON.parse(sessionStorage.getItem(key) || '[]');
      return new Map(Array.isArray(entries) ? entries : []);
    } catch (_) {
      return new Map();
    }
  }

  function saveMap(key, map) {
    try {
      sessionStorage.setItem(key, JSON.stringify(Array.from(map.entries())));
    } catch (_) {
      // Not persisted: still correct for this page.
    }
  }

  function forgetStored() {
    try {
      sessionStorage.removeItem(STORAGE_UNREAD);
      sessionStorage.removeItem(STORAGE_NAMES);
    } catch (_) {
      // Nothing stored.
    }
  }

  // ---------------------------------------------------------------- toasts and banner

  function toast(text, kind = 'info') {
    ui.toast.textContent = text;
    ui.toast.dataset.kind = kind;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { ui.toast.textContent = ''; }, TOAST_MS);
  }

  // Three things can be down: the browser's event stream, the app's link to the router (the
  // `link` event) and the router behind a request (503). Any of them shows the banner.
  function renderLinkState() {
    const down = desk.signedIn && (desk.streamDown || desk.linkDown || desk.routerDown);
    ui.linkState.hidden = !down;
    ui.linkState.dataset.state = down ? 'reconnecting' : 'connected';
    ui.linkState.textContent = 'Reconnecting…';
  }

  function setStreamDown(down) {
    desk.streamDown = down;
    renderLinkState();
  }

  function setRouterDown(down) {
    if (desk.routerDown === down) return;
    desk.routerDown = down;
    renderLinkState();
  }

  // ---------------------------------------------------------------- the API

  const STATUS_TEXT = new Map([
    [0, 'The desk server cannot be reached'],
    [401, 'Please sign in again'],
    [403, 'You are not allowed to do that'],
    [404, 'Not found'],
    [409, 'This is no longer possible'],
    [422, 'Invalid input'],
    [429, 'Too many attempts'],
    [503, 'Router unreachable, try again shortly'],
  ]);

  class ApiError extends Error {
    constructor(status, body) {
      const data = body || {};
      super(data.error || STATUS_TEXT.get(status) || `Request failed (${status})`);
      this.status = status;
      this.code = data.code || '';
      this.field = data.field || '';
      this.retryAfter = Number(data.retry_after) || 0;
    }
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch (_) {
      return {};
    }
  }

  // The one path of every request, so CSRF, error display, 401 and 503 behave the same
  // everywhere. options.expected: statuses the caller reports itself (no toast, no sign-out).
  // options.quiet: report nothing and do not retry (background checks).
  // A 503 is retried a few times: every POST of the desk is idempotent (offers, replies by
  // client_message_id, resolve, status) or fails harmlessly with 409 when repeated (transfer).
  async function api(method, url, body, options = {}) {
    const expected = options.expected || [];
    const generation = desk.generation;
    const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (method === 'POST') {
      init.headers['Content-Type'] = 'application/json';
      init.headers['X-CSRF-Token'] = desk.csrf;
      init.body = JSON.stringify(body || {});
    }
    for (let attempt = 0; ; attempt += 1) {
      let response = null;
      try {
        response = await fetch(url, init);
      } catch (_) {
        // fetch rejects only when no answer came at all (server down, network gone).
      }
      const data = response ? await readJson(response) : {};
      if (response && response.ok) {
        setRouterDown(false);
        return data;
      }
      const status = response ? response.status : 0;
      const error = new ApiError(status, data);
      if (options.quiet) throw error;
      if (status === 503) {
        setRouterDown(true);
        if (attempt < RETRY_503_DELAYS_MS.length) {
          toast('Router unreachable, retrying…', 'error');
          await sleep(RETRY_503_DELAYS_MS[attempt]);
          if (generation !== desk.generation) throw error; // signed out meanwhile
          continue;
        }
      }
      if (expected.includes(status)) throw error;
      if (status === 401) {
        handleSessionEnded();
        throw error;
      }
      toast(error.message, 'error');
      throw error;
    }
  }

  function apiGet(url, options) {
    return api('GET', url, null, options);
  }

  function apiPost(url, body, options) {
    return api('POST', url, body, options);
  }

  function enc(id) {
    return encodeURIComponent(id);
  }

  // ---------------------------------------------------------------- routing

  function conversationPath(id) {
    return `/conversations/${enc(id)}`;
  }

  function parseRoute(pathname) {
    if (pathname === '/supervisor' || pathname === '/supervisor/') return { view: 'supervisor' };
    const match = /^\/conversations\/([^/]+)\/?$/.exec(pathname);
    if (match) {
      try {
        return { view: 'conversation', id: decodeURIComponent(match[1]) };
      } catch (_) {
        // A malformed address: show the inbox.
      }
    }
    return { view: 'inbox' };
  }

  function navigate(path, replace = false) {
    if (location.pathname !== path) {
      if (replace) history.replaceState(null, '', path);
      else history.pushState(null, '', path);
    }
    applyRoute();
  }

  function applyRoute() {
    if (!desk.signedIn) return;
    const route = parseRoute(location.pathname);
    if (route.view === 'supervisor') {
      if (isSupervisor()) {
        showView('supervisor');
        return;
      }
      history.replaceState(null, '', '/');
      route.view = 'inbox';
    }
    showView('workspace');
    if (route.view === 'conversation') {
      if (!desk.open || desk.open.id !== route.id) openConversation(route.id);
    } else {
      closeConversationPane(true);
    }
  }

  function showView(name) {
    ui.workspace.hidden = name !== 'workspace';
    ui.supervisor.hidden = name !== 'supervisor';
    setCurrentLink(ui.navInbox, name === 'workspace');
    setCurrentLink(ui.navSupervisor, name === 'supervisor');
    if (name === 'supervisor') startSupervisorPolling();
    else stopSupervisorPolling();
  }

  function setCurrentLink(link, current) {
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  function onNavClick(event) {
    // Let the browser open a new tab or window on modified clicks.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(event.currentTarget.getAttribute('href'));
  }

  // ---------------------------------------------------------------- sign-in and session

  async function start() {
    for (const id of ELEMENT_IDS) {
      const node = document.getElementById(id);
      if (!node) throw new Error(`desk.html lacks #${id}`);
      ui[camelCase(id)] = node;
    }
    bindEvents();
    let session;
    try {
      session = await apiGet('/api/session', { quiet: true });
    } catch (_) {
      showSignIn();
      showSignInError('The desk server cannot be reached. Reload the page to try again.');
      return;
    }
    desk.csrf = session.csrf || '';
    if (session.signed_in && session.operator) startDesk(session.operator);
    else showSignIn();
  }

  function showSignIn() {
    ui.desk.hidden = true;
    ui.signinForm.hidden = false;
    ui.signinError.hidden = true;
    (ui.signinOperator.value ? ui.signinKey : ui.signinOperator).focus();
  }

  function showSignInError(text) {
    ui.signinError.textContent = text;
    ui.signinError.hidden = false;
  }

  async function refreshCsrf() {
    try {
      const session = await apiGet('/api/session', { quiet: true });
      desk.csrf = session.csrf || desk.csrf;
    } catch (_) {
      // The sign-in attempt will tell.
    }
  }

  async function onSignInSubmit(event) {
    event.preventDefault();
    ui.signinError.hidden = true;
    ui.signinSubmit.disabled = true;
    try {
      const data = await apiPost('/api/signin', {
        operator_id: ui.signinOperator.value.trim(),
        access_key: ui.signinKey.value,
      }, { expected: [0, 401, 403, 422, 429, 503] });
      ui.signinKey.value = '';
      desk.csrf = data.csrf || desk.csrf;
      startDesk(data.operator);
    } catch (error) {
      showSignInError(signInErrorText(error));
      // A stale CSRF token (e.g. the page sat open over a server restart) gets a fresh one.
      if (error.status === 403) refreshCsrf();
    } finally {
      ui.signinSubmit.disabled = false;
    }
  }

  function signInErrorText(error) {
    if (error.status === 429) {
      const wait = Math.max(1, Math.ceil(error.retryAfter));
      return `Too many sign-in attempts. Try again in ${wait} s.`;
    }
    if (error.status === 401) return 'Wrong operator id or access key.';
    if (error.status === 403) return 'The sign-in form expired. Please try again.';
    return error.message;
  }

  function startDesk(operator) {
    desk.signedIn = true;
    desk.unread = loadMap(STORAGE_UNREAD);
    desk.customerNames = loadMap(STORAGE_NAMES);
    setMe(operator);
    ui.signinForm.hidden = true;
    ui.desk.hidden = false;
    renderLinkState();
    renderOfferSummary();
    loadIntents();
    openEventStream();
    reloadState();
    desk.tickTimer = setInterval(tickOffers, 1000);
    applyRoute();
  }

  // Stops every timer and the event stream and empties the page, so nothing of one
  // operator's session is left for the next one.
  function stopDesk() {
    closeEventStream();
    clearTimeout(desk.streamRetryTimer);
    clearTimeout(desk.stateRetryTimer);
    clearInterval(desk.tickTimer);
    clearTimeout(desk.kbTimer);
    stopSupervisorPolling();
    closeConversationPane(false);
    toggleShortcuts(false);
    desk = freshState(desk.generation + 1, desk.csrf);
    for (const list of [ui.offers, ui.inbox, ui.kbResults, ui.intentOptions]) list.replaceChildren();
    clearSupervisor();
    ui.transferTarget.replaceChildren(option('', 'Choose a target…'));
    ui.kbSearch.value = '';
    ui.desk.hidden = true;
    renderOfferSummary();
    renderLinkState();
  }

  async function signOut() {
    try {
      await apiPost('/api/signout', {}, { expected: [401] });
    } catch (error) {
      if (error.status !== 401) return; // still signed in: the toast says why
    }
    stopDesk();
    forgetStored();
    history.replaceState(null, '', '/');
    showSignIn();
    toast('Signed out');
    refreshCsrf();
  }

  // A 401 in the middle of work: the session expired or was closed elsewhere. The address
  // stays, so after signing in again the same conversation opens.
  function handleSessionEnded() {
    if (!desk.signedIn) return;
    stopDesk();
    showSignIn();
    showSignInError('Your session has ended. Please sign in again.');
    refreshCsrf();
  }

  function setMe(operator) {
    desk.me = operator;
    ui.me.textContent = operator.display_name || operator.operator_id;
    ui.me.title = `${operator.operator_id} · ${operator.role}`;
    ui.navSupervisor.hidden = !isSupervisor();
    renderStatus(operator.status);
  }

  function renderStatus(status) {
    const selectable = status === 'available' || status === 'away';
    // An offline operator has no matching option: the select shows blank, the label explains.
    ui.statusSelect.value = selectable ? status : '';
    ui.statusSelect.dataset.status = token(status);
    ui.statusOffline.hidden = status !== 'offline';
  }

  async function onStatusChange() {
    const previous = desk.me.status;
    try {
      const data = await apiPost('/api/status', { status: ui.statusSelect.value });
      setMe(data.operator);
    } catch (_) {
      renderStatus(previous);
    }
  }

  function onStatusChanged(status, changedBy) {
    desk.me.status = status;
    renderStatus(status);
    if (changedBy === desk.me.operator_id) return;
    const by = changedBy ? ` by ${changedBy}` : '';
    toast(`Your status was set to ${status}${by}`);
  }

  // ---------------------------------------------------------------- state and events

  async function reloadState() {
    // Stream (re)opens and link events can come in bursts: one load at a time, one more after.
    if (desk.stateLoading) {
      desk.stateReloadAgain = true;
      return;
    }
    const generation = desk.generation;
    desk.stateLoading = true;
    clearTimeout(desk.stateRetryTimer);
    try {
      const state = await apiGet('/api/state');
      if (generation === desk.generation) applyState(state);
    } catch (error) {
      if (generation === desk.generation && error.status !== 401) {
        desk.stateRetryTimer = setTimeout(reloadState, STATE_RETRY_MS);
      }
    } finally {
      if (generation === desk.generation) {
        desk.stateLoading = false;
        if (desk.stateReloadAgain) {
          desk.stateReloadAgain = false;
          reloadState();
        }
      }
    }
  }

  function applyState(state) {
    syncClock(state.server_time);
    if (state.operator) setMe(state.operator);

    const offers = state.offers || [];
    const offerIds = new Set(offers.map((offer) => offer.offer_id));
    for (const offerId of Array.from(desk.offers.keys())) {
      if (!offerIds.has(offerId)) removeOffer(offerId);
    }
    offers.forEach(addOffer);

    const conversations = state.conversations || [];
    const ids = new Set(conversations.map((conversation) => conversation.conversation_id));
    for (const id of Array.from(desk.conversations.keys())) {
      if (!ids.has(id)) removeConversation(id);
    }
    for (const id of Array.from(desk.unread.keys())) {
      if (!ids.has(id)) desk.unread.delete(id);
    }
    saveMap(STORAGE_UNREAD, desk.unread);
    for (const conversation of conversations) {
      desk.conversations.set(conversation.conversation_id, conversation);
      renderInboxItem(conversation);
    }
    sortInbox();
    refreshOpenConversation();
  }

  function syncClock(serverTime) {
    const time = parseTime(serverTime);
    if (time !== null) desk.clockOffsetMs = time - Date.now();
  }

  function openEventStream() {
    closeEventStream();
    const source = new EventSource('/api/events');
    desk.events = source;
    source.addEventListener('open', () => {
      if (desk.events !== source) return;
      desk.streamRetryMs = STREAM_RETRY_FIRST_MS;
      setStreamDown(false);
      reloadState();
    });
    source.addEventListener('error', () => onStreamError(source));
    source.addEventListener('desk', (event) => {
      if (desk.events === source) handleDeskEvent(parseEventData(event));
    });
    source.addEventListener('link', (event) => {
      if (desk.events === source) handleLinkEvent(parseEventData(event));
    });
  }

  function closeEventStream() {
    if (desk.events) desk.events.close();
    desk.events = null;
  }

  function onStreamError(source) {
    if (desk.events !== source) return;
    setStreamDown(true);
    // On a network error the browser reconnects by itself (sending Last-Event-ID). On an
    // HTTP error (401, 503) it gives up for good: check the session, then open a new stream.
    if (source.readyState === EventSource.CLOSED) {
      closeEventStream();
      scheduleStreamRestart();
    }
  }

  function scheduleStreamRestart() {
    const delay = desk.streamRetryMs;
    desk.streamRetryMs = Math.min(delay * 2, STREAM_RETRY_MAX_MS);
    desk.streamRetryTimer = setTimeout(restartStream, delay);
  }

  async function restartStream() {
    const generation = desk.generation;
    let session;
    try {
      session = await apiGet('/api/session', { quiet: true });
    } catch (_) {
      if (generation === desk.generation) scheduleStreamRestart();
      return;
    }
    if (generation !== desk.generation) return;
    if (!session.signed_in) {
      handleSessionEnded();
      return;
    }
    desk.csrf = session.csrf || desk.csrf;
    openEventStream();
  }

  function parseEventData(event) {
    try {
      const data = JSON.parse(event.data);
      return data && typeof data === 'object' ? data : null;
    } catch (_) {
      return null;
    }
  }

  function handleLinkEvent(data) {
    if (!data) return;
    if (data.state === 'reconnecting') {
      desk.linkDown = true;
      renderLinkState();
    } else if (data.state === 'connected') {
      desk.linkDown = false;
      renderLinkState();
      reloadState();
    }
  }

  function handleDeskEvent(data) {
    if (!data) return;
    switch (data.type) {
      case 'session_started':
        if (data.operator) setMe(data.operator);
        break;
      case 'heartbeat':
        syncClock(data.server_time);
        break;
      case 'offer':
        addOffer(data);
        break;
      case 'offer_closed':
        onOfferClosed(data);
        break;
      case 'message':
        if (data.message) onMessage(data.message);
        break;
      case 'conversation_update':
        if (data.conversation) onConversationUpdate(data.change, data.conversation);
        break;
      case 'status_changed':
        onStatusChanged(data.status, data.changed_by);
        break;
      case 'delivery_failed':
        onDeliveryFailed(data);
        break;
      default:
        break; // unknown types are ignored: the server may add new ones
    }
  }

  // ---------------------------------------------------------------- offers

  function rememberCustomer(customer) {
    if (!customer || !customer.customer_id || !customer.display_name) return;
    if (desk.customerNames.get(customer.customer_id) === customer.display_name) return;
    desk.customerNames.set(customer.customer_id, customer.display_name);
    saveMap(STORAGE_NAMES, desk.customerNames);
  }

  // A Conversation carries only the customer id; names are learnt from offers and opened
  // conversations.
  function customerName(customerId) {
    return desk.customerNames.get(customerId) || (customerId ? `Customer ${customerId}` : 'Customer');
  }

  function addOffer(offer) {
    if (!offer.offer_id) return;
    rememberCustomer(offer.customer);
    const existing = desk.offers.get(offer.offer_id);
    if (existing) {
      existing.offer = offer;
      updateOfferCountdown(offer.offer_id, existing);
      return;
    }
    const entry = buildOffer(offer);
    desk.offers.set(offer.offer_id, entry);
    ui.offers.appendChild(entry.node);
    updateOfferCountdown(offer.offer_id, entry);
    renderOfferSummary();
  }

  function buildOffer(offer) {
    const conversation = offer.conversation || {};
    const customer = offer.customer || {};
    const node = el('li', 'offer offer--new');
    node.dataset.offerId = offer.offer_id;

    const head = el('div', 'offer-head');
    head.append(channelBadge(conversation.channel),
      el('span', 'offer-name', customer.display_name || customerName(conversation.customer_id)));
    if (customer.vip) head.append(el('span', 'vip-badge', 'VIP'));
    const countdown = el('span', 'offer-countdown');
    countdown.title = 'Seconds left to accept';
    head.append(countdown);
    node.append(head);

    node.append(el('p', 'offer-preview', conversation.last_message_preview || ''));
    const handoff = conversation.handoff;
    if (handoff) {
      const reason = reasonLabel(handoff.reason);
      node.append(el('p', 'offer-reason', handoff.intent ? `${reason} · ${handoff.intent}` : reason));
    }

    const accept = el('button', 'button button-primary offer-accept', 'Accept');
    const decline = el('button', 'button offer-decline', 'Decline');
    accept.type = 'button';
    decline.type = 'button';
    accept.addEventListener('click', () => acceptOffer(offer.offer_id));
    decline.addEventListener('click', () => declineOffer(offer.offer_id));
    const actions = el('div', 'offer-actions');
    actions.append(accept, decline);
    node.append(actions);
    return { offer, node, countdown, buttons: [accept, decline], busy: false, expired: false, expiredAt: 0 };
  }

  function secondsLeft(expiresAt) {
    const time = parseTime(expiresAt);
    if (time === null) return null;
    return Math.max(0, Math.ceil((time - (Date.now() + desk.clockOffsetMs)) / 1000));
  }

  // Shows 0 for a second when the offer runs out, then removes it (the server's
  // offer_closed may come a moment later and finds nothing to do).
  function updateOfferCountdown(offerId, entry) {
    const left = secondsLeft(entry.offer.expires_at);
    if (left === null) {
      entry.countdown.textContent = '';
      return;
    }
    if (left === 0 && entry.expired && Date.now() - entry.expiredAt >= EXPIRED_SHOWN_MS) {
      removeOffer(offerId);
      return;
    }
    entry.countdown.textContent = String(left);
    entry.node.classList.toggle('offer--urgent', left <= 10);
    if (left === 0 && !entry.expired) {
      entry.expired = true;
      entry.expiredAt = Date.now();
      entry.node.classList.add('offer--expired');
      entry.buttons.forEach((button) => { button.disabled = true; });
    }
  }

  function tickOffers() {
    for (const [offerId, entry] of Array.from(desk.offers)) updateOfferCountdown(offerId, entry);
  }

  function removeOffer(offerId) {
    const entry = desk.offers.get(offerId);
    if (!entry) return;
    entry.node.remove();
    desk.offers.delete(offerId);
    renderOfferSummary();
  }

  function onOfferClosed(data) {
    const had = desk.offers.has(data.offer_id);
    removeOffer(data.offer_id);
    if (had && data.reason === 'revoked') toast('An offer was withdrawn');
  }

  function renderOfferSummary() {
    const count = desk.offers.size;
    document.title = count ? `(${count}) ${BASE_TITLE}` : BASE_TITLE;
    ui.navOfferCount.textContent = String(count);
    ui.navOfferCount.hidden = count === 0;
  }

  function setOfferBusy(entry, busy) {
    entry.busy = busy;
    entry.buttons.forEach((button) => { button.disabled = busy || entry.expired; });
  }

  async function acceptOffer(offerId) {
    const entry = desk.offers.get(offerId);
    if (!entry || entry.busy || entry.expired) return;
    setOfferBusy(entry, true);
    try {
      const data = await apiPost(`/api/offers/${enc(offerId)}/accept`, {});
      removeOffer(offerId);
      const conversation = data.conversation || entry.offer.conversation;
      upsertConversation(conversation);
      navigate(conversationPath(conversation.conversation_id));
    } catch (error) {
      // 409: taken, expired or withdrawn meanwhile; the toast says so and the offer goes.
      if (error.status === 409 || error.status === 404) removeOffer(offerId);
      else setOfferBusy(entry, false);
    }
  }

  async function declineOffer(offerId) {
    const entry = desk.offers.get(offerId);
    if (!entry || entry.busy || entry.expired) return;
    setOfferBusy(entry, true);
    try {
      await apiPost(`/api/offers/${enc(offerId)}/decline`, {});
      removeOffer(offerId);
    } catch (error) {
      if (error.status === 409 || error.status === 404) removeOffer(offerId);
      else setOfferBusy(entry, false);
    }
  }

  // The oldest offer is the one that arrived first (the Map keeps arrival order).
  function oldestOfferId() {
    for (const [offerId, entry] of desk.offers) {
      if (!entry.expired && !entry.busy) return offerId;
    }
    return null;
  }

  function acceptOldestOffer() {
    const offerId = oldestOfferId();
    if (offerId) acceptOffer(offerId);
    else toast('No open offers');
  }

  function declineOldestOffer() {
    const offerId = oldestOfferId();
    if (offerId) declineOffer(offerId);
    else toast('No open offers');
  }

  // ---------------------------------------------------------------- inbox

  function isHeldByMe(conversation) {
    return Boolean(desk.me) && conversation.operator_id === desk.me.operator_id &&
      conversation.state !== 'resolved';
  }

  function upsertConversation(conversation) {
    desk.conversations.set(conversation.conversation_id, conversation);
    renderInboxItem(conversation);
    sortInbox();
  }

  function removeConversation(id) {
    desk.conversations.delete(id);
    const item = desk.inboxNodes.get(id);
    if (item) item.li.remove();
    desk.inboxNodes.delete(id);
    if (desk.unread.delete(id)) saveMap(STORAGE_UNREAD, desk.unread);
  }

  // Updates the item in place, so a keyboard user's focus on it survives new messages.
  function renderInboxItem(conversation) {
    const id = conversation.conversation_id;
    let item = desk.inboxNodes.get(id);
    if (!item) {
      const li = el('li', 'inbox-item');
      li.dataset.conversationId = id;
      const button = el('button', 'inbox-open');
      button.type = 'button';
      li.append(button);
      li.addEventListener('click', () => navigate(conversationPath(id)));
      item = { li, button };
      desk.inboxNodes.set(id, item);
    }
    const unread = desk.unread.get(id) || 0;
    const top = el('span', 'inbox-top');
    const badge = el('span', 'unread', unread);
    badge.hidden = unread === 0;
    badge.title = 'Unread messages';
    top.append(channelBadge(conversation.channel),
      el('span', 'inbox-name', customerName(conversation.customer_id)), badge);
    const meta = el('span', 'inbox-meta');
    meta.append(el('span', 'inbox-state', conversation.state || ''),
      timeElement(conversation.updated_at, 'inbox-time'));
    item.button.replaceChildren(top,
      el('span', 'inbox-preview', conversation.last_message_preview || ''), meta);
    markActive(item, desk.open !== null && desk.open.id === id);
    item.li.classList.toggle('has-unread', unread > 0);
  }

  function markActive(item, active) {
    item.li.classList.toggle('is-active', active);
    if (active) item.button.setAttribute('aria-current', 'true');
    else item.button.removeAttribute('aria-current');
  }

  function markActiveInbox(activeId) {
    for (const [id, item] of desk.inboxNodes) markActive(item, id === activeId);
  }

  // Newest activity first; nodes move only when their place changed.
  function sortInbox() {
    const sorted = Array.from(desk.conversations.values()).sort(
      (a, b) => (parseTime(b.updated_at) || 0) - (parseTime(a.updated_at) || 0));
    sorted.forEach((conversation, index) => {
      const item = desk.inboxNodes.get(conversation.conversation_id);
      if (item && ui.inbox.children[index] !== item.li) {
        ui.inbox.insertBefore(item.li, ui.inbox.children[index] || null);
      }
    });
  }

  function setUnread(id, count) {
    if (count > 0) desk.unread.set(id, count);
    else if (!desk.unread.delete(id)) return;
    saveMap(STORAGE_UNREAD, desk.unread);
    const conversation = desk.conversations.get(id);
    if (conversation) renderInboxItem(conversation);
  }

  // Counts a message once even if the stream delivers it again after a reconnect.
  function countUnread(message) {
    if (desk.countedMessages.has(message.message_id)) return;
    desk.countedMessages.add(message.message_id);
    if (desk.countedMessages.size > COUNTED_MESSAGES_MAX) {
      desk.countedMessages.delete(desk.countedMessages.values().next().value);
    }
    setUnread(message.conversation_id, (desk.unread.get(message.conversation_id) || 0) + 1);
  }

  function onMessage(message) {
    const id = message.conversation_id;
    if (desk.open && desk.open.id === id) showMessageInOpen(message);
    else if (!isMine(message)) countUnread(message); // own replies from another tab are not news
    noteActivity(id, message);
  }

  function noteActivity(id, message) {
    const conversation = desk.conversations.get(id);
    if (!conversation) return;
    conversation.last_message_preview = previewOf(message);
    conversation.updated_at = message.created_at || new Date(Date.now() + desk.clockOffsetMs).toISOString();
    renderInboxItem(conversation);
    sortInbox();
  }

  // The inbox holds the conversations assigned to this operator; one merely offered is shown
  // in the offers until accepted.
  function onConversationUpdate(change, conversation) {
    const id = conversation.conversation_id;
    if (!isHeldByMe(conversation)) removeConversation(id);
    else if (conversation.state === 'assigned' || desk.conversations.has(id)) upsertConversation(conversation);
    if (desk.open && desk.open.id === id && !desk.open.loading) updateOpenConversation(change, conversation);
  }

  // The open conversation changed: close the pane when it left this operator, else refresh
  // its header.
  function updateOpenConversation(change, conversation) {
    const open = desk.open;
    const wasMine = open.conversation && open.conversation.operator_id === desk.me.operator_id;
    open.conversation = conversation;
    if (conversation.state === 'resolved') {
      dismissConversation(open.id, 'This conversation was resolved');
    } else if (wasMine && conversation.operator_id !== desk.me.operator_id) {
      dismissConversation(open.id, change === 'transferred'
        ? 'This conversation was transferred' : 'This conversation is no longer assigned to you');
    } else {
      renderConversationHeader();
    }
  }

  function onDeliveryFailed(data) {
    const reason = data.error_message ? `: ${data.error_message}` : '';
    toast(`A reply was not delivered${reason}`, 'error');
    const node = desk.open && desk.open.id === data.conversation_id &&
      desk.open.messageNodes.get(data.message_id);
    if (node && !node.classList.contains('msg--failed')) {
      node.classList.add('msg--failed');
      node.append(el('p', 'msg-failed-note', `Not delivered${reason}`));
    }
  }

  // ---------------------------------------------------------------- conversation pane

  function saveDraft() {
    if (!desk.open || desk.open.loading) return;
    const text = ui.replyText.value;
    if (text.trim()) desk.drafts.set(desk.open.id, text);
    else desk.drafts.delete(desk.open.id);
  }

  function closeConversationPane(keepDraft) {
    if (keepDraft) saveDraft();
    desk.open = null;
    ui.conversation.hidden = true;
    delete ui.conversation.dataset.conversationId;
    ui.forbidden.hidden = true;
    ui.conversationPlaceholder.hidden = false;
    ui.conversationPlaceholder.textContent = 'Choose a conversation in the inbox or accept an offer.';
    ui.transcript.replaceChildren();
    ui.conversationTitle.textContent = '';
    ui.conversationMeta.replaceChildren();
    ui.replyText.value = '';
    renderCustomerCard(null);
    renderBotGuess(null, false);
    ui.history.replaceChildren();
    ui.pastConversations.replaceChildren();
    markActiveInbox(null);
  }

  // The conversation left this operator (resolved, transferred, gone): clear the pane and,
  // if the address names it, put the inbox in its place in the history.
  function dismissConversation(id, message) {
    desk.drafts.delete(id);
    if (desk.open && desk.open.id === id) {
      closeConversationPane(false);
      const route = parseRoute(location.pathname);
      if (route.view === 'conversation' && route.id === id) history.replaceState(null, '', '/');
      if (NARROW.matches) window.scrollTo(0, 0);
    }
    if (message) toast(message);
  }

  async function openConversation(id) {
    closeConversationPane(true);
    const open = {
      id,
      conversation: null,
      customer: null,
      messageNodes: new Map(), // message_id → node: de-duplicates replies and events
      loading: true,
      early: [], // messages that arrived by event while the conversation was loading
    };
    desk.open = open;
    ui.conversationPlaceholder.textContent = 'Loading the conversation…';
    markActiveInbox(id);
    setUnread(id, 0);
    let details;
    try {
      details = await apiGet(`/api/conversations/${enc(id)}`, { expected: [403, 404] });
    } catch (error) {
      if (desk.open !== open) return;
      closeConversationPane(false);
      if (error.status === 403) {
        ui.forbidden.textContent = 'You cannot open this conversation';
        ui.forbidden.hidden = false;
        ui.conversationPlaceholder.hidden = true;
      } else if (error.status === 404) {
        toast(error.message, 'error');
        history.replaceState(null, '', '/');
      } else {
        ui.conversationPlaceholder.textContent = 'The conversation could not be loaded.';
      }
      return;
    }
    if (desk.open !== open) return; // another conversation was opened meanwhile
    renderConversation(details, true);
  }

  // Reloads the open conversation after a reconnect, keeping what the operator typed.
  async function refreshOpenConversation() {
    const open = desk.open;
    if (!open || open.loading) return;
    let details;
    try {
      details = await apiGet(`/api/conversations/${enc(open.id)}`, { expected: [403, 404] });
    } catch (error) {
      if (desk.open === open && (error.status === 403 || error.status === 404)) {
        dismissConversation(open.id, 'This conversation is no longer available');
      }
      return;
    }
    if (desk.open !== open) return;
    updateOpenConversation('updated', details.conversation);
    if (desk.open === open) renderConversation(details, false);
  }

  function renderConversation(details, fresh) {
    const open = desk.open;
    const conversation = details.conversation;
    open.conversation = conversation;
    open.customer = details.customer;
    open.loading = false;
    rememberCustomer(details.customer);

    ui.forbidden.hidden = true;
    ui.conversationPlaceholder.hidden = true;
    ui.conversation.hidden = false;
    ui.conversation.dataset.conversationId = open.id;
    renderConversationHeader();
    if (fresh) resetComposer(conversation);

    (details.messages || []).forEach(appendMessage);
    open.early.forEach(appendMessage);
    open.early = [];
    if (fresh) scrollTranscriptToBottom();

    renderCustomerCard(details.customer);
    renderBotGuess(conversation.handoff, true);
    renderHistory(details.history || [], details.past_conversations || []);
    renderPastConversations(details.past_conversations || []);
    const inInbox = desk.conversations.get(open.id);
    if (inInbox) renderInboxItem(inInbox); // the customer's name may be known only now
    if (fresh && NARROW.matches) ui.conversation.scrollIntoView({ block: 'start' });
  }

  function resetComposer(conversation) {
    ui.replyText.value = desk.drafts.get(conversation.conversation_id) || '';
    ui.transferTarget.value = '';
    ui.transferNote.value = '';
    ui.resolveIntent.value = (conversation.handoff && conversation.handoff.intent) || '';
    ui.resolveNote.value = '';
    ui.resolveExclude.checked = false;
    loadTransferTargets();
  }

  function renderConversationHeader() {
    const { conversation, customer } = desk.open;
    ui.conversationTitle.textContent = (customer && customer.display_name) ||
      customerName(conversation.customer_id);
    const meta = [channelBadge(conversation.channel),
      el('span', `state-badge state-${token(conversation.state)}`, conversation.state)];
    if (customer && customer.vip) meta.push(el('span', 'vip-badge', 'VIP'));
    const routing = conversation.routing;
    if (routing && routing.required_skills && routing.required_skills.length) {
      meta.push(el('span', 'conversation-fact', `Skills: ${routing.required_skills.join(', ')}`));
    }
    if (routing && routing.language) meta.push(el('span', 'conversation-fact', `Language: ${routing.language}`));
    ui.conversationMeta.replaceChildren(...meta);
    const closed = conversation.state === 'resolved';
    for (const control of [ui.replyText, ui.replySend, ui.transferTarget, ui.transferNote,
      ui.transferSubmit, ui.resolveIntent, ui.resolveNote, ui.resolveExclude, ui.resolveSubmit]) {
      control.disabled = closed;
    }
  }

  function showMessageInOpen(message) {
    if (desk.open.loading) desk.open.early.push(message);
    else appendMessage(message);
  }

  function appendMessage(message) {
    const open = desk.open;
    if (!message || open.messageNodes.has(message.message_id)) return;
    const list = ui.transcript;
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    const node = buildMessage(message);
    open.messageNodes.set(message.message_id, node);
    list.append(node);
    if (nearBottom || isMine(message)) scrollTranscriptToBottom();
  }

  function scrollTranscriptToBottom() {
    ui.transcript.scrollTop = ui.transcript.scrollHeight;
  }

  function buildMessage(message) {
    const role = (message.author && message.author.role) || 'system';
    const node = el('li', `msg msg--${token(role)}`);
    node.dataset.role = role;
    node.dataset.messageId = message.message_id;
    if (isMine(message)) node.classList.add('msg--mine');
    const meta = el('div', 'msg-meta');
    meta.append(el('span', 'msg-author', authorLabel(message.author)),
      timeElement(message.sent_at || message.created_at, 'msg-time'));
    node.append(meta, el('div', 'msg-text', message.text || ''));
    const files = buildAttachments(message.attachments);
    if (files) node.append(files);
    const replies = message.quick_replies || [];
    if (replies.length) {
      const list = el('ul', 'msg-quick-replies');
      list.setAttribute('aria-label', 'Buttons offered');
      replies.forEach((reply) => list.append(el('li', 'quick-reply', reply.title)));
      node.append(list);
    }
    return node;
  }

  // A link only for http(s) addresses: a javascript: or data: URL is shown as plain text.
  function buildAttachments(attachments) {
    if (!attachments || !attachments.length) return null;
    const list = el('ul', 'msg-attachments');
    for (const file of attachments) {
      const item = el('li', 'attachment');
      const label = file.name || file.url || 'attachment';
      if (isWebUrl(file.url)) {
        const link = el('a', 'attachment-link', label);
        link.href = file.url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        item.append(link);
      } else {
        item.append(el('span', 'attachment-name', label));
      }
      if (Number(file.size_bytes) > 0) item.append(el('span', 'attachment-size', formatBytes(file.size_bytes)));
      list.append(item);
    }
    return list;
  }

  function renderCustomerCard(customer) {
    const card = ui.customerCard;
    card.replaceChildren(el('h2', 'block-title', 'Customer'));
    if (!customer) {
      card.append(el('p', 'muted', desk.open ? 'No customer details' : 'No conversation open'));
      return;
    }
    const name = el('p', 'customer-name', customer.display_name || customer.customer_id);
    if (customer.vip) name.append(' ', el('span', 'vip-badge', 'VIP'));
    card.append(name);
    const identities = el('ul', 'identities');
    for (const link of customer.identities || []) {
      const identity = link.identity || {};
      const details = [
        identity.display_name,
        identity.channel_user_id && `id ${identity.channel_user_id}`,
        identity.verified_phone,
        identity.verified_email,
        identity.app_user_id && `app user ${identity.app_user_id}`,
      ].filter(Boolean);
      const item = el('li', 'identity');
      item.append(channelBadge(link.channel), el('span', 'identity-details', details.join(' · ')));
      identities.append(item);
    }
    card.append(identities);
    const facts = el('dl', 'facts');
    addFact(facts, 'First seen', formatTime(customer.first_seen_at) || '—');
    addFact(facts, 'Last contact', formatTime(customer.last_contact_at) || '—');
    card.append(facts);
  }

  function addFact(list, term, value, className) {
    const dd = el('dd', className);
    if (value instanceof Node) dd.append(value);
    else dd.textContent = value;
    list.append(el('dt', null, term), dd);
  }

  function renderBotGuess(handoff, hasConversation) {
    const box = ui.botGuess;
    if (!handoff) {
      box.replaceChildren(el('p', 'muted',
        hasConversation ? 'The bot made no guess for this conversation.' : 'No conversation open'));
      return;
    }
    const facts = el('dl', 'facts');
    addFact(facts, 'Intent', handoff.intent || 'none recognised', 'guess-intent');
    addFact(facts, 'Confidence', handoff.intent ? percent(handoff.confidence) : '—', 'guess-confidence');
    const entities = handoff.entities || [];
    if (entities.length) {
      const list = el('ul', 'guess-entity-list');
      entities.forEach((entity) => list.append(el('li', 'guess-entity', `${entity.catalog}: ${entity.value}`)));
      addFact(facts, 'Entities', list, 'guess-entities');
    } else {
      addFact(facts, 'Entities', '—', 'guess-entities');
    }
    addFact(facts, 'Hand-off reason', reasonLabel(handoff.reason), 'guess-reason');
    box.replaceChildren(facts);
  }

  // History comes newest first; it is grouped by conversation (newest group first) and each
  // group reads top to bottom like a transcript.
  function renderHistory(history, past) {
    const pastById = new Map(past.map((entry) => [entry.conversation_id, entry]));
    const groups = new Map();
    for (const message of history) {
      if (!groups.has(message.conversation_id)) groups.set(message.conversation_id, []);
      groups.get(message.conversation_id).push(message);
    }
    const nodes = [];
    for (const [conversationId, messages] of groups) {
      const group = el('li', 'history-group');
      group.dataset.conversationId = conversationId;
      const pastEntry = pastById.get(conversationId);
      const head = el('div', 'history-head');
      head.append(channelBadge(messages[0].channel), el('span', 'history-title', 'Conversation'),
        timeElement((pastEntry && pastEntry.last_at) || messages[0].created_at, 'history-time'));
      const list = el('ol', 'history-messages');
      for (const message of messages.slice().reverse()) {
        const item = el('li', 'history-msg');
        item.dataset.role = (message.author && message.author.role) || 'system';
        const line = el('div', 'history-line');
        line.append(channelBadge(message.channel),
          el('span', 'history-author', authorLabel(message.author)),
          timeElement(message.sent_at || message.created_at, 'history-time'));
        item.append(line, el('div', 'history-text', previewOf(message)));
        list.append(item);
      }
      group.append(head, list);
      nodes.push(group);
    }
    ui.history.replaceChildren(...nodes);
  }

  function renderPastConversations(past) {
    ui.pastConversations.replaceChildren(...past.map((entry) => {
      const item = el('li', 'past-conversation');
      item.dataset.conversationId = entry.conversation_id;
      const line = el('div', 'past-line');
      line.append(channelBadge(entry.channel), timeElement(entry.last_at, 'past-time'));
      item.append(line, el('div', 'past-preview', entry.preview || ''));
      return item;
    }));
  }

  // ---------------------------------------------------------------- reply, transfer, resolve

  async function sendReply() {
    const open = desk.open;
    if (!open || open.loading || desk.sending) return;
    const text = ui.replyText.value.trim();
    if (!text) return;
    // Resending the same text after a failure reuses its id, so the router stores it once
    // even if the first attempt did get through.
    const pending = desk.pendingReply;
    const clientMessageId = pending && pending.conversationId === open.id && pending.text === text
      ? pending.clientMessageId : newClientMessageId();
    desk.pendingReply = { conversationId: open.id, text, clientMessageId };
    desk.sending = true;
    ui.replySend.disabled = true;
    try {
      const data = await apiPost(`/api/conversations/${enc(open.id)}/reply`,
        { text, client_message_id: clientMessageId });
      desk.pendingReply = null;
      if (desk.open === open) {
        appendMessage(data.message);
        if (ui.replyText.value.trim() === text) ui.replyText.value = '';
      } else if ((desk.drafts.get(open.id) || '').trim() === text) {
        desk.drafts.delete(open.id);
      }
      if (data.message) noteActivity(open.id, data.message);
    } catch (_) {
      // api() showed why; the text stays in the box to send again.
    } finally {
      desk.sending = false;
      ui.replySend.disabled = Boolean(desk.open && desk.open.conversation &&
        desk.open.conversation.state === 'resolved');
    }
  }

  function onReplyKeyDown(event) {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    sendReply();
  }

  async function loadTransferTargets() {
    const generation = desk.generation;
    let data;
    try {
      data = await apiGet('/api/transfer-targets');
    } catch (_) {
      return;
    }
    if (generation !== desk.generation) return;
    const select = ui.transferTarget;
    const chosen = select.value;
    const groups = [
      ['Operators', (data.operators || [])
        .filter((operator) => operator.operator_id !== desk.me.operator_id)
        .map((operator) => option(`operator:${operator.operator_id}`,
          `${operator.display_name || operator.operator_id} (${operator.status})`))],
      ['Teams', (data.teams || []).map((team) => option(`team:${team.name}`, team.display_name || team.name))],
      ['Skills', (data.skills || []).map((skill) => option(`skill:${skill.name}`, skill.display_name || skill.name))],
    ];
    const children = [option('', 'Choose a target…')];
    for (const [label, options] of groups) {
      if (!options.length) continue;
      const group = el('optgroup');
      group.label = label;
      group.append(...options);
      children.push(group);
    }
    select.replaceChildren(...children);
    select.value = chosen;
    if (select.selectedIndex < 0) select.value = '';
  }

  function option(value, label) {
    const node = el('option', null, label);
    node.value = value;
    return node;
  }

  async function transferOpenConversation() {
    const open = desk.open;
    if (!open || open.loading) return;
    const target = ui.transferTarget.value;
    if (!target) {
      ui.transferTarget.focus();
      toast('Choose where to transfer the conversation');
      return;
    }
    ui.transferSubmit.disabled = true;
    try {
      await apiPost(`/api/conversations/${enc(open.id)}/transfer`,
        { target, note: ui.transferNote.value.trim() });
      removeConversation(open.id);
      dismissConversation(open.id, 'Transferred');
    } catch (_) {
      // api() showed why.
    } finally {
      ui.transferSubmit.disabled = false;
    }
  }

  async function loadIntents() {
    const generation = desk.generation;
    let data;
    try {
      data = await apiGet('/api/intents');
    } catch (_) {
      return;
    }
    if (generation !== desk.generation) return;
    ui.intentOptions.replaceChildren(...(data.intents || []).map((intent) => {
      const node = option(intent.name, intent.display_name || intent.name);
      node.label = intent.display_name || intent.name;
      return node;
    }));
  }

  async function resolveOpenConversation() {
    const open = desk.open;
    if (!open || open.loading) return;
    const intent = ui.resolveIntent.value.trim();
    if (!intent) {
      ui.resolveIntent.focus();
      toast('Choose an intent label first');
      return;
    }
    const body = { intent, exclude_from_training: ui.resolveExclude.checked };
    const note = ui.resolveNote.value.trim();
    if (note) body.note = note;
    ui.resolveSubmit.disabled = true;
    try {
      await apiPost(`/api/conversations/${enc(open.id)}/resolve`, body);
      removeConversation(open.id);
      dismissConversation(open.id, 'Resolved');
    } catch (error) {
      if (error.status === 422 && error.field !== 'note') ui.resolveIntent.focus();
    } finally {
      ui.resolveSubmit.disabled = false;
    }
  }

  function resolveShortcut() {
    if (!desk.open || desk.open.loading || ui.workspace.hidden) {
      toast('No conversation is open');
    } else if (!ui.resolveIntent.value.trim()) {
      ui.resolveIntent.focus();
    } else {
      resolveOpenConversation();
    }
  }

  // ---------------------------------------------------------------- knowledge base

  function scheduleKbSearch() {
    clearTimeout(desk.kbTimer);
    desk.kbTimer = setTimeout(runKbSearch, KB_DEBOUNCE_MS);
  }

  async function runKbSearch() {
    const query = ui.kbSearch.value.trim();
    const seq = ++desk.kbSeq;
    if (!query) {
      ui.kbResults.replaceChildren();
      delete ui.kbResults.dataset.searched;
      return;
    }
    let data;
    try {
      data = await apiGet(`/api/answers?q=${encodeURIComponent(query)}`);
    } catch (_) {
      return;
    }
    if (seq !== desk.kbSeq) return; // a newer search has started meanwhile
    ui.kbResults.dataset.searched = 'true';
    ui.kbResults.replaceChildren(...(data.answers || []).map(buildKbAnswer));
  }

  function buildKbAnswer(answer) {
    const item = el('li', 'kb-answer');
    item.dataset.intent = answer.intent;
    const head = el('div', 'kb-head');
    head.append(el('span', 'kb-title', answer.display_name || answer.intent),
      el('span', 'kb-intent', answer.intent));
    const insert = el('button', 'button button-small kb-insert', 'Insert');
    insert.type = 'button';
    insert.addEventListener('click', () => insertIntoReply(answer.text || ''));
    item.append(head, el('p', 'kb-text', answer.text || ''), insert);
    return item;
  }

  function insertIntoReply(text) {
    if (!desk.open || desk.open.loading || ui.replyText.disabled) {
      toast('Open a conversation first');
      return;
    }
    const current = ui.replyText.value;
    ui.replyText.value = current.trim() ? `${current.replace(/\s+$/, '')}\n${text}` : text;
    ui.replyText.focus();
    ui.replyText.setSelectionRange(ui.replyText.value.length, ui.replyText.value.length);
  }

  // ---------------------------------------------------------------- supervisor view

  function startSupervisorPolling() {
    if (desk.supervisorPoll) return;
    const poll = { timer: 0 };
    desk.supervisorPoll = poll;
    pollSupervisor(poll);
  }

  function stopSupervisorPolling() {
    if (!desk.supervisorPoll) return;
    clearTimeout(desk.supervisorPoll.timer);
    desk.supervisorPoll = null;
  }

  // One poll loop per visit of the view: a loop whose token is no longer current stops.
  async function pollSupervisor(poll) {
    try {
      const data = await apiGet('/api/supervisor', { expected: [403] });
      if (desk.supervisorPoll !== poll) return;
      renderSupervisor(data);
    } catch (error) {
      if (desk.supervisorPoll !== poll) return;
      if (error.status === 403) {
        toast('Only supervisors can open this view', 'error');
        navigate('/', true);
        return;
      }
    }
    poll.timer = setTimeout(() => pollSupervisor(poll), SUPERVISOR_POLL_MS);
  }

  function clearSupervisor() {
    ui.queues.tBodies[0].replaceChildren();
    ui.operators.tBodies[0].replaceChildren();
    ui.handoffReasons.replaceChildren();
    ui.selfServiceShare.textContent = '—';
    ui.botAccuracy.textContent = '—';
    for (const node of [ui.supervisorUpdated, ui.operatorSummary, ui.selfServiceCounts]) node.textContent = '';
  }

  function renderSupervisor(data) {
    renderQueues(data.queues || []);
    renderOperators(data.operators || [], data.operator_stats);
    renderSelfService(data.self_service || {});
    ui.supervisorUpdated.textContent = data.computed_at ? `Updated ${formatTime(data.computed_at)}` : '';
  }

  function cell(text, className) {
    return el('td', className, text);
  }

  function renderQueues(queues) {
    ui.queues.tBodies[0].replaceChildren(...queues.map((queue) => {
      const row = el('tr', 'queue-row');
      row.dataset.policy = queue.policy;
      const policy = el('th', 'queue-policy', queue.policy);
      policy.scope = 'row';
      const sla = cell(percent(queue.service_level), 'num queue-sla');
      sla.title = `${queue.accepted_within_sla} of ${queue.accepted} accepted within the SLA`;
      sla.classList.toggle('is-low', Number(queue.service_level) < 0.8);
      row.append(
        policy,
        cell(queue.queued, 'num queue-queued'),
        cell(queue.offered, 'num queue-offered'),
        cell(queue.assigned, 'num queue-assigned'),
        cell(formatDuration(queue.longest_wait), 'num queue-longest-wait'),
        sla,
        cell(queue.abandoned, 'num queue-abandoned'));
      return row;
    }));
  }

  function loadText(operator) {
    const capacity = operator.capacity || {};
    const load = operator.load || {};
    const kinds = Array.from(new Set([...Object.keys(capacity), ...Object.keys(load)])).sort();
    if (!kinds.length) return '—';
    return kinds.map((kind) => `${Number(load[kind]) || 0}/${Number(capacity[kind]) || 0} ${kind}`).join(', ');
  }

  function renderOperators(operators, stats) {
    ui.operators.tBodies[0].replaceChildren(...operators.map((operator) => {
      const row = el('tr', 'operator-row');
      row.dataset.operatorId = operator.operator_id;
      const name = el('th', 'operator-name', operator.display_name || operator.operator_id);
      name.scope = 'row';
      name.append(el('span', 'operator-id', operator.operator_id));
      const status = el('td', 'operator-status');
      status.append(el('span', `status-badge status-${token(operator.status)}`, operator.status));
      row.append(name, status, cell(loadText(operator), 'operator-load'));
      return row;
    }));
    const parts = [];
    for (const entry of (stats && stats.by_status) || []) parts.push(`${entry.status} ${entry.operators}`);
    for (const entry of (stats && stats.load) || []) {
      parts.push(`${entry.work_kind} ${entry.used_units}/${entry.capacity_units} (${percent(entry.utilization)})`);
    }
    ui.operatorSummary.textContent = parts.join(' · ');
  }

  function renderSelfService(selfService) {
    ui.selfServiceShare.textContent = percent(selfService.self_service_share);
    ui.selfServiceCounts.textContent =
      `${selfService.resolved_by_bot || 0} of ${selfService.conversations || 0} conversations ` +
      `resolved by the bot, ${selfService.handed_off || 0} handed off`;
    const labelled = Number(selfService.labelled_conversations) || 0;
    ui.botAccuracy.textContent = labelled ? percent(selfService.bot_accuracy) : '—';
    ui.botAccuracyLabel.textContent = `bot accuracy (${labelled} labelled)`;
    ui.handoffReasons.replaceChildren(...(selfService.handoff_reasons || []).map((entry) => {
      const item = el('li', 'handoff-reason');
      item.dataset.reason = entry.reason;
      item.append(el('span', 'reason-name', reasonLabel(entry.reason)),
        el('span', 'reason-count', entry.conversations));
      return item;
    }));
  }

  // ---------------------------------------------------------------- keyboard

  function isTypingTarget(target) {
    return target instanceof HTMLElement &&
      (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA');
  }

  function toggleShortcuts(show = ui.shortcuts.hidden) {
    if (show === !ui.shortcuts.hidden) return;
    if (show) {
      desk.focusBeforeShortcuts = document.activeElement;
      ui.shortcuts.hidden = false;
      ui.shortcutsClose.focus();
    } else {
      ui.shortcuts.hidden = true;
      const previous = desk.focusBeforeShortcuts;
      desk.focusBeforeShortcuts = null;
      if (previous && previous.isConnected && typeof previous.focus === 'function') previous.focus();
    }
  }

  function onKeyDown(event) {
    if (!desk.signedIn) return;
    if (event.key === 'Escape' && !ui.shortcuts.hidden) {
      event.preventDefault();
      toggleShortcuts(false);
      return;
    }
    // Alt combinations work even while typing. event.code, because Alt changes event.key
    // on some layouts (macOS Option+A is "å"; the Cyrillic layout gives "ф").
    if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      const action = altShortcut(event.code);
      if (action) {
        event.preventDefault();
        action();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
    if (event.key === '?') {
      event.preventDefault();
      toggleShortcuts();
    } else if (event.key === '/' && !ui.workspace.hidden) {
      event.preventDefault();
      ui.kbSearch.focus();
      ui.kbSearch.select();
    }
  }

  function altShortcut(code) {
    switch (code) {
      case 'KeyA': return acceptOldestOffer;
      case 'KeyD': return declineOldestOffer;
      case 'KeyR': return resolveShortcut;
      default: return null;
    }
  }

  // ---------------------------------------------------------------- wiring

  function bindEvents() {
    ui.signinForm.addEventListener('submit', onSignInSubmit);
    ui.signout.addEventListener('click', signOut);
    ui.statusSelect.addEventListener('change', onStatusChange);
    ui.navInbox.addEventListener('click', onNavClick);
    ui.navSupervisor.addEventListener('click', onNavClick);
    ui.shortcutsOpen.addEventListener('click', () => toggleShortcuts(true));
    ui.shortcutsClose.addEventListener('click', () => toggleShortcuts(false));
    ui.shortcuts.addEventListener('click', (event) => {
      if (event.target === ui.shortcuts) toggleShortcuts(false); // a click on the backdrop
    });
    ui.replyForm.addEventListener('submit', (event) => {
      event.preventDefault();
      sendReply();
    });
    ui.replyText.addEventListener('keydown', onReplyKeyDown);
    ui.transferSubmit.addEventListener('click', transferOpenConversation);
    ui.resolveSubmit.addEventListener('click', resolveOpenConversation);
    ui.kbSearch.addEventListener('input', scheduleKbSearch);
    document.addEventListener('keydown', onKeyDown);
    window.addEventListener('popstate', applyRoute);
  }

  start();
})();
