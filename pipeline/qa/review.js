/* iku review page: boxes over the page images, records beside them, corrections exported as JSON. */
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("iku-data").textContent);
  const FLAG_ORDER = ["empty_key", "low_confidence", "low_field", "low_ocr", "corrected", "unmapped"];
  const STORE = "iku-review:" + D.source_file + ":" + D.digest;
  // key → correction; keys "r:<index>:<field>", "r:<index>:delete", "d:<field>"
  let corrections = {};
  try { corrections = JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (e) { corrections = {}; }

  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "style") e.setAttribute("style", v);
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  const text = (v) => (v === null || v === undefined ? "" : String(v));
  const colour = (f) => D.colours[f] || "#555";

  // ------------------------------------------------------------------ header
  const counts = { records: D.records.length, flagged: D.records.filter((r) => r.flags.length).length };
  const exportBtn = el("button", { id: "export", class: "primary", onclick: exportCorrections }, "Export corrections");
  const usedFields = new Set(D.boxes.flatMap((b) => b.fields));
  const legend = el("div", { class: "legend", id: "legend" },
    Object.keys(D.colours).filter((f) => usedFields.has(f)).map((f) =>
      el("span", { "data-field": f, title: "show / hide these boxes", onclick: (ev) => toggleField(f, ev.currentTarget) },
        el("i", { class: "sw", style: "background:" + colour(f) }), f === "extra" ? "no field (extra)" : f)));
  $("#top").append(
    el("h1", {}, D.source_file),
    el("span", { class: "meta" }, `${counts.records} records · ${counts.flagged} flagged · ` +
      `${D.pages.length} page images · ${text(D.extraction.method) || "?"} extraction`),
    legend, el("span", { class: "spacer" }), exportBtn);

  // ------------------------------------------------------------------ boxes
  const boxEls = {};
  for (const b of D.boxes) {
    const sheet = $(`#page-${b.page} .sheet`);
    if (!sheet) continue;
    const f = b.fields[0];
    const recs = b.records.slice(0, 3).map((i) => "#" + i).join(", ") + (b.records.length > 3 ? ` +${b.records.length - 3}` : "");
    let tip = b.fields.join(", ") + " · record " + recs;
    if (b.confidence !== undefined) tip += ` · OCR confidence ${b.confidence.toFixed(2)}`;
    const cls = ["box", "f-" + f, f === "extra" ? "unmapped" : "", b.low ? "low" : "", b.corrected ? "corrected" : ""];
    const e = el("div", {
      class: cls.filter(Boolean).join(" "), "data-box": b.id, title: tip,
      style: `left:${b.x}%;top:${b.y}%;width:${b.w}%;height:${b.h}%;--c:${colour(f)}`,
      onclick: (ev) => { ev.stopPropagation(); selectBox(b.id); },
    }, el("span", { class: "tag" }, b.fields.join(" + ") + " · " + recs));
    sheet.append(e);
    boxEls[b.id] = e;
  }
  const hidden = new Set();
  function toggleField(f, chip) {
    if (hidden.has(f)) hidden.delete(f); else hidden.add(f);
    chip.classList.toggle("off", hidden.has(f));
    for (const b of D.boxes) {
      if (boxEls[b.id]) boxEls[b.id].style.display = b.fields.every((x) => hidden.has(x)) ? "none" : "";
    }
  }

  // ------------------------------------------------------------------ side panel
  const side = $("#side");
  const flagged = D.records.filter((r) => r.flags.length);
  const rank = (r) => Math.min(...r.flags.map((f) => FLAG_ORDER.indexOf(f.kind)));
  const conf = (r) => (typeof r.confidence === "number" ? r.confidence : 1);
  const ordered = flagged.slice().sort((a, b) => rank(a) - rank(b) || conf(a) - conf(b) || a.i - b.i)
    .concat(D.records.filter((r) => !r.flags.length));

  side.append(el("h2", {}, "Document"), documentTable());
  if (flagged.length) {
    const items = [];
    const columns = {};  // an unmapped column is one item, however many records it runs through
    for (const r of ordered) {
      for (const f of r.flags) {
        if (f.kind !== "unmapped") { items.push([r, f, null]); continue; }
        if (!columns[f.header]) items.push([r, f, columns[f.header] = []]);
        columns[f.header].push(r.i);
      }
    }
    items.sort((a, b) => FLAG_ORDER.indexOf(a[1].kind) - FLAG_ORDER.indexOf(b[1].kind) || a[0].i - b[0].i);
    side.append(el("h2", {}, `Needs review (${flagged.length} records)`),
      el("ul", { id: "flags" }, items.map(([r, f, recs]) =>
        el("li", { class: f.kind, "data-rec": r.i, onclick: () => selectRecord(r.i, f.field, true) },
          recs ? `${f.text} — ${recs.length} record${recs.length > 1 ? "s" : ""} (#${recs.slice(0, 8).map((i) => i + 1).join(", #")}` +
                 `${recs.length > 8 ? ", …" : ""})`
               : `#${r.i + 1} ${text(r.values.indikator).slice(0, 60) || "(no indikator)"} — ${f.text}`))));
  }
  // "flagged only" with no record flagged says so instead of showing an empty list
  const noneFlagged = el("p", { id: "none-flagged", class: "note", style: "display:none" },
    `No record is flagged (${D.records.length} record${D.records.length === 1 ? "" : "s"}, none needs review).`);
  const onlyFlagged = el("input", { type: "checkbox", id: "only-flagged", onchange: (ev) => {
    for (const r of D.records) $(`#rec-${r.i}`).style.display = ev.target.checked && !r.flags.length ? "none" : "";
    noneFlagged.style.display = ev.target.checked && !flagged.length ? "" : "none";
  } });
  side.append(el("h2", {}, `Records (${D.records.length})`),
    el("div", { class: "toolbar" }, el("label", {}, onlyFlagged, " flagged only"),
      el("span", {}, "click a record to see its cells, a cell to see its record; ✎ corrects a field")),
    noneFlagged, el("div", { id: "records" }, ordered.map(recordCard)));

  function documentTable() {
    const t = el("table", { class: "fields", id: "document" });
    for (const f of D.document_fields) t.append(fieldRow("d:" + f, f, D.document[f], { target: "document", field: f }));
    return t;
  }

  function recordCard(r) {
    const conf = r.confidence;
    const confCls = conf === null || conf === undefined ? "" : conf >= 0.95 ? "" : conf >= 0.8 ? "mid" : "low";
    const flagFields = new Set(r.flags.map((f) => f.field));
    const rejectKey = `r:${r.i}:delete`;
    const card = el("div", { class: "rec" + (r.flags.length ? " flagged" : ""), id: `rec-${r.i}`, "data-rec": r.i,
      onclick: (ev) => { if (!ev.target.closest("button,textarea,summary")) selectRecord(r.i, null, false); } },
      el("div", { class: "rec-head" },
        el("span", { class: "idx" }, `#${r.i + 1}`),  // numbered from 1 (corrections keep the index)
        r.values.no ? el("span", {}, "no " + r.values.no) : null,
        conf !== null && conf !== undefined ? el("span", { class: "conf " + confCls, title: "record confidence" },
          conf.toFixed(2)) : null,
        r.reasons.map((x) => el("span", { class: "chip", title: "lowers the confidence" }, x)),
        r.flags.map((f) => el("span", { class: "chip flag " + f.kind }, f.text)),
        el("span", { class: "spacer" }),
        el("button", { class: "reject", title: "not an indicator: remove this record", onclick: (ev) => {
          ev.stopPropagation();
          if (corrections[rejectKey]) delete corrections[rejectKey];
          else corrections[rejectKey] = { target: "record", record: r.i, indikator: r.values.indikator, delete: true };
          card.classList.toggle("rejected", !!corrections[rejectKey]);
          saved();
        } }, "✕ reject")));
    if (corrections[rejectKey]) card.classList.add("rejected");
    const table = el("table", { class: "fields" });
    const rest = el("table", { class: "fields" });
    let nrest = 0;
    for (const f of D.fields) {
      const row = fieldRow(`r:${r.i}:${f}`, f, r.values[f],
        { target: "record", record: r.i, indikator: r.values.indikator, field: f }, r);
      if (flagFields.has(f)) row.classList.add("flagged");
      if (text(r.values[f]) || D.key_fields.includes(f) || flagFields.has(f)) table.append(row);
      else { rest.append(row); nrest++; }
    }
    // typed targets: one editable row per target column (its kinds, years and unit beside it)
    const typed = new Map();
    for (const t of r.targets || []) {
      if (!typed.has(t.column)) typed.set(t.column, []);
      typed.get(t.column).push(t);
    }
    for (const [column, ts] of typed) {
      const label = `${column} · ` + ts.map((t) => `${t.kind.replace("_", " ")}${t.year ? " " + t.year : ""}` +
        `${t.quarter ? " TW" + t.quarter : ""}`).join(", ") + (ts[0].unit ? ` (${ts[0].unit})` : "");
      table.append(fieldRow(`r:${r.i}:targets:${column}`, "extra", ts.map((t) => t.value_text).join(" "),
        { target: "record", record: r.i, indikator: r.values.indikator, field: "targets", column: column }, r, label));
    }
    for (const [k, v] of Object.entries(r.extra)) {
      if (!text(v) || typed.has(k)) continue;
      // a column mapped to no field: editable like a field (the correction names its column)
      const row = fieldRow(`r:${r.i}:extra:${k}`, "extra", v,
        { target: "record", record: r.i, indikator: r.values.indikator, field: "extra", column: k }, r, "extra: " + k);
      row.classList.add("flagged");
      table.append(row);
    }
    card.append(table);
    if (nrest) card.append(el("details", {}, el("summary", {}, `empty fields (${nrest})`), rest));
    const fixes = r.flags.filter((f) => f.kind === "corrected");
    if (fixes.length) card.append(el("div", { class: "ocrfix" },
      "OCR post-corrections: " + fixes.map((f) => `${f.field}: ${text(f.original)} → ${text(f.corrected)}`).join("; ")));
    return card;
  }

  function fieldRow(key, field, value, base, rec, label) {
    const val = el("td", { class: "val" });
    const row = el("tr", { "data-field": field, "data-key": key },
      el("th", { onclick: rec ? (ev) => { ev.stopPropagation(); selectRecord(rec.i, field, false); } : null },
        rec ? el("i", { class: "sw", style: "background:" + colour(field) }) : null, " " + (label || field)),
      val,
      el("td", { class: "act" }, el("button", { class: "edit", title: "correct this field",
        onclick: (ev) => { ev.stopPropagation(); startEdit(row, val, key, value, base); } }, "✎")));
    showValue(row, val, key, value);
    return row;
  }

  function showValue(row, val, key, original) {
    val.replaceChildren();
    const c = corrections[key];
    if (c) {
      row.classList.add("edited");
      val.append(el("span", { class: "old" }, text(original) || "(empty)"), text(c.new) || el("span", { class: "empty" }, "(cleared)"));
    } else {
      row.classList.remove("edited");
      val.append(text(original) ? text(original) : el("span", { class: "empty" }, "— empty —"));
    }
  }

  function startEdit(row, val, key, original, base) {
    if ($("textarea", val)) return;
    const current = corrections[key] ? text(corrections[key].new) : text(original);
    const area = el("textarea", { "data-key": key });
    area.value = current;
    const save = () => {
      const v = area.value.trim();
      if (v === text(original).trim()) delete corrections[key];
      else corrections[key] = Object.assign({}, base, { old: original === undefined ? null : original, new: v });
      showValue(row, val, key, original);
      saved();
    };
    val.replaceChildren(area,
      el("div", {}, el("button", { class: "save primary", onclick: (ev) => { ev.stopPropagation(); save(); } }, "save"), " ",
        el("button", { class: "cancel", onclick: (ev) => { ev.stopPropagation(); showValue(row, val, key, original); } }, "cancel")));
    area.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) save();
      if (ev.key === "Escape") showValue(row, val, key, original);
    });
    area.focus();
  }

  // ------------------------------------------------------------------ selection
  function clearSelection() {
    document.body.classList.remove("focus");
    $$(".box.hl, .box.hl-field").forEach((b) => b.classList.remove("hl", "hl-field"));
    $$(".rec.sel, .rec.also").forEach((r) => r.classList.remove("sel", "also"));
  }

  function selectRecord(i, field, scrollCard) {
    clearSelection();
    const r = D.records[i];
    const card = $(`#rec-${i}`);
    card.classList.add("sel");
    document.body.classList.add("focus");
    let first = null;
    for (const [f, ids] of Object.entries(r.boxes)) {
      for (const id of ids) {
        const b = boxEls[id];
        if (!b) continue;
        b.classList.add("hl");
        if (field && f === field) { b.classList.add("hl-field"); first = first || b; }
      }
    }
    const ids = Object.values(r.boxes).flat();
    first = first || (ids.length ? boxEls[ids[0]] : null);
    if (first) first.scrollIntoView({ block: "center", inline: "nearest" });
    if (scrollCard) card.scrollIntoView({ block: "start" });
    if (field) {
      const row = $(`tr[data-key="r:${i}:${field}"]`, card);
      if (row && row.closest("details")) row.closest("details").open = true;
    }
  }

  function selectBox(id) {
    const b = D.boxes[id];
    selectRecord(b.records[0], b.fields[0], true);
    for (const i of b.records.slice(1)) $(`#rec-${i}`).classList.add("also");
    boxEls[id].classList.add("hl-field");
  }

  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && !ev.target.closest("textarea")) clearSelection();
  });

  // ------------------------------------------------------------------ corrections
  function list() {
    return Object.keys(corrections).sort().map((k) => corrections[k]);
  }
  function saved() {
    try { localStorage.setItem(STORE, JSON.stringify(corrections)); } catch (e) { /* private mode: memory only */ }
    const n = Object.keys(corrections).length;
    exportBtn.textContent = n ? `Export corrections (${n})` : "Export corrections";
  }
  function exportCorrections() {
    const data = { iku_corrections: 1, source_file: D.source_file, document_sha256: D.document_sha256,
                   reviewed: D.digest,
                   created: new Date().toISOString(), corrections: list() };
    const blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    const a = el("a", { href: URL.createObjectURL(blob), download: D.name + ".corrections.json" });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  saved();
  window.IKU_REVIEW = { data: D, corrections: list, selectRecord, selectBox, exportCorrections };
})();
