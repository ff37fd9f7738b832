// ChatOpsBot web console: plain ES module, no build step, no external resources.
// Polls the console API every 1.5 s: simple, and correct behind any number of replicas.

const POLL_MS = 1500;
const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,31}$/i;
const BOT_USER = 'ChatOpsBot';
const RESERVED = ['chatopsbot'];
const USER_KEY = 'chatopsbot.user';
const CHANNEL_KEY = 'chatopsbot.channel';

const $ = (id) => document.getElementById(id);
const el = {
  channelList: $('channel-list'), incidentList: $('incident-list'), noIncidents: $('no-incidents'),
  meAvatar: $('me-avatar'), meName: $('me-name'), changeName: $('change-name'),
  title: $('channel-title'), topic: $('channel-topic'), members: $('channel-members'), banner: $('banner'),
  messages: $('messages'), composer: $('composer'), input: $('composer-input'), send: $('send'),
  dialog: $('name-dialog'), nameForm: $('name-form'), nameInput: $('name-input'), nameError: $('name-error'),
};

const state = {
  user: localStorage.getItem(USER_KEY),
  channel: channelFromHash() ?? localStorage.getItem(CHANNEL_KEY) ?? 'general',
  channels: [],
  messages: [],
  // Private replies live only in this tab, per channel, like Slack's "Only visible to you".
  ephemeral: new Map(),
  ephemeralSeq: 0,
  rendered: { channels: '', messages: '', channel: null },
  pollTimer: 0,
};

class ApiError extends Error {
  constructor(message, status) { super(message); this.status = status; }
}

async function api(path, options = {}) {
  const headers = { Accept: 'application/json' };
  if (options.body) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...options, headers });
  } catch {
    throw new ApiError('Cannot reach ChatOpsBot; retrying…', 0);
  }
  if (response.status === 401) {
    location.href = '/login';
    throw new ApiError('Sign in first.', 401);
  }
  let body = null;
  try { body = await response.json(); } catch { /* empty or not JSON */ }
  if (!response.ok) throw new ApiError(body?.error ?? body?.title ?? `ChatOpsBot answered ${response.status}.`, response.status);
  return body;
}

// ---------- text ----------

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Escapes everything, then allows `code`, *bold*, @mentions, #channels and newlines. */
function formatText(text) {
  return String(text ?? '').split(/(`[^`\n]+`)/).map((part, i) => {
    if (i % 2 === 1) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
    return escapeHtml(part)
      .replace(/\*([^*\n]+)\*/g, '<strong>$1</strong>')
      .replace(/(^|[\s(])@([a-z0-9][a-z0-9._-]*[a-z0-9]|[a-z0-9])/gi, '$1<span class="mention">@$2</span>')
      .replace(/(^|[\s(])#([a-z0-9][a-z0-9_-]*)/g, '$1<a class="channel-link" href="#$2" data-channel="$2">#$2</a>')
      // Links the bot wrote (the postmortem draft, the incident page): http(s) URLs and the host's own /api/ and
      // /incidents/ paths, already escaped above. Punctuation that ends a sentence ("…/postmortem;") is not the link's.
      .replace(/(^|[\s(])((?:https?:\/\/|\/api\/|\/incidents\/)[^\s<>"']*[^\s<>"'.,;:)])/gi, '$1<a class="url" href="$2" target="_blank" rel="noopener noreferrer">$2</a>')
      .replace(/\n/g, '<br>');
  }).join('');
}

// Icons are inline SVG: emoji fonts are not everywhere (a bare server, a CI browser).
const SIREN = '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M12 5.5a5.5 5.5 0 0 0-5.5 5.5v5.5h11V11A5.5 5.5 0 0 0 12 5.5Z" fill="#fff"/><rect x="4" y="17.5" width="16" height="3.5" rx="1.2" fill="#fff"/><path d="M12 1.5v2M4 4l1.5 1.5M20 4l-1.5 1.5" stroke="#fff" stroke-width="1.8" stroke-linecap="round"/><path d="M10 11a2 2 0 0 1 2-2" stroke="#e01e5a" stroke-width="1.6" stroke-linecap="round" fill="none"/></svg>';
const PERSON = '<svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true"><path fill="currentColor" d="M8 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-5.5 6c0-2.5 2.5-4.5 5.5-4.5s5.5 2 5.5 4.5a.5.5 0 0 1-.5.5h-10a.5.5 0 0 1-.5-.5Z"/></svg>';

const PALETTE = ['#2bac76', '#1d9bd1', '#e8912d', '#9c27b0', '#cd2553', '#3f51b5', '#00897b', '#6d4c41', '#5c6bc0', '#c2185b'];

function avatar(user, small = false) {
  const cls = small ? 'avatar avatar-small' : 'avatar';
  if (user === BOT_USER) return `<span class="${cls} bot" aria-hidden="true">${SIREN}</span>`;
  const words = user.split(/[._-]+/).filter(Boolean);
  const initials = (words.length > 1 ? words[0][0] + words[1][0] : user.slice(0, 1)).toUpperCase();
  let hash = 0;
  for (const c of user) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `<span class="${cls}" style="background:${PALETTE[hash % PALETTE.length]}" aria-hidden="true">${escapeHtml(initials)}</span>`;
}

const timeOf = (date) => date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const dayOf = (date) => {
  const today = new Date();
  const yesterday = new Date(today); yesterday.setDate(today.getDate() - 1);
  if (date.toDateString() === today.toDateString()) return 'Today';
  if (date.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return date.toLocaleDateString([], { weekday: 'long', month: 'long', day: 'numeric' });
};

// ---------- rendering ----------

const LOCK = '<svg viewBox="0 0 16 16" width="13" height="13" aria-label="private"><path fill="currentColor" d="M5 7V5a3 3 0 1 1 6 0v2h.5A1.5 1.5 0 0 1 13 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 13.5v-5A1.5 1.5 0 0 1 4.5 7H5Zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2Z"/></svg>';
const channelIcon = (c) => (c.private ? LOCK : '#');
const isIncident = (c) => /^inc-\d/.test(c.name);
const current = () => state.channels.find((c) => c.name === state.channel);

function renderChannels() {
  const key = JSON.stringify([state.channels, state.channel]);
  if (key === state.rendered.channels) return;
  state.rendered.channels = key;
  const item = (c) => `<li><a href="#${escapeHtml(c.name)}" data-channel="${escapeHtml(c.name)}" class="${c.name === state.channel ? 'active' : ''}"
      title="${escapeHtml(c.purpose || c.topic || c.name)}"><span class="icon">${channelIcon(c)}</span><span class="label">${escapeHtml(c.name)}</span></a></li>`;
  el.channelList.innerHTML = state.channels.filter((c) => !isIncident(c)).map(item).join('');
  const incidents = state.channels.filter(isIncident);
  el.incidentList.innerHTML = incidents.map(item).join('');
  el.noIncidents.hidden = incidents.length > 0;
  renderHeader();
}

function renderHeader() {
  const c = current();
  el.title.innerHTML = `<span class="icon">${c ? channelIcon(c) : '#'}</span>${escapeHtml(state.channel)}`;
  el.topic.innerHTML = c ? formatText(c.topic || c.purpose || '') : '';
  el.members.innerHTML = c ? `${PERSON} ${c.members.length}` : '';
  el.members.hidden = !c;
  el.input.placeholder = `Message ${c?.private ? '' : '#'}${state.channel}`;
  document.title = `#${state.channel} · ChatOpsBot`;
}

function renderMessages({ force = false } = {}) {
  const ephemeral = state.ephemeral.get(state.channel) ?? [];
  const key = JSON.stringify([state.channel, state.messages, ephemeral.map((e) => e.id)]);
  if (!force && key === state.rendered.messages) return;
  const channelChanged = state.rendered.channel !== state.channel;
  state.rendered.messages = key;
  state.rendered.channel = state.channel;

  const box = el.messages;
  const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 120;
  const items = [
    ...state.messages.map((m) => ({ kind: 'message', at: new Date(m.postedAt), m })),
    ...ephemeral.map((e) => ({ kind: 'ephemeral', at: e.at, e })),
  ].sort((a, b) => a.at - b.at);

  const c = current();
  const html = [`<div class="intro"><h2>${c ? channelIcon(c) : '#'} ${escapeHtml(state.channel)}</h2>
    <p>This is the very beginning of <strong>#${escapeHtml(state.channel)}</strong>.${c?.purpose ? ' ' + formatText(c.purpose) : ''}</p></div>`];
  let previous = null;
  for (const item of items) {
    if (!previous || dayOf(previous.at) !== dayOf(item.at)) html.push(`<div class="day"><span>${dayOf(item.at)}</span></div>`);
    if (item.kind === 'ephemeral') {
      html.push(renderEphemeral(item.e));
    } else {
      const compact = previous?.kind === 'message' && previous.m.user === item.m.user && !item.m.rich && !previous.m.rich
        && item.at - previous.at < 5 * 60 * 1000 && dayOf(previous.at) === dayOf(item.at);
      html.push(renderMessage(item.m, item.at, compact));
    }
    previous = item;
  }
  box.innerHTML = html.join('');
  if (nearBottom || channelChanged || force) box.scrollTop = box.scrollHeight;
}

function renderMessage(m, at, compact) {
  const bot = m.user === BOT_USER;
  const time = `<time datetime="${escapeHtml(m.postedAt)}" title="${escapeHtml(at.toLocaleString())}">${timeOf(at)}</time>`;
  const gutter = compact ? `<div class="gutter">${time}</div>` : `<div class="gutter">${avatar(m.user)}</div>`;
  const meta = compact ? '' : `<div class="msg-meta"><span class="author">${escapeHtml(m.user)}</span>${bot ? '<span class="badge">APP</span>' : ''}${time}</div>`;
  return `<div class="msg${compact ? ' compact' : ''}${bot ? ' bot' : ''}" data-ts="${escapeHtml(m.ts)}">${gutter}
    <div class="msg-body">${meta}${m.rich ? renderRich(m.rich, m.text) : `<div class="msg-text">${formatText(m.text)}</div>`}</div></div>`;
}

/** The neutral ChatMessage: title, fields grid, actions as buttons, a quiet context line. */
function renderRich(rich, text) {
  const fields = rich.fields ?? [];
  const actions = rich.actions ?? [];
  // Links come from alerts (runbook, dashboard) and the bot; the server only sends http(s) ones and its own paths, checked again here.
  // The host's own pages come as paths when Web:PublicUrl is not set; those open here too.
  const links = (rich.links ?? []).filter((l) => /^(https?:\/\/|\/(?!\/))/i.test(l.url));
  if (!rich.title && fields.length === 0 && actions.length === 0 && links.length === 0 && !rich.context) {
    return `<div class="msg-text">${formatText(text)}</div>`;
  }
  // With fields the text is only the notification fallback; without, it carries the content.
  const body = fields.length === 0 ? `<div class="msg-text">${formatText(text)}</div>` : '';
  return `<div class="card${fields.length ? '' : ' plain'}">
    ${rich.title ? `<div class="card-title">${formatText(rich.title)}</div>` : ''}${body}
    ${fields.length ? `<dl class="fields">${fields.map((f) => `<div class="field"><dt>${escapeHtml(f.label)}</dt><dd>${formatText(f.value)}</dd></div>`).join('')}</dl>` : ''}
    ${links.length ? `<div class="links">${links.map((l) =>
      `<a href="${escapeHtml(l.url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(l.label)}</a>`).join(' · ')}</div>` : ''}
    ${actions.length ? `<div class="actions">${actions.map((a) =>
      `<button type="button" class="btn${a.isPrimary ? ' primary' : ''}" data-command="${escapeHtml(a.command)}" data-action="${escapeHtml(a.id)}">${escapeHtml(a.label)}</button>`).join('')}</div>` : ''}
    ${rich.context ? `<div class="context">${formatText(rich.context)}</div>` : ''}
  </div>`;
}

function renderEphemeral(e) {
  return `<div class="msg ephemeral" data-ephemeral="${e.id}"><div class="gutter">${avatar(BOT_USER)}</div><div class="msg-body">
    <div class="msg-meta"><span class="author">${BOT_USER}</span><span class="badge">APP</span><time>${timeOf(e.at)}</time>
      <span class="ephemeral-note">Only visible to you</span>
      <button type="button" class="dismiss" data-dismiss="${e.id}">Dismiss</button></div>
    ${e.command ? `<div class="ephemeral-command"><code>${escapeHtml(e.command)}</code></div>` : ''}
    ${e.replies.map((r) => `<div class="reply msg-text">${formatText(r.text)}</div>`).join('')}
  </div></div>`;
}

function showBanner(text) {
  el.banner.textContent = text ?? '';
  el.banner.hidden = !text;
}

// ---------- data ----------

async function refresh() {
  if (!state.user) return;
  try {
    state.channels = await api(`/api/console/channels?user=${encodeURIComponent(state.user)}`);
    if (!current() && state.channels.length > 0) {
      // The channel vanished or was never visible to this name: fall back to the first one.
      selectChannel(state.channels.find((c) => c.name === 'general')?.name ?? state.channels[0].name);
      return;
    }
    renderChannels();
    const channel = state.channel;
    const messages = await api(`/api/console/channels/${encodeURIComponent(channel)}/messages?user=${encodeURIComponent(state.user)}&limit=200`);
    if (channel === state.channel) {
      state.messages = messages;
      renderMessages();
    }
    showBanner(null);
  } catch (error) {
    if (error instanceof ApiError && error.status !== 401) showBanner(error.message);
  }
}

function schedulePoll() {
  clearTimeout(state.pollTimer);
  state.pollTimer = setTimeout(async () => {
    await refresh();
    schedulePoll();
  }, POLL_MS);
}

function selectChannel(name) {
  if (name !== state.channel) {
    state.channel = name;
    state.messages = [];
    localStorage.setItem(CHANNEL_KEY, name);
  }
  if (channelFromHash() !== name) history.replaceState(null, '', `#${name}`);
  renderChannels();
  renderMessages({ force: true });
  refresh();
  el.input.focus();
}

function addEphemeral(channel, command, replies) {
  const list = state.ephemeral.get(channel) ?? [];
  list.push({ id: ++state.ephemeralSeq, at: new Date(), command, replies });
  state.ephemeral.set(channel, list);
}

// Every post names itself, so the bot records a command once however often it arrives (a retry after a timeout).
function newRequestId() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

async function send(text) {
  const channel = state.channel;
  const isCommand = text.startsWith('/');
  const requestId = newRequestId();
  try {
    const result = await api('/api/console/messages', { method: 'POST', body: JSON.stringify({ user: state.user, channel, text, requestId }) });
    const mine = result.replies.filter((r) => r.private);
    if (isCommand || mine.length > 0) addEphemeral(channel, isCommand ? text : null, mine);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 401) throw error;
    addEphemeral(channel, text, [{ text: `⚠️ ${error.message}`, private: true }]);
  }
  await refresh();
  if (channel === state.channel) renderMessages({ force: true });
}

// ---------- name ----------

function askName() {
  el.nameInput.value = state.user ?? '';
  el.nameError.textContent = '';
  if (!el.dialog.open) el.dialog.showModal();
  el.nameInput.focus();
}

function setUser(name) {
  state.user = name.toLowerCase();
  localStorage.setItem(USER_KEY, state.user);
  el.meName.textContent = state.user;
  el.meAvatar.outerHTML = avatar(state.user, true).replace('<span ', '<span id="me-avatar" ');
  el.meAvatar = $('me-avatar');
  state.rendered.channels = '';
}

el.nameForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const name = el.nameInput.value.trim().replace(/^@/, '');
  if (!NAME_RE.test(name)) {
    el.nameError.textContent = 'Use 1–32 letters, digits, “.”, “_” or “-”, starting with a letter or digit.';
    return;
  }
  if (RESERVED.includes(name.toLowerCase())) {
    el.nameError.textContent = 'That is the bot’s name; pick another.';
    return;
  }
  setUser(name);
  el.dialog.close();
  selectChannel(state.channel);
});

// Without a name there is nothing to show: the dialog cannot be dismissed on first visit.
el.dialog.addEventListener('cancel', (event) => { if (!state.user) event.preventDefault(); });
el.changeName.addEventListener('click', askName);

// ---------- interaction ----------

function channelFromHash() {
  const name = decodeURIComponent(location.hash.replace(/^#/, ''));
  return /^[a-z0-9][a-z0-9_-]{0,79}$/.test(name) ? name : null;
}

window.addEventListener('hashchange', () => {
  const name = channelFromHash();
  if (name && name !== state.channel) selectChannel(name);
});

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-channel]');
  if (link) {
    event.preventDefault();
    selectChannel(link.dataset.channel);
    return;
  }
  const dismiss = event.target.closest('[data-dismiss]');
  if (dismiss) {
    const id = Number(dismiss.dataset.dismiss);
    state.ephemeral.set(state.channel, (state.ephemeral.get(state.channel) ?? []).filter((e) => e.id !== id));
    renderMessages({ force: true });
    return;
  }
  const button = event.target.closest('button[data-command]');
  if (button) runAction(button);
});

async function runAction(button) {
  const command = button.dataset.command.replaceAll('{me}', `@${state.user}`);
  if (command.endsWith(' ')) {
    // The command needs the rest from the person (a severity, the update text): prefill, don't send.
    el.input.value = command;
    autosize();
    el.input.focus();
    el.input.setSelectionRange(command.length, command.length);
    return;
  }
  button.disabled = true;
  try {
    await send(command);
  } finally {
    button.disabled = false;
  }
}

function autosize() {
  el.input.style.height = 'auto';
  el.input.style.height = `${Math.min(el.input.scrollHeight, 200)}px`;
  el.send.disabled = el.input.value.trim().length === 0;
}

el.input.addEventListener('input', autosize);
el.input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    el.composer.requestSubmit();
  }
});

el.composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = el.input.value.trim();
  if (!text || !state.user) return;
  el.input.value = '';
  autosize();
  await send(text);
});

// ---------- start ----------

autosize();
if (state.user && NAME_RE.test(state.user)) {
  setUser(state.user);
  selectChannel(state.channel);
} else {
  state.user = null;
  askName();
}
schedulePoll();
