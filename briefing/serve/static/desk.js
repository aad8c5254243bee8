// The review desk: check as the reviewer types, save and confirm (with the accept the guards ask
// for), filters and keys. Every change is a POST carrying the page's CSRF token.
"use strict";
(function () {
  // The index: start a run from uploaded documents, follow its progress, cancel it.
  const start = document.getElementById("start-run");
  if (!start) return;
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const list = document.getElementById("runs");
  let known = 0;
  function refresh() {
    fetch("/runs", {credentials: "same-origin"}).then(function (answer) { return answer.json(); }).then(function (runs) {
      list.textContent = "";
      let busy = false;
      runs.forEach(function (run) {
        const item = document.createElement("li");
        item.className = "run " + run.state;
        item.dataset.run = run.id;
        item.textContent = run.documents.join(", ") + " → " + run.targets.join(", ") + ": " + run.state +
          (run.phase ? " (" + run.phase + " " + run.done + "/" + run.total + ")" : "") + (run.error ? " — " + run.error : "");
        if (run.state === "queued" || run.state === "running") {
          busy = true;
          const cancel = document.createElement("button");
          cancel.type = "button"; cancel.textContent = "Cancel";
          cancel.addEventListener("click", function () {
            fetch("/runs/" + run.id + "/cancel", {method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
                                                  body: "{}", credentials: "same-origin"});
          });
          item.appendChild(cancel);
        }
        list.appendChild(item);
      });
      const finished = runs.filter(function (run) { return run.state === "done"; }).length;
      if (finished > known) { known = finished; if (!busy) { window.location.reload(); return; } }
      if (busy) setTimeout(refresh, 400);
    });
  }
  start.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch("/runs", {method: "POST", body: new FormData(start), credentials: "same-origin"})
      .then(function (answer) { return answer.json().then(function (data) { return [answer.status, data]; }); })
      .then(function ([status, data]) {
        if (status !== 200) { const item = document.createElement("li"); item.textContent = data.error; list.appendChild(item); return; }
        refresh();
      });
  });
  fetch("/runs", {credentials: "same-origin"}).then(function (answer) { return answer.json(); })
    .then(function (runs) { known = runs.filter(function (run) { return run.state === "done"; }).length; refresh(); });
})();

(function () {
  const table = document.querySelector("table.review");
  if (!table) return;
  const briefing = table.dataset.briefing;
  const token = document.querySelector('meta[name="csrf-token"]').content;

  function post(action, body) {
    return fetch("/review/" + encodeURIComponent(briefing) + "/" + action, {
      method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
      body: JSON.stringify(body), credentials: "same-origin",
    }).then(function (answer) { return answer.json().then(function (data) { return [answer.status, data]; }); });
  }

  function show(row, findings) {
    const list = row.querySelector("td.findings ul");
    list.textContent = "";
    findings.forEach(function (line) { const item = document.createElement("li"); item.textContent = line; list.appendChild(item); });
    row.classList.toggle("flagged", findings.length > 0);
  }

  function update(row, state) {
    row.dataset.version = state.version;
    row.classList.remove("machine", "edited", "confirmed");
    row.classList.add(state.status);
    row.querySelector("td.status").textContent = state.status;
    row.querySelector("textarea").value = state.target;
    show(row, state.findings);
  }

  function say(row, text) { row.querySelector(".message").textContent = text; }

  function save(row, confirm, accept) {
    const body = {index: Number(row.dataset.index), target: row.querySelector("textarea").value,
                  version: Number(row.dataset.version), confirm: confirm, accept: accept};
    say(row, "saving…");
    post("save", body).then(function ([status, data]) {
      if (status === 200) { update(row, data.row); say(row, confirm ? "confirmed" : "saved"); return; }
      if (status === 409) { update(row, data.row); say(row, "changed by " + (data.row.by || "another reviewer") + " meanwhile: theirs is shown"); return; }
      if (status === 422) {
        say(row, "held back: " + data.reasons.join("; ") + ". ");
        const accept = document.createElement("button");
        accept.type = "button"; accept.className = "accept"; accept.textContent = "Accept and confirm";
        accept.addEventListener("click", function () { save(row, true, true); });
        row.querySelector(".message").appendChild(accept);
        return;
      }
      say(row, data.error || "not saved");
    });
  }

  let timers = new Map();
  table.addEventListener("input", function (event) {
    const row = event.target.closest("tr.row");
    clearTimeout(timers.get(row));
    timers.set(row, setTimeout(function () {
      post("check", {index: Number(row.dataset.index), target: event.target.value}).then(function ([status, data]) {
        if (status === 200) show(row, data.findings);
      });
    }, 250));
  });
  table.addEventListener("click", function (event) {
    const row = event.target.closest("tr.row");
    if (!row) return;
    if (event.target.classList.contains("save")) save(row, false, false);
    if (event.target.classList.contains("confirm")) save(row, true, false);
  });

  function filter() {
    const flagged = document.getElementById("flagged-only").checked;
    const unconfirmed = document.getElementById("unconfirmed-only").checked;
    table.querySelectorAll("tr.row").forEach(function (row) {
      const hide = (flagged && !row.classList.contains("flagged")) || (unconfirmed && row.classList.contains("confirmed"));
      row.classList.toggle("hidden", hide);
    });
  }
  document.getElementById("flagged-only").addEventListener("change", filter);
  document.getElementById("unconfirmed-only").addEventListener("change", filter);

  // The model's least sure sentences first (those from the memory, with no score, last), or back in order.
  document.getElementById("least-sure-first").addEventListener("change", function (event) {
    const body = table.querySelector("tbody");
    const rows = Array.from(body.querySelectorAll("tr.row"));
    const sure = function (row) { return row.dataset.confidence === undefined ? 2 : Number(row.dataset.confidence); };
    rows.sort(event.target.checked ? function (a, b) { return sure(a) - sure(b); }
                                   : function (a, b) { return Number(a.dataset.index) - Number(b.dataset.index); });
    rows.forEach(function (row) { body.appendChild(row); });
  });

  function lookup(form, input, list, path, line) {
    document.getElementById(form).addEventListener("submit", function (event) {
      event.preventDefault();
      const text = document.getElementById(input).value;
      fetch(path + "?q=" + encodeURIComponent(text), {credentials: "same-origin"})
        .then(function (answer) { return answer.json(); })
        .then(function (found) {
          const results = document.getElementById(list);
          results.textContent = "";
          (found.length ? found : [null]).forEach(function (item) {
            const entry = document.createElement("li");
            entry.textContent = item === null ? "nothing found" : line(item);
            results.appendChild(entry);
          });
        });
    });
  }
  const editing = document.getElementById("glossary-edit");
  editing.addEventListener("submit", function (event) {
    event.preventDefault();
    const forms = {};
    const sourceForm = editing.elements["source-form"].value.trim(), targetForm = editing.elements["target-form"].value.trim();
    if (sourceForm) forms[editing.dataset.source] = sourceForm;
    if (targetForm) forms[editing.dataset.target] = targetForm;
    editing.querySelector(".message").textContent = " saving…";  // the last answer never stands for this one
    fetch("/desk-api/glossary", {method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
                                 body: JSON.stringify({id: editing.elements["id"].value.trim(), forms: forms}), credentials: "same-origin"})
      .then(function (answer) { return answer.json().then(function (data) { return [answer.status, data]; }); })
      .then(function ([status, data]) {
        editing.querySelector(".message").textContent = status === 200 ? " saved in " + data.file : " " + data.error;
      });
  });
  lookup("concordance", "concordance-text", "concordance-results", "/desk-api/concordance",
         function (pair) { return pair.sentence + " → " + pair.target + " (" + pair.target_lang + ")"; });
  lookup("glossary", "glossary-text", "glossary-results", "/desk-api/glossary",
         function (entry) { return entry.id + ": " + Object.entries(entry.forms).map(function (form) { return form[0] + " " + form[1]; }).join(" · "); });

  document.addEventListener("keydown", function (event) {
    const focused = document.activeElement && document.activeElement.closest("tr.row");
    if (focused && event.ctrlKey && (event.key === "Enter" || event.key === "s")) {
      event.preventDefault();
      save(focused, event.key === "Enter", false);
      return;
    }
    if (!event.altKey || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
    const rows = Array.from(table.querySelectorAll("tr.row.flagged:not(.hidden)"));
    const current = document.activeElement && document.activeElement.closest("tr.row");
    let at = rows.indexOf(current);
    at = event.key === "ArrowDown" ? Math.min(at + 1, rows.length - 1) : Math.max(at - 1, 0);
    if (rows[at]) { rows[at].querySelector("textarea").focus(); event.preventDefault(); }
  });
})();
