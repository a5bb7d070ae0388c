/* variance report: filters, deep links, matrix clicks, quote passages, and the parts drawn on
   demand. Vanilla, no network, no innerHTML: every text is set as text. The markup holds the
   summary, quotes and every card's header; the versions behind "N more versions" and each
   document's artefacts and full text come from gzip-compressed islands (report-islands.js,
   html_island.lazy_payload), drawn when opened, scrolled to, linked to or printed. A large
   report draws the cards' versions, the documents table's later rows, the matrix
   (report-matrix.js) and the quote passages the same way; the drawing is report-draw.js. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var data = JSON.parse($("report-data").textContent);
  var body = document.body;
  var form = $("filters");
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  var matrix = varianceMatrix.make($("matrix"), data.matrix);
  var draw = varianceDraw;
  var texts = new Map();
  var selected = new Set();
  var chips = Array.prototype.slice.call(form.querySelectorAll("button.kind"));
  var f = { severity: $("f-severity"), quoted: $("f-quoted"), omitted: $("f-omitted"),
            cosmetic: $("f-cosmetic"), text: $("f-text"), count: $("f-count") };
  var quotes = $("quotes");
  var cellLabel = { r: "the wording compared against", c0: "carried as-is", c1: "carried, changes: low",
                    c2: "carried, changes: medium", c3: "carried, changes: high", "": "absent" };

  var islands = varianceIslands.make(data.islands);
  var cardIslands = cards.map(function (c) { return "card-" + c.id.slice(10); }).filter(islands.has);

  function whenever(name, then) {      /* `then(island)` now when it is unpacked (null), else a promise */
    var value = islands.got(name);
    if (value !== undefined || !islands.has(name)) { then(value); return null; }
    return islands.need(name).then(then);
  }

  function folded(id) {                /* the versions behind a card's "N more versions" */
    if (islands.has("folded")) return islands.got("folded")[id] || [];
    var own = islands.got("card-" + id);
    return own ? own.members.slice(data.fold) : [];
  }

  function drawFolded(details) {
    var box = details.querySelector(".versions"), id = details.getAttribute("data-fold");
    return whenever(islands.has("folded") ? "folded" : "card-" + id, function (found) {
      if (!found || box.childElementCount) return;
      folded(id).forEach(function (m) { box.appendChild(draw.version(islands.got("card-" + id) || {}, m, true)); });
    });
  }

  function drawCard(card) {            /* a card whose versions the page draws (a large report) */
    var box = card.querySelector(".versions[data-draw]");
    if (!box || card.hasAttribute("data-drawn")) return null;
    return whenever("card-" + box.getAttribute("data-draw"), function (own) {
      if (!own || card.hasAttribute("data-drawn")) return;
      card.setAttribute("data-drawn", "");
      draw.card(box, own, data.fold);
      box.classList.remove("pending");
    });
  }

  function passage(id) {               /* a quote's passage; drawn first when the page draws them */
    var found = $(id), at = /^qp-(\d+)-(\d+)$/.exec(id), all = islands.got("quotes");
    if (found || !all || !at || !all[at[1]]) return found;
    var box = draw.passage(+at[1], all[at[1]], +at[2]), row = $("quote-" + at[1]);
    if (box && row) row.querySelector(".passages").appendChild(box);
    return box;
  }

  function drawDocument(holder) {      /* a document's artefact list and its full text, marks linked */
    if (holder.hasAttribute("data-drawn")) return null;
    var n = +holder.getAttribute("data-doc") - 1;
    return whenever("docs-" + Math.floor(n / data.chunk), function (group) {
      if (!group || holder.hasAttribute("data-drawn")) return;
      holder.setAttribute("data-drawn", "");
      draw.documentBlock(holder, group[n % data.chunk]);
    });
  }

  function drawRows(sentinel, count) { /* the documents table's next rows, drawn before its marker */
    var rows = islands.got("rows"), from = +sentinel.getAttribute("data-from");   /* rows after the markup's */
    if (!rows || !sentinel.parentNode) return false;
    var more = document.createDocumentFragment();
    rows.slice(from, from + count).forEach(function (d) { more.appendChild(draw.docRow(d)); });
    sentinel.parentNode.insertBefore(more, sentinel);
    sentinel.setAttribute("data-from", Math.min(rows.length, from + count));
    if (from + count >= rows.length) { sentinel.remove(); return false; }
    return true;
  }

  var seen = null;                     /* the observer drawing what comes near the screen */

  function drawBlocks(upTo) {          /* "Artefacts & texts" places up to document `upTo` */
    var marker = document.querySelector(".more-blocks"), rows = islands.got("rows");
    if (!marker || !rows) return;
    var from = +marker.getAttribute("data-from"), more = document.createDocumentFragment();
    var until = Math.min(rows.length, upTo - (rows.length ? rows[0].index : 0) + 1);
    rows.slice(from, until).forEach(function (d) {
      var box = draw.docShell(d);
      more.appendChild(box);
      if (seen) seen.observe(box.querySelector(".lazy"));
    });
    marker.parentNode.insertBefore(more, marker);
    marker.setAttribute("data-from", Math.max(from, until));
    if (until >= rows.length) marker.remove();
  }

  function drawAll() {                 /* before printing: every part unpacked so far */
    var sentinel = document.querySelector("tr.more-docs");
    if (sentinel) drawRows(sentinel, Infinity);
    drawBlocks(Infinity);
    cards.forEach(drawCard);
    Array.prototype.forEach.call(document.querySelectorAll("details.more[data-fold]"), drawFolded);
    Array.prototype.forEach.call(document.querySelectorAll(".lazy[data-doc]"), drawDocument);
  }

  function searchable() {              /* whether every card's versions are unpacked, for the search */
    return (islands.has("folded") ? ["folded"] : cardIslands).every(function (n) { return islands.got(n) !== undefined; });
  }

  function pendingText(card) {        /* what the versions not drawn yet would add to textContent */
    var id = card.id.slice(10), more = card.querySelector("details.more[data-fold]"), parts = [];
    var own = islands.got("card-" + id);
    if (own && !card.hasAttribute("data-drawn")) {
      parts = own.members.slice(0, data.fold).map(draw.memberText).concat(own.repeats.map(function (r) {
        return r.column + " " + r.document + " " + r.text;
      }));
    }
    if (more && !more.querySelector(".version")) parts = parts.concat(folded(id).map(draw.memberText));
    return parts.join(" ");
  }

  function textOf(card) {
    if (!texts.has(card)) texts.set(card, (card.textContent + " " + pendingText(card)).toLowerCase());
    return texts.get(card);
  }

  function shows(card, query, hideCosmetic, minimum) {
    var kinds = (card.getAttribute("data-kinds") || "").split(" ").filter(Boolean);
    if (hideCosmetic) kinds = kinds.filter(function (k) { return k !== "cosmetic"; });
    if (selected.size && !kinds.some(function (k) { return selected.has(k); })) return false;
    var worst = +card.getAttribute("data-worst");
    if (!hideCosmetic && kinds.indexOf("cosmetic") >= 0) worst = Math.max(worst, 1);
    if (worst < minimum) return false;
    if (f.quoted.checked && !card.hasAttribute("data-quoted")) return false;
    if (f.omitted.checked && !card.hasAttribute("data-omitted")) return false;
    return !query || textOf(card).indexOf(query) >= 0;
  }

  function apply() {
    var query = f.text.value.trim().toLowerCase();
    if (query && !searchable()) {      /* the wording not unpacked yet: search once it is */
      f.count.value = "searching…";
      Promise.all((islands.has("folded") ? ["folded"] : cardIslands).map(islands.need)).then(apply);
      return;
    }
    var hideCosmetic = f.cosmetic.checked, minimum = +f.severity.value, shown = 0;
    body.classList.toggle("hide-cosmetic", hideCosmetic);
    chips.forEach(function (chip) {
      var kind = chip.getAttribute("data-kind");
      if (kind === "cosmetic") chip.disabled = hideCosmetic;
      if (chip.disabled) { chip.setAttribute("aria-pressed", "false"); selected.delete(kind); }
      body.classList.toggle("kf-" + kind, selected.has(kind));
    });
    body.classList.toggle("kf", selected.size > 0);
    cards.forEach(function (card) {
      var on = shows(card, query, hideCosmetic, minimum);
      card.hidden = !on;
      card.classList.remove("pinned");
      matrix.show(card.id.slice(10), on);
      if (on) shown += 1;
    });
    matrix.refresh();
    f.count.value = shown === cards.length ? "all " + cards.length + " statements"
      : "showing " + shown + " of " + cards.length + " statements";
  }

  function prepare(id, flashColumn) {  /* what must be unpacked and drawn before `id` is shown */
    var waits = [], mark = /^(?:artefact|doc)-(\d+)/.exec(id);
    if (mark && !$("doc-" + mark[1]) && document.querySelector(".more-blocks")) {
      var later = whenever("rows", function () { drawBlocks(+mark[1]); });
      if (later) return later;         /* drawn, the link is followed again */
    }
    if (mark && /^artefact/.test(id)) {
      var holder = document.querySelector('.lazy[data-doc="' + mark[1] + '"]');
      if (holder) waits.push(drawDocument(holder));
    }
    if (/^qp-/.test(id) && !$(id) && islands.has("quotes")) waits.push(whenever("quotes", function () {}));
    var card = $(id) && $(id).closest("article.card");
    if (card) {
      waits.push(drawCard(card));
      var more = flashColumn && card.querySelector("details.more[data-fold]");
      if (more) waits.push(drawFolded(more));
    }
    waits = waits.filter(Boolean);
    return waits.length ? Promise.all(waits) : null;
  }

  function reveal(flashColumn) {
    var id = location.hash && decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var waiting = prepare(id, flashColumn);
    if (waiting) { waiting.then(function () { reveal(flashColumn); }); return; }
    var target = id && (document.getElementById(id) || passage(id));
    if (!target) return;
    if (target.classList.contains("qp")) {      /* a version's passage of a quote: open it, show its quote */
      showPassage(target, true);
      target = target.closest(".qrow");
    }
    var card = target.closest("article.card");
    if (card && card.hidden) {
      card.hidden = false;
      card.classList.add("pinned");
      matrix.show(card.id.slice(10), true);
      matrix.refresh();
    }
    for (var el = target.parentElement; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") el.open = true;
    }
    if (card && flashColumn) {
      var version = card.querySelector('.version[data-col="' + flashColumn + '"]');
      if (version) {
        for (var d = version.parentElement; d && d !== card; d = d.parentElement) {
          if (d.tagName === "DETAILS") d.open = true;
        }
        version.classList.add("flash");
        setTimeout(function () { version.classList.remove("flash"); }, 2000);
      }
    }
    target.scrollIntoView({ block: "start" });
  }

  function showPassage(panel, on) {
    var row = panel.closest(".qrow");
    Array.prototype.forEach.call(row.querySelectorAll(".qp.open"), function (p) {
      if (p !== panel) showPassage(p, false);
    });
    panel.classList.toggle("open", on);
    row.querySelector('[aria-controls="' + panel.id + '"]').setAttribute("aria-expanded", String(on));
  }

  function go(id, column) {
    var hash = "#statement-" + id;
    if (location.hash !== hash) history.pushState(null, "", hash);
    reveal(column);
  }

  function describe(event) {
    var ch = event.target.closest && event.target.closest(".version .ch");
    if (ch && !ch.title) {
      var was = ch.querySelector("del"), now = ch.querySelector("ins");
      var kind = ch.className.replace(/.*\bk-(\w+).*/, "$1");
      ch.title = kind + (was && now ? ": “" + was.textContent + "” → “" + now.textContent + "”"
        : was ? ": dropped “" + was.textContent + "”" : ": added");
    }
    var link = event.target.closest && event.target.closest(".conf, .why");
    if (link && !link.title) {
      var why = link.closest(".version").querySelector(".why");
      link.title = "confidence of the link to the statement, 0 to 1; why it was linked: "
        + (why ? why.textContent : "not said");
    }
    var qv = event.target.closest && event.target.closest(".qv");
    if (qv && !qv.title) {
      var verdict = qv.className.replace(/.*\bv-(\w+).*/, "$1");
      qv.title = data.documents[parseInt(qv.textContent, 10) - 1] + " · " + verdict
        + (verdict === "absent" ? " (the closest reads " : " · similarity ") + qv.getAttribute("data-s")
        + (verdict === "absent" ? ")" : "") + (qv.classList.contains("nq") ? " · not in quotation marks" : "")
        + (qv.classList.contains("src") ? " · the quote was taken from it" : "")
        + (qv.tagName === "BUTTON" ? " · click to read" : "");
    }
    var td = event.target.closest && event.target.closest("#matrix td");
    var column = td && !td.title ? matrix.column(td) : 0;
    if (column) {
      td.title = data.documents[column - 1] + " · S" + td.parentElement.getAttribute("data-row")
        + " · " + cellLabel[td.className];
    }
  }

  chips.forEach(function (chip) {
    chip.addEventListener("click", function () {
      var kind = chip.getAttribute("data-kind");
      if (selected.has(kind)) selected.delete(kind); else selected.add(kind);
      chip.setAttribute("aria-pressed", String(selected.has(kind)));
      apply();
    });
  });
  [f.severity, f.quoted, f.omitted, f.cosmetic].forEach(function (el) { el.addEventListener("change", apply); });
  var typing;
  f.text.addEventListener("input", function () { clearTimeout(typing); typing = setTimeout(apply, 150); });
  f.text.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { f.text.value = ""; apply(); }
  });
  $("f-reset").addEventListener("click", function () {
    selected.clear();
    chips.forEach(function (chip) { chip.setAttribute("aria-pressed", "false"); });
    f.severity.value = "0"; f.quoted.checked = false; f.omitted.checked = false;
    f.cosmetic.checked = true; f.text.value = "";
    apply();
  });
  document.addEventListener("keydown", function (e) {
    var typingInField = /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName);
    if (e.key === "/" && !typingInField && !e.ctrlKey && !e.metaKey) { e.preventDefault(); f.text.focus(); }
  });
  $("matrix").addEventListener("click", function (e) {
    var td = e.target.closest("td"), column = td ? matrix.column(td) : 0;
    if (column) go(td.parentElement.getAttribute("data-row"), column);
  });
  quotes.addEventListener("click", function (e) {
    var cell = e.target.closest("button.qv");
    if (cell) {
      var id = cell.getAttribute("aria-controls"), panel = passage(id);
      if (panel) showPassage(panel, !panel.classList.contains("open"));
      else if (islands.has("quotes")) whenever("quotes", function () { if (passage(id)) showPassage(passage(id), true); });
    }
  });
  document.addEventListener("mouseover", describe);
  document.addEventListener("focusin", describe);
  window.addEventListener("hashchange", function () { reveal(0); });
  document.addEventListener("click", function (e) {   /* a link to where we already are */
    var a = e.target.closest && e.target.closest('a[href^="#"]');
    if (a && a.getAttribute("href") === location.hash && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      reveal(0);
    }
  });
  var closed = [];
  window.addEventListener("beforeprint", function () {
    drawAll();
    matrix.whole();
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    matrix.window();
  });

  document.addEventListener("toggle", function (e) {   /* toggle does not bubble: caught on the way down */
    if (e.target.open && e.target.matches("details.more[data-fold]")) drawFolded(e.target);
  }, true);

  function watch() {                   /* draw what comes near the screen */
    var holders = Array.prototype.slice.call(document.querySelectorAll(".lazy[data-doc]"));
    var pending = cards.filter(function (c) { return c.querySelector(".versions[data-draw]"); });
    seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        if (entry.target.tagName === "ARTICLE") drawCard(entry.target); else drawDocument(entry.target);
        seen.unobserve(entry.target);
      });
    }, { rootMargin: "1200px 0px" });
    holders.concat(pending).forEach(function (h) { seen.observe(h); });
    var marker = document.querySelector(".more-blocks");
    if (marker) {
      var blocksSeen = new IntersectionObserver(function (entries) {
        if (!entries.some(function (e) { return e.isIntersecting; })) return;
        blocksSeen.unobserve(marker);  /* observed again: called again while it is still near */
        whenever("rows", function (rows) {
          drawBlocks(rows[0].index + +marker.getAttribute("data-from") + 99);    /* 100 more */
          if (marker.parentNode) blocksSeen.observe(marker);
        });
      }, { rootMargin: "1200px 0px" });
      blocksSeen.observe(marker);
    }
    var sentinel = document.querySelector("tr.more-docs");
    if (!sentinel) return;
    var box = sentinel.closest(".docs-wrap");
    var rowsSeen = new IntersectionObserver(function (entries) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      rowsSeen.unobserve(sentinel);    /* observed again: called again while it is still near */
      whenever("rows", function () { if (drawRows(sentinel, 200)) rowsSeen.observe(sentinel); });
    }, { root: box.classList.contains("tall") ? box : null, rootMargin: "600px 0px" });
    rowsSeen.observe(sentinel);
  }

  quotes.classList.add("folding");
  requestAnimationFrame(function () { setTimeout(start, 0); });   /* the page is painted first */

  function start() {
    apply();
    form.hidden = false;
    watch();
    if (location.hash) reveal(0);
    islands.all(["rows", "quotes"].concat(cardIslands)).then(ready, failed);
  }

  function ready() {
    body.setAttribute("data-lazy", "ready");
  }

  function failed(error) {
    var why = "This browser cannot unpack this part of the report (" + error + ").";
    Array.prototype.forEach.call(document.querySelectorAll(".lazy .pending"), function (p) { p.textContent = why; });
    Array.prototype.forEach.call(document.querySelectorAll(".versions.pending"), function (box) {
      box.prepend(draw.el("p", "muted", why));
    });
  }
})();
