// The page itself: one self-contained HTML document (no CDN, no framework). Its script asks the
// server what the chosen person sees, polls for changes, and sends clicks, form saves and slash
// commands back as Slack requests. Written without template literals so it can live in this string.
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 -apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:#1d1c1d;background:#fff}
.app{display:grid;grid-template-columns:250px 1fr;height:100vh}
.sidebar{background:#3f0e40;color:#e8dfe8;padding:12px;overflow:auto}
.sidebar h1{font-size:17px;margin:0 0 10px;color:#fff}
.sidebar label{display:block;font-size:13px;margin:8px 0 4px}
.sidebar select{width:100%;padding:4px}
.sidebar h2{font-size:13px;font-weight:600;margin:16px 0 4px;color:#cdbfcd}
.sidebar ul{list-style:none;margin:0;padding:0}
.sidebar button.nav{all:unset;display:block;width:100%;box-sizing:border-box;padding:4px 8px;border-radius:6px;cursor:pointer}
.sidebar button.nav:hover{background:#350d36}
.sidebar button.nav[aria-current=page]{background:#1164a3;color:#fff}
.sidebar button.nav:focus-visible,.btn:focus-visible,select:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #36c5f0;outline-offset:1px}
.clock{margin-top:18px;border-top:1px solid #5c2c5d;padding-top:10px}
.clock .now{font-size:13px;color:#fff;margin-bottom:6px}
.clock button{display:block;width:100%;margin:4px 0;padding:5px 8px;border-radius:6px;border:1px solid #a88ba9;background:#4d1a4f;color:#fff;cursor:pointer;text-align:left;font:inherit;font-size:13px}
.clock .note{font-size:12px;color:#cdbfcd;margin-top:6px;word-break:break-word}
main{display:flex;flex-direction:column;min-width:0;height:100vh}
main>header{border-bottom:1px solid #ddd;padding:10px 18px}
main>header h2{margin:0;font-size:18px}
#feed{flex:1;overflow:auto;padding:10px 18px}
.post{border-bottom:1px solid #f2f2f2;padding:6px 0}
.message{display:flex;gap:10px;padding:4px 0}
.message.ephemeral{background:#f8f8f8;border-left:3px solid #1264a3;padding-left:8px}
.avatar{flex:none;width:36px;height:36px;border-radius:6px;background:#611f69;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:700}
.content{min-width:0;flex:1}
.meta{font-size:13px;color:#616061}.poster{font-weight:700;color:#1d1c1d;font-size:15px}
.edited,.only-you{font-size:12px;color:#616061}
.thread{margin:4px 0 4px 46px;border-left:2px solid #e0e0e0;padding-left:10px}
.thread-count{font-size:13px;color:#1264a3;font-weight:600}
.block{margin:4px 0}
h3.header{font-size:18px;margin:6px 0}
.section{display:flex;gap:12px;align-items:flex-start}.section .body{flex:1;min-width:0}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:4px 16px;margin-top:4px}
.context{font-size:13px;color:#616061;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.context-image{width:18px;height:18px}
hr.divider{border:0;border-top:1px solid #ddd}
.actions{display:flex;gap:8px;flex-wrap:wrap}
.btn{font:inherit;font-size:14px;font-weight:600;padding:4px 12px;border-radius:6px;border:1px solid #bbb;background:#fff;color:#1d1c1d;cursor:pointer;text-decoration:none;display:inline-block}
.btn-primary{background:#007a5a;border-color:#007a5a;color:#fff}
.btn-danger{background:#e01e5a;border-color:#e01e5a;color:#fff}
.select{font:inherit;font-size:14px;padding:4px}
blockquote{margin:2px 0;padding-left:10px;border-left:4px solid #ddd;color:#444}
code{font:12px ui-monospace,Menlo,monospace;background:#f6f6f6;border:1px solid #e4e4e4;border-radius:3px;padding:1px 3px;color:#e01e5a}
pre{font:12px ui-monospace,Menlo,monospace;background:#f6f6f6;border:1px solid #e4e4e4;padding:8px;white-space:pre-wrap}
ul,ol{margin:2px 0;padding-left:22px}
.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
.file-image,.block-image{max-width:min(100%,560px);border:1px solid #ddd;border-radius:8px;display:block}
figure{margin:6px 0}figcaption{font-size:12px;color:#616061}
.unsupported{color:#a00;font-style:italic}
.empty{color:#616061}
.composer{border-top:1px solid #ddd;padding:10px 18px;display:flex;gap:8px;align-items:center}
.composer label{font-size:13px;color:#616061}
.composer input{flex:1;font:inherit;padding:8px;border:1px solid #bbb;border-radius:8px}
.status{padding:0 18px 8px;font-size:13px;color:#a00;min-height:1em}
.overlay{position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:flex-start;justify-content:center;padding:40px 10px;overflow:auto}
.overlay[hidden]{display:none}
.modal{background:#fff;border-radius:10px;width:min(560px,100%);box-shadow:0 10px 40px rgba(0,0,0,.3)}
.modal h2{margin:0;padding:16px 20px;border-bottom:1px solid #ddd;font-size:20px}
.modal-body{padding:8px 20px;max-height:65vh;overflow:auto}
.modal-buttons{display:flex;justify-content:flex-end;gap:8px;padding:12px 20px;border-top:1px solid #ddd}
.input{margin:12px 0}.label{display:block;font-weight:700;margin-bottom:4px}.optional{font-weight:400;color:#616061}
.input input[type=text],.input input[type=url],.input input[type=email],.input input[type=number],.input textarea,.input select{width:100%;font:inherit;padding:6px 8px;border:1px solid #bbb;border-radius:6px}
.hint{font-size:13px;color:#616061;margin-top:2px}
.has-error input,.has-error textarea,.has-error select{border-color:#e01e5a}
.field-error{color:#e01e5a;font-size:13px;margin-top:4px}
.choice{display:flex;gap:6px;align-items:baseline}
`;

const SCRIPT = `
(function () {
  var params = new URLSearchParams(location.search);
  var state = { as: params.get("as") || "", at: params.get("at") || "dm", mainHtml: null, modalKey: null, busy: 0 };
  var $ = function (id) { return document.getElementById(id); };

  function api(path, body) {
    state.busy++;
    return fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(Object.assign({ as: state.as, at: state.at }, body)) })
      .then(function (r) { return r.json(); })
      .then(function (j) { if (!j.ok) say(j.error || "Something went wrong"); else say(""); return j; })
      .finally(function () { state.busy--; refresh(); });
  }
  function say(text) { $("status").textContent = text; }

  function go(at) {
    state.at = at;
    state.mainHtml = null;
    var url = new URL(location.href);
    url.searchParams.set("as", state.as);
    url.searchParams.set("at", at);
    history.replaceState(null, "", url);
    if (at === "home") api("/home", {});
    refresh();
  }

  function navButton(label, at) {
    var li = document.createElement("li");
    var b = document.createElement("button");
    b.type = "button";
    b.className = "nav";
    b.textContent = label;
    b.dataset.at = at;
    if (state.at === at) b.setAttribute("aria-current", "page");
    b.addEventListener("click", function () { go(at); });
    li.appendChild(b);
    return li;
  }

  function renderSidebar(s) {
    var who = $("as");
    var ids = s.people.map(function (p) { return p.id; }).join(",");
    if (who.dataset.ids !== ids) {
      who.innerHTML = "";
      s.people.forEach(function (p) { var o = document.createElement("option"); o.value = p.id; o.textContent = p.name; who.appendChild(o); });
      who.dataset.ids = ids;
    }
    who.value = state.as;
    var app = $("app-nav"); app.innerHTML = "";
    app.appendChild(navButton("Home", "home"));
    app.appendChild(navButton("Messages", "dm"));
    var ch = $("channel-nav"); ch.innerHTML = "";
    s.channels.forEach(function (c) { ch.appendChild(navButton("# " + c.name, c.id)); });
    if (s.channels.length === 0) { var li = document.createElement("li"); li.textContent = "(no channel messages yet)"; ch.appendChild(li); }
    var clock = $("clock");
    if (!s.clock) { clock.hidden = true; return; }
    clock.hidden = false;
    var d = new Date(s.clock.now);
    $("now").textContent = d.toUTCString().replace(":00 GMT", " UTC");
    var jumps = $("jumps");
    if (jumps.childElementCount !== s.clock.jumps.length) {
      jumps.innerHTML = "";
      s.clock.jumps.forEach(function (j) {
        var b = document.createElement("button"); b.type = "button"; b.textContent = j.label; b.dataset.jump = j.id;
        b.addEventListener("click", function () { b.disabled = true; say(""); api("/clock", { jump: j.id }).finally(function () { b.disabled = false; }); });
        jumps.appendChild(b);
      });
    }
    $("clock-note").textContent = s.clock.note || "";
  }

  function renderModal(m) {
    var overlay = $("overlay");
    var key = m ? m.key : null;
    if (key === state.modalKey) return;
    state.modalKey = key;
    // While a modal is open, the rest of the page is out of reach (Tab stays in the form), as in Slack.
    document.querySelector(".app").inert = !!m;
    if (!m) { overlay.hidden = true; overlay.innerHTML = ""; return; }
    overlay.innerHTML = m.html;
    overlay.hidden = false;
    var first = overlay.querySelector(".has-error input, .has-error textarea, .has-error select") || overlay.querySelector("input, textarea, select, button");
    if (first) first.focus();
  }

  function refresh() {
    if (!state.as) return;
    fetch("/state?as=" + encodeURIComponent(state.as) + "&at=" + encodeURIComponent(state.at))
      .then(function (r) { return r.json(); })
      .then(function (s) {
        state.at = s.at;
        renderSidebar(s);
        $("title").textContent = s.title;
        document.title = s.title + " · okr-bot demo";
        $("composer").hidden = s.at === "home";
        if (s.main !== state.mainHtml) {
          var feed = $("feed");
          // A conversation opens at its latest message, and follows new ones while read at the bottom.
          var atBottom = state.mainHtml === null || feed.scrollTop + feed.clientHeight >= feed.scrollHeight - 30;
          feed.innerHTML = s.main;
          state.mainHtml = s.main;
          if (atBottom && s.at !== "home") feed.scrollTop = feed.scrollHeight;
        }
        renderModal(s.modal);
      })
      .catch(function () { say("The demo is not answering (stopped?)"); });
  }

  // What the person entered in the modal: block_id → action_id → value, as the sandbox builds Slack's view.state from it.
  function formValues(form) {
    var values = {};
    form.querySelectorAll("[data-field]").forEach(function (el) {
      var v;
      var type = el.dataset.type;
      if (type === "checkboxes") v = Array.prototype.map.call(el.querySelectorAll("input:checked"), function (i) { return i.value; });
      else if (type === "radio_buttons") { var r = el.querySelector("input:checked"); v = r ? r.value : null; }
      else if (el.multiple) v = Array.prototype.map.call(el.selectedOptions, function (o) { return o.value; });
      else v = el.value === "" ? null : el.value;
      (values[el.dataset.blockId] = values[el.dataset.blockId] || {})[el.dataset.actionId] = v;
    });
    return values;
  }

  function actionFrom(el) {
    var body = { actionId: el.dataset.actionId, blockId: el.dataset.blockId };
    if (el.dataset.type === "button") body.value = el.dataset.value;
    else if (el.dataset.type === "checkboxes") body.value = Array.prototype.map.call(el.querySelectorAll("input:checked"), function (i) { return i.value; });
    else if (el.dataset.type === "radio_buttons") { var r = el.querySelector("input:checked"); body.value = r ? r.value : null; }
    else if (el.multiple) body.value = Array.prototype.map.call(el.selectedOptions, function (o) { return o.value; });
    else body.value = el.value;
    var modal = el.closest("form.modal");
    var home = el.closest("section.home");
    var msg = el.closest("article.message");
    if (modal) { body.container = { type: "view", viewId: modal.dataset.viewId }; body.values = formValues(modal); }
    else if (home) body.container = { type: "view", viewId: home.dataset.viewId };
    else if (msg) body.container = { type: "message", channel: msg.dataset.channel, ts: msg.dataset.ts, ephemeral: msg.hasAttribute("data-ephemeral") };
    return body;
  }

  document.addEventListener("click", function (e) {
    var t = e.target.closest("button[data-action-id]");
    if (t) { e.preventDefault(); t.disabled = true; api("/action", actionFrom(t)).finally(function () { t.disabled = false; }); return; }
    var close = e.target.closest("[data-close-view]");
    if (close) { var f = close.closest("form.modal"); api("/close", { viewId: f.dataset.viewId }); }
  });
  document.addEventListener("change", function (e) {
    var el = e.target.closest("[data-action-id]");
    if (!el || (el.hasAttribute("data-field") && !el.hasAttribute("data-dispatch")) || el.tagName === "BUTTON") return;
    api("/action", actionFrom(el));
  });
  document.addEventListener("submit", function (e) {
    var form = e.target.closest("form.modal");
    if (!form) return;
    e.preventDefault();
    if (!form.reportValidity()) return;
    var submit = form.querySelector("button[type=submit]");
    if (submit) submit.disabled = true;
    api("/submit", { viewId: form.dataset.viewId, values: formValues(form) }).finally(function () { if (submit) submit.disabled = false; });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var f = document.querySelector("#overlay form.modal");
    if (f) api("/close", { viewId: f.dataset.viewId });
  });
  $("as").addEventListener("change", function (e) { state.as = e.target.value; state.modalKey = null; go(state.at); });
  $("composer").addEventListener("submit", function (e) {
    e.preventDefault();
    var input = $("message");
    var text = input.value;
    if (!text.trim()) return;
    api("/command", { text: text }).then(function (j) { if (j.ok) input.value = ""; });
  });

  fetch("/state?as=").then(function (r) { return r.json(); }).then(function (s) {
    if (!state.as && s.people.length > 0) state.as = s.people[0].id;
    go(state.at);
    setInterval(function () { if (!state.busy) refresh(); }, 800);
  });
})();
`;

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>okr-bot demo</title>
<style>${CSS}</style>
</head>
<body>
<div class="app">
  <nav class="sidebar" aria-label="Workspace">
    <h1>Sandbox workspace</h1>
    <label for="as">You are</label>
    <select id="as"></select>
    <h2 id="apps-heading">okr-bot</h2>
    <ul id="app-nav" aria-labelledby="apps-heading"></ul>
    <h2 id="channels-heading">Channels</h2>
    <ul id="channel-nav" aria-labelledby="channels-heading"></ul>
    <section class="clock" id="clock" aria-labelledby="clock-heading" hidden>
      <h2 id="clock-heading">Clock</h2>
      <div class="now" id="now" aria-live="polite"></div>
      <div id="jumps"></div>
      <div class="note" id="clock-note" aria-live="polite"></div>
    </section>
  </nav>
  <main>
    <header><h2 id="title">okr-bot</h2></header>
    <div id="feed" tabindex="0" role="region" aria-label="Conversation"></div>
    <div class="status" id="status" role="status"></div>
    <form class="composer" id="composer">
      <label for="message">Message</label>
      <input id="message" autocomplete="off" placeholder="Type /okr help, /okr checkin, /okr team Platform…">
      <button type="submit" class="btn">Send</button>
    </form>
  </main>
</div>
<div class="overlay" id="overlay" hidden></div>
<script>${SCRIPT}</script>
</body>
</html>
`;
