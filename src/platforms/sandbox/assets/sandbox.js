// The sandbox page's script: sends the forms in the background (the page stays where it is), shows the
// bot's short answers to a button (toasts), and redraws the chat list, the open chat and the clock when the
// server's event stream says something changed. Without it, every form still works by reloading the page.
(() => {
  const body = document.body;
  let refreshing = false;
  let again = false;

  function flash(text) {
    const el = document.getElementById("flash");
    if (!el || !text) return;
    el.textContent = text;
    clearTimeout(flash.timer);
    flash.timer = setTimeout(() => {
      el.textContent = "";
    }, 4000);
  }

  // Chats with messages this person has not opened yet are marked, as a messenger does (kept in this browser).
  function markUnread() {
    const persona = body.dataset.persona || "";
    const open = body.dataset.chat || "";
    for (const a of document.querySelectorAll("a.chat[data-chat]")) {
      const key = `sandbox-seen:${persona}:${a.dataset.chat}`;
      const last = Number(a.dataset.last || 0);
      if (a.dataset.chat === open) localStorage.setItem(key, String(last));
      a.classList.toggle("unread", last > Number(localStorage.getItem(key) || 0));
    }
  }

  function atBottom(list) {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }

  function scrollDown() {
    const list = document.getElementById("messages");
    if (list) list.scrollTop = list.scrollHeight;
  }

  async function refresh() {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      const res = await fetch(location.pathname + location.search, { headers: { accept: "text/html" }, cache: "no-store" });
      if (!res.ok) return;
      const doc = new DOMParser().parseFromString(await res.text(), "text/html");
      const list = document.getElementById("messages");
      const stick = !list || atBottom(list);
      for (const id of ["chats", "messages", "clock-now"]) {
        const now = document.getElementById(id);
        const next = doc.getElementById(id);
        if (now && next && now.innerHTML !== next.innerHTML) now.innerHTML = next.innerHTML;
      }
      const head = document.querySelector(".conv-head");
      const nextHead = doc.querySelector(".conv-head");
      if (head && nextHead && head.innerHTML !== nextHead.innerHTML) head.innerHTML = nextHead.innerHTML;
      const jump = document.getElementById("jump-at");
      const nextJump = doc.getElementById("jump-at");
      if (jump && nextJump && document.activeElement !== jump) jump.value = nextJump.value;
      if (stick) scrollDown();
      markUnread();
    } finally {
      refreshing = false;
      if (again) {
        again = false;
        refresh();
      }
    }
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.action.includes("/sandbox/")) return;
    if (form.dataset.confirm && !confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    const data = new FormData(form);
    const submitter = event.submitter;
    if (submitter?.name) data.set(submitter.name, submitter.value);
    const buttons = form.querySelectorAll("button");
    for (const b of buttons) b.disabled = true;
    try {
      const res = await fetch(form.action, { method: "POST", body: data, headers: { accept: "application/json" } });
      const answer = await res.json().catch(() => ({}));
      if (form.id === "say-form" && res.ok) form.reset();
      if (form.classList.contains("attach-form") && res.ok) form.reset();
      if (answer.toast) flash(answer.toast.text);
      else if (answer.flash) flash(answer.flash);
      else if (answer.error) flash(answer.error);
      if (form.classList.contains("reset")) {
        location.href = `/sandbox?p=${encodeURIComponent(body.dataset.persona || "")}`;
        return;
      }
      await refresh();
      if (form.id === "say-form") document.getElementById("say-text")?.focus();
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  });

  const events = new EventSource("/sandbox/events");
  events.addEventListener("change", (e) => {
    try {
      const change = JSON.parse(e.data);
      if (change.all) return refresh();
    } catch {
      // a malformed event: redraw anyway
    }
    refresh();
  });

  scrollDown();
  markUnread();
  // On a phone the keyboard would cover the page: focus the message box only on a wide screen.
  if (window.innerWidth > 900) document.getElementById("say-text")?.focus();
  // A message from the server after a form without the script (?f=...) fades like the others.
  const shown = document.getElementById("flash");
  if (shown?.textContent) flash(shown.textContent);
})();
