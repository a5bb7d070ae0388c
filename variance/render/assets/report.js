/* variance report: filters, deep links, matrix clicks, quote passages, and the parts drawn on
   demand. Vanilla, no network, no innerHTML: every text is set as text. The markup holds the
   summary, coverage, quotes and each card's first versions; the versions behind "N more
   versions" and each document's artefacts and full text come from a gzip-compressed island
   (`lazy`, see html.lazy_payload), drawn when opened, scrolled to or printed. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var data = JSON.parse($("report-data").textContent);
  var body = document.body;
  var form = $("filters");
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  var rows = {};
  Array.prototype.forEach.call(document.querySelectorAll("#matrix tr[data-row]"), function (tr) {
    rows[tr.getAttribute("data-row")] = tr;
  });
  var texts = new Map();
  var selected = new Set();
  var chips = Array.prototype.slice.call(form.querySelectorAll("button.kind"));
  var f = { severity: $("f-severity"), quoted: $("f-quoted"), omitted: $("f-omitted"),
            cosmetic: $("f-cosmetic"), text: $("f-text"), count: $("f-count") };
  var quotes = $("quotes");
  var cellLabel = { r: "the wording compared against", c0: "carried as-is", c1: "carried, changes: low",
                    c2: "carried, changes: medium", c3: "carried, changes: high", "": "absent" };

  var lazy = null;                       /* {folded: {statement id: [member]}, documents: [...]} */

  function inflate(b64) {
    if (!b64) return Promise.resolve({ folded: {}, documents: [] });
    var bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function fixed(v) { return v === null || v === undefined ? "–" : v.toFixed(2); }

  function changes(parent, pieces) {   /* html.j2's changes(): a change is <span><del/><ins/></span> */
    pieces.forEach(function (p) {
      if (p.kind === undefined) { parent.appendChild(document.createTextNode(p.text)); return; }
      var ch = el("span", "ch k-" + p.kind);
      if (p.del) ch.appendChild(el("del", null, p.del));
      if (p.ins) ch.appendChild(el("ins", null, p.ins));
      parent.appendChild(ch);
    });
    return parent;
  }

  function inSentence(m, words) {     /* html.j2's in_sentence(): the rest of the sentence dimmed */
    var p = el("p", "vtext");
    if (m.before) p.append(el("span", "ctx", m.before), " ");
    p.appendChild(words);
    if (m.after) p.append(" ", el("span", "ctx", m.after));
    return p;
  }

  function version(m) {                /* html.j2's version() for a folded, never-anchor member */
    var box = el("div", "version"), head = el("div", "vhead");
    box.setAttribute("data-col", m.column);
    head.append(el("span", "dn", String(m.column)), " ", el("b", "did", m.document), " ",
                el("span", "num drift sev-" + m.worst, "drift " + fixed(m.drift)), " ",
                el("span", "num conf", "link " + fixed(m.confidence)));
    if (m.partial) head.append(" ", el("span", "part", "part of a sentence"));
    box.append(head, m.partial ? inSentence(m, changes(el("span", "claim is-part"), m.pieces))
                               : changes(el("p", "vtext"), m.pieces));
    if (m.reason.length) box.appendChild(el("p", "why", "via " + m.reason.join(" · ")));
    return box;
  }

  function drawFolded(details) {
    var box = details.querySelector(".versions");
    if (!lazy || box.childElementCount) return;
    (lazy.folded[details.getAttribute("data-fold")] || []).forEach(function (m) { box.appendChild(version(m)); });
  }

  function drawDocument(holder) {      /* a document's artefact list and its full text, marks linked */
    if (!lazy || holder.hasAttribute("data-drawn")) return;
    var g = lazy.documents[+holder.getAttribute("data-doc") - 1];
    holder.setAttribute("data-drawn", "");
    holder.textContent = "";
    if (g.found.length) {
      var list = el("ol", "artefact-list");
      g.found.forEach(function (a) {
        var li = el("li"), link = el("a", null, "“" + a.text + "”");
        link.href = "#artefact-" + g.index + "-" + a.mark;
        li.append(el("span", "akind", a.kind.replace(/_/g, " ")), " ", link, " " + a.message);
        if (a.evidence.length) li.append(" ", el("span", "evidence", "elsewhere: " + a.evidence.join("; ")));
        if (a.statement) {
          var to = el("a", null, "S" + a.statement);
          to.href = "#statement-" + a.statement;
          li.append(" · ", to);
        }
        list.appendChild(li);
      });
      holder.appendChild(list);
    }
    var full = el("details", "fulltext"), text = el("div", "text");
    full.appendChild(el("summary", null, "Full text as compared"));
    g.text.forEach(function (p) {
      if (p.n === undefined) { text.appendChild(document.createTextNode(p.text)); return; }
      var mark = el("mark", "artefact", p.text);
      mark.id = "artefact-" + g.index + "-" + p.n;
      mark.title = p.kind.replace(/_/g, " ");
      text.appendChild(mark);
    });
    full.appendChild(text);
    holder.appendChild(full);
  }

  function drawAll() {
    if (!lazy) return;
    Array.prototype.forEach.call(document.querySelectorAll("details.more[data-fold]"), drawFolded);
    Array.prototype.forEach.call(document.querySelectorAll(".lazy[data-doc]"), drawDocument);
  }

  function foldedText(card) {          /* what a drawn folded version would add to textContent */
    var more = card.querySelector("details.more[data-fold]");
    if (!lazy || !more || more.querySelector(".version")) return "";
    return (lazy.folded[more.getAttribute("data-fold")] || []).map(function (m) {
      return m.column + " " + m.document + " " + m.pieces.map(function (p) {
        return p.kind === undefined ? p.text : (p.del || "") + (p.ins || "");
      }).join("") + " " + m.reason.join(" · ");
    }).join(" ");
  }

  function textOf(card) {
    if (!texts.has(card)) texts.set(card, (card.textContent + " " + foldedText(card)).toLowerCase());
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
      var row = rows[card.id.slice(10)];
      if (row) row.hidden = !on;
      if (on) shown += 1;
    });
    f.count.value = shown === cards.length ? "all " + cards.length + " statements"
      : "showing " + shown + " of " + cards.length + " statements";
  }

  function reveal(flashColumn) {
    var id = location.hash && decodeURIComponent(location.hash.slice(1));
    var mark = /^artefact-(\d+)-/.exec(id || "");
    if (mark) {
      var holder = document.querySelector('.lazy[data-doc="' + mark[1] + '"]');
      if (holder) drawDocument(holder);
    }
    var target = id && document.getElementById(id);
    if (!target) return;
    if (target.classList.contains("qp")) {      /* a version's passage of a quote: open it, show its quote */
      showPassage(target, true);
      target = target.closest(".qrow");
    }
    var card = target.closest("article.card");
    if (card && card.hidden) {
      card.hidden = false;
      card.classList.add("pinned");
      var row = rows[card.id.slice(10)];
      if (row) row.hidden = false;
    }
    for (var el = target.parentElement; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") el.open = true;
    }
    if (card && flashColumn) {
      var more = card.querySelector("details.more[data-fold]");
      if (more) drawFolded(more);
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
      link.title = "confidence of the link to the statement, 0 to 1; linked by the rarest words it shares "
        + "with the other versions: " + (why ? why.textContent.slice(4).split(" · ").join(", ") : "none");
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
    if (td && !td.title) {
      td.title = data.documents[td.cellIndex - 1] + " · S" + td.parentElement.getAttribute("data-row")
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
    var td = e.target.closest("td");
    if (td) go(td.parentElement.getAttribute("data-row"), td.cellIndex);
  });
  quotes.addEventListener("click", function (e) {
    var cell = e.target.closest("button.qv");
    if (cell) {
      var panel = $(cell.getAttribute("aria-controls"));
      showPassage(panel, !panel.classList.contains("open"));
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
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () { closed.forEach(function (d) { d.open = false; }); });

  document.addEventListener("toggle", function (e) {   /* toggle does not bubble: caught on the way down */
    if (e.target.open && e.target.matches("details.more[data-fold]")) drawFolded(e.target);
  }, true);

  quotes.classList.add("folding");
  form.hidden = false;
  apply();
  if (location.hash) reveal(0);
  inflate(data.lazy).then(function (found) {
    lazy = found;
    texts.clear();
    Array.prototype.forEach.call(document.querySelectorAll("details.more[data-fold][open]"), drawFolded);
    var holders = document.querySelectorAll(".lazy[data-doc]");
    if ("IntersectionObserver" in window) {
      var seen = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) { drawDocument(entry.target); seen.unobserve(entry.target); }
        });
      }, { rootMargin: "1200px 0px" });
      Array.prototype.forEach.call(holders, function (h) { seen.observe(h); });
    } else {
      drawAll();
    }
    if (f.text.value.trim()) apply();
    if (location.hash) reveal(0);
    body.setAttribute("data-lazy", "ready");
  }, function (error) {
    Array.prototype.forEach.call(document.querySelectorAll(".lazy .pending"), function (p) {
      p.textContent = "This browser cannot unpack the artefact lists and full texts (" + error + ").";
    });
  });
})();
