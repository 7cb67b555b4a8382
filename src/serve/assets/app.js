// sabiqa's search page. Rules this script keeps:
// - every text from a user or a document enters the DOM through textContent / text nodes,
//   never through an HTML parser: a "<script>" query or paragraph stays text;
// - highlights come from the API's byte ranges into the UTF-8 text, converted to JavaScript's
//   UTF-16 indices, widened to whole words, and drawn as <mark> around whole words, so the
//   letters of an Arabic word are never split between elements (joining and shaping intact);
// - Arabic blocks are dir="rtl" lang="ar", English ones dir="ltr" lang="en"; runs of the
//   other script inside a block, and every label in the page chrome, are bidi-isolated;
// - the page's whole state (query, filters, view, page, open document) lives in the URL, so
//   back/forward and shared links work.
"use strict";

const PAGE_SIZE = 10;
const NEIGHBOURS = 3;
const LANG_NAMES = { ar: "العربية", en: "English" };
const FILTERS = ["lang", "show", "kind", "doc", "date_from", "date_to"];
const FLAGS = ["exact", "group", "bi"];

const $ = (id) => document.getElementById(id);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// ---- DOM building: text only ----------------------------------------------------------

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** A label of unknown direction, isolated from what surrounds it. */
const bdi = (text, attrs) => el("bdi", attrs, String(text ?? ""));

function dirOf(lang) {
  return lang === "ar" ? "rtl" : "ltr";
}

/** One language's column: its blocks, in the column's direction. */
function side(lang, blocks) {
  return el("div", { class: "side", "data-lang": lang }, blocks);
}

// Runs of the other script inside a block, isolated so that they neither reorder their
// neighbours nor get reordered (a UN symbol inside Arabic text, Arabic names inside English).
const ARABIC = "\\u0600-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFF";
const LATIN_TOKEN = "[A-Za-z\\u00C0-\\u024F](?:[A-Za-z0-9\\u00C0-\\u024F/._-]*[A-Za-z0-9\\u00C0-\\u024F])?";
const LATIN_RUN = new RegExp(`${LATIN_TOKEN}(?:[ ]+(?:${LATIN_TOKEN}|\\d+(?:[/.-]\\d+)*))*`, "gu");
const ARABIC_RUN = new RegExp(`[${ARABIC}]+(?:[ ]+[${ARABIC}]+)*`, "gu");

function appendIsolated(parent, text, blockLang) {
  const pattern = blockLang === "ar" ? LATIN_RUN : ARABIC_RUN;
  const runDir = blockLang === "ar" ? "ltr" : "rtl";
  let at = 0;
  pattern.lastIndex = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) parent.append(document.createTextNode(text.slice(at, match.index)));
    parent.append(el("span", { class: "iso", dir: runDir }, match[0]));
    at = match.index + match[0].length;
  }
  if (at < text.length) parent.append(document.createTextNode(text.slice(at)));
}

// ---- Highlights: UTF-8 byte ranges to whole-word UTF-16 ranges ---------------------------

/** Converts byte offsets of `text`'s UTF-8 encoding to string indices. */
function byteIndexer(text) {
  const bytes = encoder.encode(text);
  const cache = new Map();
  return (offset) => {
    const b = Math.max(0, Math.min(offset, bytes.length));
    if (!cache.has(b)) cache.set(b, decoder.decode(bytes.subarray(0, b)).length);
    return cache.get(b);
  };
}

// Letters, combining marks (Arabic diacritics), digits, tatweel and the zero-width joiners:
// what belongs to one word for the purpose of not cutting it.
const WORD_CHAR = /[\p{L}\p{M}\p{N}\u0640\u200C\u200D]/u;

function codePointBefore(text, i) {
  const cp = text.codePointAt(i - 1);
  if (i >= 2 && cp >= 0xdc00 && cp <= 0xdfff) return String.fromCodePoint(text.codePointAt(i - 2));
  return String.fromCodePoint(cp);
}

/** Widens [start, end) to whole words of `text`. */
function wholeWords(text, start, end) {
  while (start > 0) {
    const c = codePointBefore(text, start);
    if (!WORD_CHAR.test(c)) break;
    start -= c.length;
  }
  while (end < text.length) {
    const c = String.fromCodePoint(text.codePointAt(end));
    if (!WORD_CHAR.test(c)) break;
    end += c.length;
  }
  return [start, end];
}

/** Byte ranges to sorted, merged, whole-word index ranges. */
function toWordRanges(text, ranges, index) {
  const out = [];
  for (const [s, e] of ranges || []) {
    if (!(e > s)) continue;
    out.push(wholeWords(text, index(s), index(e)));
  }
  out.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * A unit's text as a block: the snippet fragments (all of it when none), highlights in <mark>.
 * `full` shows the whole text with its highlights.
 */
function textBlock(unit, { fragments, highlights, full, className }) {
  const lang = unit.lang === "ar" ? "ar" : "en";
  const block = el("div", { class: `text ${className || ""}`.trim(), lang, dir: dirOf(lang) });
  const text = unit.text || "";
  const index = byteIndexer(text);
  const marks = toWordRanges(text, highlights, index);
  let pieces = full || !fragments || fragments.length === 0
    ? [[0, text.length]]
    : toWordRanges(text, fragments, index);
  // A fragment always shows the whole of any highlight it touches.
  pieces = pieces.map(([s, e]) => {
    for (const [ms, me] of marks) if (ms < e && me > s) { s = Math.min(s, ms); e = Math.max(e, me); }
    return [s, e];
  });
  pieces.forEach(([start, end], i) => {
    if (i === 0 && start > 0) block.append("… ");
    if (i > 0) block.append(" … ");
    let at = start;
    for (const [ms, me] of marks) {
      if (me <= start || ms >= end) continue;
      const s = Math.max(ms, at);
      if (s > at) appendIsolated(block, text.slice(at, s), lang);
      const mark = el("mark");
      appendIsolated(mark, text.slice(s, me), lang);
      block.append(mark);
      at = me;
    }
    if (at < end) appendIsolated(block, text.slice(at, end), lang);
    if (i === pieces.length - 1 && end < text.length) block.append(" …");
  });
  return block;
}

// ---- State in the URL ----------------------------------------------------------------------

function readState() {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get("q") || "",
    lang: p.get("lang") || "",
    show: p.get("show") || "",
    kind: p.get("kind") || "",
    doc: p.get("doc") || "",
    date_from: p.get("date_from") || "",
    date_to: p.get("date_to") || "",
    exact: p.get("exact") === "1",
    group: p.get("group") === "1",
    bi: p.get("bi") === "1",
    page: Math.max(0, parseInt(p.get("page") || "0", 10) || 0),
    view: p.get("view") || "",
    id: p.get("id") || "",
    ord: p.get("ord") || "",
    vlang: p.get("vlang") || "",
    whole: p.get("whole") === "1",
  };
}

function stateUrl(state) {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  for (const f of FILTERS) if (state[f]) p.set(f, state[f]);
  for (const f of FLAGS) if (state[f]) p.set(f, "1");
  if (state.page) p.set("page", String(state.page));
  if (state.view === "doc") {
    p.set("view", "doc");
    p.set("id", state.id);
    p.set("vlang", state.vlang);
    p.set("ord", String(state.ord));
    if (state.whole) p.set("whole", "1");
  }
  const query = p.toString();
  return query ? `/?${query}` : "/";
}

function go(state, replace) {
  const url = stateUrl(state);
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  render();
}

function formToState() {
  const state = { q: $("q").value.trim(), page: 0, view: "" };
  for (const f of FILTERS) state[f] = $(f).value.trim();
  for (const f of FLAGS) state[f] = $(f).checked;
  return state;
}

function stateToForm(state) {
  $("q").value = state.q;
  for (const f of FILTERS) $(f).value = state[f];
  for (const f of FLAGS) $(f).checked = state[f];
}

// ---- Talking to the API --------------------------------------------------------------------

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch (_) {
    body = null;
  }
  if (!response.ok) {
    const message = body && typeof body.error === "string" ? body.error : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body;
}

function searchUrl(state) {
  const p = new URLSearchParams({ q: state.q, limit: String(PAGE_SIZE), offset: String(state.page * PAGE_SIZE) });
  for (const f of FILTERS) if (state[f]) p.set(f, state[f]);
  if (state.exact) p.set("exact", "1");
  if (state.group) p.set("group", "1");
  return `/api/search?${p}`;
}

function setStatus(parts, isError) {
  const status = $("status");
  status.replaceChildren(...parts.map((x) => (typeof x === "string" ? document.createTextNode(x) : x)));
  status.classList.toggle("error", Boolean(isError));
}

async function copyText(text, what) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (_) {
    const area = el("textarea", { class: "offscreen", "aria-hidden": "true" });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  setStatus([`Copied ${what}: `, bdi(text.length > 80 ? text.slice(0, 80) + "…" : text)]);
}

// ---- Results -------------------------------------------------------------------------------

function metaLine(unit, score) {
  const bits = [el("span", { class: "lang-tag", lang: unit.lang }, LANG_NAMES[unit.lang] || unit.lang), unit.kind.replace("_", "-")];
  if (unit.date) bits.push(bdi(unit.date));
  if (typeof score === "number") bits.push(`score ${score.toFixed(2)}`);
  const meta = el("span", { class: "meta" });
  bits.forEach((b, i) => {
    if (i) meta.append(" · ");
    meta.append(b);
  });
  return meta;
}

function docLink(state, unit) {
  return stateUrl({ ...state, view: "doc", id: unit.doc, vlang: unit.lang, ord: unit.ordinal, whole: false });
}

function hitCard(hit, state) {
  const counterparts = hit.counterparts || [];
  const card = el("article", { class: "hit", "data-lang": hit.lang, "data-doc": hit.doc });
  const link = el("a", { class: "cite", href: docLink(state, hit) }, bdi(hit.cite));
  link.addEventListener("click", (event) => {
    event.preventDefault();
    history.pushState(null, "", link.getAttribute("href"));
    render();
  });
  const head = el("header", { class: "hit-head" }, link, metaLine(hit, hit.score));
  card.append(head);
  if (hit.title) card.append(el("div", { class: "title" }, bdi(hit.title, { dir: "auto" })));

  const texts = el("div", { class: state.bi ? "texts bilingual" : "texts" });
  const primary = textBlock(hit, { fragments: hit.fragments, highlights: hit.highlights, full: state.bi, className: "primary" });
  texts.append(side(hit.lang, [primary]));
  if (state.bi) {
    const other = hit.lang === "ar" ? "en" : "ar";
    if (counterparts.length) {
      texts.append(side(other, counterparts.map((c) => {
        const block = textBlock(c, { full: true, className: "counterpart" });
        block.prepend(el("div", { class: "side-cite", dir: "ltr" }, bdi(c.cite)));
        return block;
      })));
    } else {
      texts.append(side(other, [el("div", { class: "text missing", dir: "ltr", lang: "en" },
        `No aligned ${LANG_NAMES[other]} unit.`)]));
    }
  }
  card.append(texts);

  const actions = el("div", { class: "actions" });
  const copyCite = el("button", { type: "button", class: "copy-cite" }, "Copy citation");
  copyCite.addEventListener("click", () => copyText(hit.cite, "citation"));
  const copyOther = el("button", { type: "button", class: "copy-counterpart", disabled: counterparts.length === 0 },
    "Copy counterpart");
  copyOther.addEventListener("click", () => copyText(counterparts.map((c) => c.text).join("\n"), "counterpart"));
  const open = el("a", { class: "open-doc", href: link.getAttribute("href") }, "Open in document →");
  open.addEventListener("click", (event) => {
    event.preventDefault();
    history.pushState(null, "", open.getAttribute("href"));
    render();
  });
  actions.append(copyCite, copyOther, open);
  card.append(actions);
  return card;
}

function pager(state, shown, total) {
  const nav = $("pager");
  nav.replaceChildren();
  if (!shown && state.page === 0) return;
  // With group, a page is PAGE_SIZE documents; otherwise PAGE_SIZE of the `total` matching units
  // (with show=, units that have no rendering in the shown language are left out of a page).
  const more = state.group ? shown === PAGE_SIZE : (state.page + 1) * PAGE_SIZE < total;
  const prev = el("button", { type: "button", id: "prev", disabled: state.page === 0 }, "← Previous");
  const next = el("button", { type: "button", id: "next", disabled: !more }, "Next →");
  prev.addEventListener("click", () => go({ ...state, page: state.page - 1 }));
  next.addEventListener("click", () => go({ ...state, page: state.page + 1 }));
  nav.append(prev, el("span", { class: "range" }, `page ${state.page + 1}`), next);
}

// Searches started, so that an answer arriving after a newer search started is dropped: a
// change of language and of shown language in quick succession starts two searches, and the
// first one's answer may come last.
let searchesStarted = 0;

async function showResults(state) {
  const search = ++searchesStarted;
  $("document").hidden = true;
  $("results").hidden = false;
  const results = $("results");
  results.replaceChildren();
  $("pager").replaceChildren();
  if (!state.q) {
    setStatus(["Type a query: words, \"phrases\", AND/OR/NOT, prefix*."]);
    return;
  }
  setStatus(["Searching…"]);
  let answer;
  try {
    answer = await getJson(searchUrl(state));
  } catch (error) {
    if (search === searchesStarted) setStatus([error.message], true);
    return;
  }
  if (search !== searchesStarted) return;
  const hits = state.group ? answer.groups.flatMap((g) => g.hits) : answer.hits;
  if (hits.length === 0) {
    setStatus([state.page ? "No more hits for " : "No hits for ", el("q", { class: "echo" }, bdi(answer.query)), "."]);
    pager(state, 0, answer.total);
    return;
  }
  setStatus([`${answer.total}${answer.total_at_least ? "+" : ""} matching units for `, el("q", { class: "echo" }, bdi(answer.query)),
    ` · ${answer.took_ms.toFixed(1)} ms`]);
  if (state.group) {
    for (const g of answer.groups) {
      const first = g.hits[0];
      const only = el("a", { href: stateUrl({ ...state, doc: g.doc, group: false, page: 0 }), class: "only-doc" }, "only this document");
      const section = el("section", { class: "group" },
        el("h2", {}, bdi(first && first.symbol ? first.symbol : g.doc), el("span", { class: "count" }, ` ${g.hits.length} ${g.hits.length === 1 ? "hit" : "hits"} · `), only));
      for (const hit of g.hits) section.append(hitCard(hit, state));
      results.append(section);
    }
    pager(state, answer.groups.length, answer.total);
  } else {
    for (const hit of answer.hits) results.append(hitCard(hit, state));
    pager(state, answer.hits.length, answer.total);
  }
}

// ---- A paragraph in its document -----------------------------------------------------------

function unitCell(unit, lang, focus) {
  if (!unit) return el("div", { class: "text empty", lang, dir: dirOf(lang) });
  const cell = textBlock({ ...unit, lang }, { full: true, className: focus ? "focus-text" : "" });
  cell.prepend(el("div", { class: "side-cite", dir: "ltr" }, bdi(unit.cite)));
  return cell;
}

async function showDocument(state) {
  $("results").hidden = true;
  $("pager").replaceChildren();
  const panel = $("document");
  panel.hidden = false;
  panel.replaceChildren();
  setStatus(["Loading the document…"]);
  let doc;
  try {
    doc = await getJson(`/api/doc/${encodeURIComponent(state.id)}`);
  } catch (error) {
    setStatus([error.message], true);
    return;
  }
  const version = doc.versions.find((v) => v.lang === state.vlang) || doc.versions[0];
  const other = doc.versions.find((v) => v.lang !== version.lang);
  const ord = Number(state.ord);
  const at = Math.max(0, version.units.findIndex((u) => u.ordinal === ord));
  const focusUnit = version.units[at];
  const from = state.whole ? 0 : Math.max(0, at - NEIGHBOURS);
  const to = state.whole ? version.units.length : Math.min(version.units.length, at + NEIGHBOURS + 1);

  const back = el("a", { href: stateUrl({ ...state, view: "" }), class: "back" }, "← Results");
  back.addEventListener("click", (event) => {
    event.preventDefault();
    go({ ...state, view: "" });
  });
  const toggle = el("a", { href: stateUrl({ ...state, whole: !state.whole }), class: "whole" },
    state.whole ? "Only the neighbourhood" : "Whole document");
  toggle.addEventListener("click", (event) => {
    event.preventDefault();
    go({ ...state, whole: !state.whole }, true);
  });
  const heading = el("header", { class: "doc-head" },
    el("h2", {}, bdi(version.symbol || doc.doc)),
    version.title ? el("div", { class: "title" }, bdi(version.title, { dir: "auto" })) : null,
    el("div", { class: "meta" }, `${doc.versions.map((v) => LANG_NAMES[v.lang] || v.lang).join(" + ")}`,
      version.date ? " · " : "", version.date ? bdi(version.date) : null,
      ` · units ${from + 1}–${to} of ${version.units.length}`),
    el("nav", { class: "doc-nav" }, back, toggle));
  panel.append(heading);

  const byOrdinal = new Map((other ? other.units : []).map((u) => [u.ordinal, u]));
  const rows = el("div", { class: other ? "doc-rows bilingual" : "doc-rows" });
  for (let i = from; i < to; i++) {
    const unit = version.units[i];
    const focus = i === at;
    const row = el("div", { class: focus ? "doc-row focus" : "doc-row", "aria-current": focus ? "true" : null, id: `u${unit.ordinal}` });
    row.append(side(version.lang, [unitCell(unit, version.lang, focus)]));
    if (other) {
      const theirs = (unit.counterparts || []).map((o) => byOrdinal.get(o)).filter(Boolean);
      row.append(side(other.lang, theirs.length ? theirs.map((t) => unitCell(t, other.lang, false)) : [unitCell(null, other.lang, false)]));
    }
    if (focus) {
      const actions = el("div", { class: "actions" });
      const copyCite = el("button", { type: "button", class: "copy-cite" }, "Copy citation");
      copyCite.addEventListener("click", () => copyText(unit.cite, "citation"));
      const counterpartText = (unit.counterparts || []).map((o) => byOrdinal.get(o)).filter(Boolean).map((u) => u.text).join("\n");
      const copyOther = el("button", { type: "button", class: "copy-counterpart", disabled: !counterpartText }, "Copy counterpart");
      copyOther.addEventListener("click", () => copyText(counterpartText, "counterpart"));
      actions.append(copyCite, copyOther);
      row.append(actions);
    }
    rows.append(row);
  }
  panel.append(rows);
  setStatus([focusUnit ? bdi(focusUnit.cite) : bdi(doc.doc)]);
  const focused = panel.querySelector(".doc-row.focus");
  if (focused) focused.scrollIntoView({ block: "center" });
}

// ---- Wiring --------------------------------------------------------------------------------

function render() {
  const state = readState();
  stateToForm(state);
  document.body.classList.toggle("bilingual-mode", state.bi);
  if (state.view === "doc" && state.id) return showDocument(state);
  return showResults(state);
}

document.addEventListener("DOMContentLoaded", () => {
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    go(formToState());
  });
  for (const id of [...FILTERS.filter((f) => f !== "doc" && !f.startsWith("date")), ...FLAGS]) {
    $(id).addEventListener("change", () => {
      if ($("q").value.trim()) go(formToState());
    });
  }
  window.addEventListener("popstate", render);
  render();
});
