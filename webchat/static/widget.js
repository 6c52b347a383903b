/*
 * Hertfordshire Constabulary (demo): non-emergency webchat widget.
 *
 * Plain ES2019, no build step, no dependencies besides the socket.io v4 client (global `io`).
 * Settings come from window.HERTS_CHAT (/config.js, loaded first). Safe under a strict CSP:
 * no inline styles, no innerHTML with message data, no eval.
 * Everything the widget keeps lives in sessionStorage under the "herts-chat:" prefix, and
 * "Leave this site" (Escape, or Shift three times within a second) wipes it at once.
 */
(function () {
  "use strict";

  // Every word a resident sees, in one place.
  const COPY = {
    launcher: "Chat with us",
    title: "Non-emergency chat",
    close: "Close",
    closeHidden: " chat",
    notice: "This chat is not for emergencies. If someone is in danger, call 999.",
    exitHelp: "Press Escape or Shift three times to leave quickly.",
    exitButton: "Leave this site",
    intro: "Tell us what you need help with. Our assistant will tell you who deals with it and what to do next.",
    logLabel: "Conversation",
    label: "Your message",
    hint: "Press Enter to send. Press Shift and Enter to start a new line.",
    send: "Send",
    count: (n, max) => `${n} of ${max} characters`,
    charsLeft: (left) => `You have ${left} ${left === 1 ? "character" : "characters"} left`,
    atLimit: (max) => `You have reached the limit of ${max} characters`,
    empty: "Type a message before you send it.",
    typing: "The assistant is typing…",
    waiting: "Waiting to send",
    connecting: "Connecting…",
    connected: "Connected",
    reconnecting: "Reconnecting…",
    unavailable: "The chat is not working right now. Call 101, or 999 in an emergency.",
    youSaid: "You said: ",
    botSaid: "Assistant said: ",
    urgent: "Urgent:",
    replyOptions: "Reply options",
    newTab: " (opens in new tab)",
  };

  const DEFAULTS = {
    socketUrl: "http://localhost:5005",
    socketPath: "/socket.io/",
    exitUrl: "https://www.bbc.co.uk/weather",
    maxLength: 1000,
  };
  const CFG = readConfig(window.HERTS_CHAT);
  const PREFIX = "herts-chat:";
  const KEY = {
    session: PREFIX + "session", // the Rasa session id (string)
    transcript: PREFIX + "transcript", // messages shown so far (JSON array)
    outbox: PREFIX + "outbox", // messages not yet sent (JSON array)
    open: PREFIX + "open", // whether the panel was open (JSON boolean)
  };
  const MAX_KEPT = 200; // transcript entries kept for a reload
  const TYPING_TIMEOUT_MS = 15000;
  const SHIFT_WINDOW_MS = 1000;
  const COUNT_DEBOUNCE_MS = 1000;
  const script = document.currentScript;
  const STATIC_BASE = script && script.src ? new URL(".", script.src).href : "/static/";

  let socket = null;
  let confirmed = false; // true between session_confirm and the next disconnect
  let exited = false; // set by quickExit; checked again on pageshow (back/forward cache)
  let sessionId = null;
  let transcript = [];
  let outbox = [];
  let typingTimer = 0;
  let countTimer = 0;
  let shiftPresses = [];
  let ui = null; // the widget's elements, once built

  function readConfig(raw) {
    const c = raw && typeof raw === "object" ? raw : {};
    const text = (v, d) => (typeof v === "string" && v.trim() ? v.trim() : d);
    const max = Number(c.maxLength);
    const exitUrl = text(c.exitUrl, DEFAULTS.exitUrl);
    return {
      socketUrl: text(c.socketUrl, DEFAULTS.socketUrl),
      socketPath: text(c.socketPath, DEFAULTS.socketPath),
      exitUrl: /^https?:\/\//i.test(exitUrl) ? exitUrl : DEFAULTS.exitUrl,
      maxLength: Number.isInteger(max) && max > 0 ? max : DEFAULTS.maxLength,
    };
  }

  // ---- sessionStorage (never localStorage, never cookies) ----
  function save(key, value) {
    try {
      sessionStorage.setItem(key, JSON.stringify(value));
    } catch (err) { /* blocked or full: the chat still works, it just won't survive a reload */ }
  }
  function load(key, fallback) {
    try {
      const raw = sessionStorage.getItem(key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (err) { return fallback; }
  }
  const isText = (v) => typeof v === "string";
  function cleanReplies(list) {
    return (Array.isArray(list) ? list : [])
      .filter((q) => q && (isText(q.title) || isText(q.payload)))
      .map((q) => ({ title: String(q.title || q.payload), payload: String(q.payload || q.title) }));
  }
  // A calendar file the bot attached to a booking: {filename, ics, title}, kept only if well formed.
  function cleanCalendar(c) {
    if (!c || !isText(c.ics) || !isText(c.filename) || c.ics.length > 20000) return null;
    if (!/^[A-Za-z0-9._-]{1,80}\.ics$/.test(c.filename) || !c.ics.startsWith("BEGIN:VCALENDAR")) return null;
    return { filename: c.filename, ics: c.ics, title: isText(c.title) && c.title ? c.title : c.filename };
  }
  function restoreState() {
    const id = load(KEY.session, null);
    sessionId = isText(id) && id ? id : null;
    const shown = load(KEY.transcript, []);
    transcript = (Array.isArray(shown) ? shown : [])
      .filter((m) => m && (m.role === "bot" || m.role === "user") && isText(m.text))
      .map((m) => ({ id: isText(m.id) ? m.id : newId(), role: m.role, text: m.text, urgent: m.urgent === true, quickReplies: cleanReplies(m.quickReplies), calendar: cleanCalendar(m.calendar) }));
    const queued = load(KEY.outbox, []);
    outbox = (Array.isArray(queued) ? queued : []).filter((o) => o && isText(o.id) && isText(o.message));
  }
  const newId = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 8);

  // ---- DOM helpers (text only: strings become text nodes) ----
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([name, value]) => {
      if (value === false || value === null || value === undefined) return;
      if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    children.forEach((child) => child !== null && child !== undefined && node.append(child));
    return node;
  }
  const hidden = (text) => el("span", { class: "herts-vh" }, text);

  // Text with http(s) URLs turned into links that open in a new tab.
  const URL_RE = /\bhttps?:\/\/[^\s<>"]+/gi;
  function linkify(text) {
    const frag = document.createDocumentFragment();
    let last = 0;
    let match;
    URL_RE.lastIndex = 0;
    while ((match = URL_RE.exec(text))) {
      let url = match[0];
      // Punctuation at the end belongs to the sentence; a ")" only when unbalanced.
      for (;;) {
        if (/[.,;:!?'*]$/.test(url)) url = url.slice(0, -1);
        else if (url.endsWith(")") && url.split("(").length < url.split(")").length) url = url.slice(0, -1);
        else break;
      }
      let href = null;
      try {
        const parsed = new URL(url);
        if (parsed.protocol === "http:" || parsed.protocol === "https:") href = parsed.href;
      } catch (err) { href = null; }
      URL_RE.lastIndex = match.index + url.length;
      if (!href) continue;
      frag.append(text.slice(last, match.index));
      frag.append(el("a", { href, target: "_blank", rel: "noopener noreferrer" }, url, hidden(COPY.newTab)));
      last = match.index + url.length;
    }
    frag.append(text.slice(last));
    return frag;
  }

  // ---- building the widget ----
  function buildExitButton() {
    let exit = document.getElementById("herts-exit");
    if (!exit) {
      exit = el("a", { id: "herts-exit", class: "herts-exit" }, COPY.exitButton);
      document.body.prepend(el("div", { class: "herts-exit-bar" }, exit));
    }
    document.body.classList.add("herts-has-exit");
    exit.setAttribute("href", CFG.exitUrl);
    exit.setAttribute("role", "button");
    exit.setAttribute("rel", "noreferrer");
    exit.addEventListener("click", quickExit);
    exit.addEventListener("keydown", (e) => e.key === " " && quickExit(e)); // role="button": Space too
  }

  function buildWidget() {
    let root = document.getElementById("herts-chat");
    if (!root) root = document.body.appendChild(el("div", { id: "herts-chat" }));
    root.classList.add("herts-chat");
    const u = {root};
    u.launcher = el("button", { type: "button", id: "herts-chat-launcher", class: "herts-launcher", "aria-expanded": "false", "aria-controls": "herts-chat-panel" },
      el("img", { src: STATIC_BASE + "chat.svg", alt: "", class: "herts-launcher__icon" }), COPY.launcher);
    u.close = el("button", { type: "button", id: "herts-chat-close", class: "herts-close" }, COPY.close, hidden(COPY.closeHidden));
    u.status = el("p", { id: "herts-chat-status", class: "herts-status", role: "status", "data-state": "idle" });
    u.alert = el("div", { id: "herts-chat-alert", class: "herts-vh", role: "alert" });
    u.intro = el("p", { id: "herts-chat-intro", class: "herts-intro" }, COPY.intro);
    u.log = el("div", { id: "herts-chat-log", class: "herts-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", "aria-label": COPY.logLabel, tabindex: "0" });
    u.typing = el("p", { id: "herts-chat-typing", class: "herts-typing", hidden: true }, COPY.typing,
      el("span", { class: "herts-dots", "aria-hidden": "true" }, el("span"), el("span"), el("span")));
    u.input = el("textarea", { id: "herts-chat-input", class: "herts-input", name: "message", rows: "2", maxlength: CFG.maxLength,
      "aria-describedby": "herts-chat-hint herts-chat-count herts-chat-error", autocomplete: "off" });
    u.count = el("p", { id: "herts-chat-count", class: "herts-count" });
    u.countLive = el("p", { id: "herts-chat-count-live", class: "herts-vh", "aria-live": "polite" });
    u.error = el("p", { id: "herts-chat-error", class: "herts-error", "aria-live": "polite" });
    u.send = el("button", { type: "submit", id: "herts-chat-send", class: "herts-send" }, COPY.send);
    u.form = el("form", { id: "herts-chat-form", class: "herts-form", novalidate: true },
      el("label", { for: "herts-chat-input", class: "herts-label" }, COPY.label),
      el("p", { id: "herts-chat-hint", class: "herts-hint" }, COPY.hint),
      u.input, u.error,
      el("div", { class: "herts-form__row" }, u.count, u.send), u.countLive);
    u.panel = el("section", { id: "herts-chat-panel", class: "herts-panel", "aria-labelledby": "herts-chat-title", hidden: true },
      el("div", { class: "herts-panel__header" }, el("h2", { id: "herts-chat-title", class: "herts-title" }, COPY.title), u.close),
      el("div", { class: "herts-panel__top" },
        el("p", { id: "herts-chat-notice", class: "herts-notice" }, COPY.notice),
        el("p", { id: "herts-chat-exit-help", class: "herts-exit-help" }, COPY.exitHelp)),
      u.status, u.alert, u.intro, u.log, u.typing, u.form);
    root.textContent = "";
    root.append(u.launcher, u.panel);

    u.launcher.addEventListener("click", () => (u.panel.hidden ? openPanel(true) : closePanel()));
    u.close.addEventListener("click", closePanel);
    u.form.addEventListener("submit", onSubmit);
    u.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) onSubmit(e); // Shift+Enter: new line
    });
    u.input.addEventListener("input", () => {
      updateCount();
      if (u.error.textContent && u.input.value.trim()) u.error.textContent = "";
    });
    return u;
  }

  function renderMessage(m) {
    const queued = m.role === "user" && outbox.some((o) => o.id === m.id);
    const node = el("div", {
      class: `herts-msg herts-msg--${m.role}${m.urgent ? " herts-msg--urgent" : ""}`,
      "data-role": m.role, "data-urgent": m.urgent ? "true" : null, "data-id": m.id,
      "data-status": m.role === "user" ? (queued ? "waiting" : "sent") : null,
    });
    const text = el("p", { class: "herts-msg__text" }, hidden(m.role === "bot" ? COPY.botSaid : COPY.youSaid));
    if (m.urgent) text.append(el("strong", { class: "herts-urgent-label" },
      el("img", { src: STATIC_BASE + "warning.svg", alt: "", class: "herts-urgent-icon" }), COPY.urgent + " "));
    text.append(linkify(m.text));
    node.append(text);
    if (m.calendar) {
      const file = new Blob([m.calendar.ics], { type: "text/calendar" });
      node.append(el("p", { class: "herts-msg__file" },
        el("a", { href: URL.createObjectURL(file), download: m.calendar.filename, class: "herts-calendar" }, m.calendar.title)));
    }
    if (m.role === "bot" && m.quickReplies.length) {
      const group = el("div", { class: "herts-qr-group", role: "group", "aria-label": COPY.replyOptions });
      m.quickReplies.forEach((q) => {
        const button = el("button", { type: "button", class: "herts-qr" }, q.title);
        button.addEventListener("click", () => !button.disabled && sendMessage(q.payload, q.title));
        group.append(button);
      });
      node.append(group);
    }
    if (queued) node.append(el("p", { class: "herts-msg__status" }, COPY.waiting));
    return node;
  }

  // Only the newest message's quick replies can be used.
  function refreshQuickReplies() {
    const newest = ui.log.lastElementChild;
    ui.log.querySelectorAll(".herts-qr").forEach((b) => {
      b.disabled = !newest || !newest.contains(b);
    });
  }

  function addEntry(entry) {
    transcript.push(entry);
    if (transcript.length > MAX_KEPT) transcript = transcript.slice(-MAX_KEPT);
    save(KEY.transcript, transcript);
    ui.log.append(renderMessage(entry));
    ui.intro.hidden = true;
    refreshQuickReplies();
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function markSent(id) {
    const node = Array.from(ui.log.children).find((n) => n.getAttribute("data-id") === id);
    if (!node) return;
    node.setAttribute("data-status", "sent");
    const status = node.querySelector(".herts-msg__status");
    if (status) status.remove();
  }

  // ---- panel ----
  function openPanel(moveFocus) {
    ui.panel.hidden = false;
    ui.root.classList.add("herts-chat--open");
    // On narrow screens the panel fills the viewport: hide the page behind it (see widget.css).
    if (ui.root.parentElement === document.body) document.body.classList.add("herts-chat-is-open");
    ui.launcher.setAttribute("aria-expanded", "true");
    save(KEY.open, true);
    ensureSocket();
    ui.log.scrollTop = ui.log.scrollHeight;
    if (moveFocus) ui.input.focus();
  }

  function closePanel() {
    ui.panel.hidden = true;
    ui.root.classList.remove("herts-chat--open");
    document.body.classList.remove("herts-chat-is-open");
    ui.launcher.setAttribute("aria-expanded", "false");
    save(KEY.open, false);
    ui.launcher.focus();
  }

  function setStatus(state, text) {
    ui.status.setAttribute("data-state", state);
    if (ui.status.textContent !== text) ui.status.textContent = text;
  }

  function showTyping() {
    ui.typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, TYPING_TIMEOUT_MS);
  }
  function hideTyping() {
    clearTimeout(typingTimer);
    if (ui) ui.typing.hidden = true;
  }

  // Character counter: always visible, announced only near the limit (after typing pauses).
  function updateCount() {
    const n = ui.input.value.length;
    const left = CFG.maxLength - n;
    const near = left <= Math.max(20, Math.floor(CFG.maxLength / 10));
    ui.count.textContent = COPY.count(n, CFG.maxLength);
    ui.count.classList.toggle("herts-count--near", near);
    clearTimeout(countTimer);
    if (!near) {
      ui.countLive.textContent = "";
      return;
    }
    countTimer = setTimeout(() => {
      ui.countLive.textContent = left > 0 ? COPY.charsLeft(left) : COPY.atLimit(CFG.maxLength);
    }, COUNT_DEBOUNCE_MS);
  }

  // ---- sending ----
  function onSubmit(e) {
    e.preventDefault();
    const text = ui.input.value.trim();
    ui.error.textContent = text ? "" : COPY.empty;
    if (!text) return ui.input.focus();
    ui.input.value = "";
    updateCount();
    sendMessage(text.slice(0, CFG.maxLength), text.slice(0, CFG.maxLength));
    ui.input.focus();
  }

  // `message` is what the server gets (a quick reply's payload); `shown` is what the log shows.
  function sendMessage(message, shown) {
    const entry = { id: newId(), role: "user", text: shown, urgent: false, quickReplies: [] };
    outbox.push({ id: entry.id, message });
    save(KEY.outbox, outbox);
    addEntry(entry);
    ui.alert.textContent = "";
    ensureSocket();
    flush();
  }

  // Sends queued messages in order, only once the server has confirmed the session.
  function flush() {
    if (!socket || !socket.connected || !confirmed || !sessionId || !outbox.length) return;
    while (outbox.length) {
      const item = outbox.shift();
      socket.emit("user_uttered", { message: item.message, session_id: sessionId });
      save(KEY.outbox, outbox);
      markSent(item.id);
    }
    showTyping();
  }

  // ---- receiving ----
  function onBotMessage(data) {
    if (exited || !data || typeof data !== "object") return;
    const text = isText(data.text) ? data.text : "";
    const quickReplies = cleanReplies(data.quick_replies || data.buttons);
    const calendar = cleanCalendar(data.custom && data.custom.calendar);
    if (!text.trim() && !quickReplies.length && !calendar) return;
    hideTyping();
    const entry = { id: newId(), role: "bot", text, urgent: data.urgent === true, quickReplies, calendar };
    addEntry(entry);
    if (entry.urgent) ui.alert.append(el("p", null, COPY.urgent + " " + text)); // assertive announcement
  }

  // ---- connection ----
  function ensureSocket() {
    if (socket || exited) return;
    if (typeof window.io !== "function") return setStatus("unavailable", COPY.unavailable);
    setStatus("connecting", COPY.connecting);
    socket = window.io(CFG.socketUrl, { path: CFG.socketPath, transports: ["websocket", "polling"] });
    socket.on("connect", () => {
      confirmed = false;
      socket.emit("session_request", { session_id: sessionId });
    });
    socket.on("session_confirm", (data) => {
      const id = isText(data) ? data : data && isText(data.session_id) ? data.session_id : "";
      if (!id || exited) return;
      sessionId = id;
      save(KEY.session, id);
      confirmed = true;
      setStatus("connected", COPY.connected);
      flush();
    });
    socket.on("bot_uttered", onBotMessage);
    socket.on("disconnect", (reason) => {
      confirmed = false;
      hideTyping();
      setStatus("reconnecting", COPY.reconnecting);
      // socket.io does not retry by itself when the server closed the connection.
      if (reason === "io server disconnect") setTimeout(() => socket && !exited && socket.connect(), 2000);
    });
    socket.on("connect_error", () => setStatus("reconnecting", COPY.reconnecting));
  }

  // ---- quick exit ----
  // Synchronous from start to finish: nothing here waits for the network or a timer.
  function wipe() {
    try {
      for (let i = sessionStorage.length - 1; i >= 0; i -= 1) {
        const key = sessionStorage.key(i);
        if (key && key.startsWith(PREFIX)) sessionStorage.removeItem(key);
      }
      sessionStorage.clear();
    } catch (err) { /* storage unavailable: nothing to remove */ }
    if (socket) {
      try {
        socket.off();
        if (socket.io && typeof socket.io.reconnection === "function") socket.io.reconnection(false);
        socket.disconnect();
      } catch (err) { /* already closed */ }
      socket = null;
    }
    clearTimeout(typingTimer);
    clearTimeout(countTimer);
    confirmed = false;
    sessionId = null;
    transcript = [];
    outbox = [];
    const root = document.getElementById("herts-chat");
    if (root) root.textContent = ""; // empty it, then take it out of the page
    if (root) root.remove();
    ui = null;
    document.documentElement.classList.add("herts-exited");
    if (document.body) document.body.classList.remove("herts-chat-is-open");
  }

  function quickExit(e) {
    if (e && typeof e.preventDefault === "function") e.preventDefault();
    exited = true;
    wipe();
    window.location.replace(CFG.exitUrl); // replace: Back does not come back to the chat
  }

  function onKeyDown(e) {
    if (exited) return;
    if (e.key === "Escape" && !e.isComposing) quickExit(e);
    else if (e.key === "Shift") {
      if (e.repeat) return;
      const now = Date.now();
      shiftPresses = shiftPresses.filter((t) => now - t < SHIFT_WINDOW_MS).concat(now);
      if (shiftPresses.length >= 3) quickExit(e);
    } else {
      shiftPresses = []; // Shift for capital letters has other keys in between
    }
  }

  // ---- start ----
  function init() {
    buildExitButton();
    if (exited) return;
    restoreState();
    ui = buildWidget();
    transcript.forEach((m) => ui.log.append(renderMessage(m)));
    ui.intro.hidden = transcript.length > 0;
    refreshQuickReplies();
    updateCount();
    if (sessionId || outbox.length) ensureSocket();
    if (load(KEY.open, false) === true) openPanel(true);
  }

  document.addEventListener("keydown", onKeyDown, true);
  // A page restored from the back/forward cache after an exit is wiped and sent away again.
  window.addEventListener("pageshow", (e) => {
    if (exited) quickExit();
    else if (e.persisted && socket && !socket.connected) socket.connect();
  });
  window.addEventListener("pagehide", () => exited && wipe());

  // Read-only test hook: counts and state, never message text.
  const state = () => ({
    connected: Boolean(socket && socket.connected && confirmed), // connected and session confirmed
    sessionId,
    queued: outbox.length,
    messages: document.querySelectorAll("#herts-chat-log .herts-msg").length,
  });
  Object.defineProperty(window, "hertsChat", { value: Object.freeze({ state }), writable: false, configurable: false });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
