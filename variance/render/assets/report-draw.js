/* variance report: what the page's script draws from the data island, each function the twin of
   a macro of report.html.j2 (the browser tests compare a drawn page with the markup one). Text
   is only ever set as text (createElement, textContent), never parsed as markup. */
var varianceDraw = (function () {
  "use strict";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function fixed(v) { return v === null || v === undefined ? "–" : v.toFixed(2); }

  function changes(parent, pieces) {   /* changes(): a change is <span><del/><ins/></span> */
    pieces.forEach(function (p) {
      if (p.kind === undefined) { parent.appendChild(document.createTextNode(p.text)); return; }
      var ch = el("span", "ch k-" + p.kind);
      if (p.del) ch.appendChild(el("del", null, p.del));
      if (p.ins) ch.appendChild(el("ins", null, p.ins));
      parent.appendChild(ch);
    });
    return parent;
  }

  function inSentence(m, words) {     /* in_sentence(): the rest of the sentence dimmed */
    if (!m.partial) return words;
    var p = el("p", "vtext");
    if (m.before) p.append(el("span", "ctx", m.before), " ");
    p.appendChild(words);
    if (m.after) p.append(" ", el("span", "ctx", m.after));
    return p;
  }

  function words(m, pieces) {
    return m.partial ? inSentence(m, changes(el("span", "claim is-part"), pieces)) : changes(el("p", "vtext"), pieces);
  }

  function part(head, title) {
    var span = el("span", "part", "part of a sentence");
    if (title) span.title = "The rest of the sentence is shown dimmed";
    head.append(" ", span);
  }

  function version(card, m, shared) {  /* version(): one version's wording in a statement card */
    var box = el("div", "version" + (m.is_anchor ? " anchor" : "")), head = el("div", "vhead");
    box.setAttribute("data-col", m.column);
    head.append(el("span", "dn", String(m.column)), " ", el("b", "did", m.document), " ");
    if (m.is_anchor) head.appendChild(el("span", "role", card.ref ? "reference" : "anchor"));
    else if (m.not_diffed) head.appendChild(el("span", "role", "original language, not diffed"));
    else head.appendChild(el("span", "num drift sev-" + m.worst, "drift " + fixed(m.drift)));
    if (shared) head.append(" ", el("span", "num conf", "link " + fixed(m.confidence)));
    if (m.linked) head.append(" ", el("span", "role editor", "linked by the editor"));
    if (m.partial) part(head, true);
    box.append(head, words(m, m.pieces));
    if (m.because && shared) box.appendChild(el("p", "why", m.because));
    return box;
  }

  function repeat(r) {                 /* repeat(): another place a version says it */
    var box = el("div", "version repeat"), head = el("div", "vhead");
    box.setAttribute("data-col", r.column);
    head.append(el("span", "dn", String(r.column)), " ", el("b", "did", r.document), " ",
                el("span", "role again", "said again, " + r.where + " (sentence " + r.sentence + ")"), " ",
                el("span", "num conf", "link " + fixed(r.confidence)));
    if (r.partial) part(head, false);
    box.append(head, words(r, [{ text: r.text }]));
    return box;
  }

  function memberText(m) {             /* what a drawn version adds to the card's textContent */
    return m.column + " " + m.document + " " + m.pieces.map(function (p) {
      return p.kind === undefined ? p.text : (p.del || "") + (p.ins || "");
    }).join("") + " " + (m.because || "");
  }

  function card(box, data, fold) {     /* a card's open versions and repeats, before its fold */
    var shared = data.members.length > 1, more = box.querySelector("details.more");
    data.members.slice(0, fold).forEach(function (m) { box.insertBefore(version(data, m, shared), more); });
    data.repeats.forEach(function (r) { box.insertBefore(repeat(r), more); });
  }

  function match(c, also, quotes) {    /* match(): one version's passage of a quote */
    var head = el("p", "qphead"), out = [head];
    if (also) head.append("also in this version: ");
    else head.append(el("span", "dn", String(c.column)), " ", el("b", null, c.document), " ");
    head.appendChild(el("span", "verdict v-" + c.verdict, c.verdict));
    if (c.verdict === "absent") {
      head.append(" ", el("span", "muted", "no passage close to the quote (the closest reads " + fixed(c.similarity) + ")"));
    } else {
      head.append(" ", el("span", "num", "similarity " + fixed(c.similarity)),
                  " · " + (c.quoted ? "in quotation marks" : "not in quotation marks"));
      if (c.verdict === "paraphrased") head.append(" · " + Math.round(c.overlap * 100) + "% of the quote's content words");
      if (c.statement) {
        var to = el("a", null, "S" + c.statement);
        to.href = "#statement-" + c.statement;
        head.append(" · ", to);
      }
    }
    if (c.pieces !== null) {
      var who = el("p", "qpspk");
      if (c.speaker) {
        who.appendChild(el("b", null, c.speaker.speaker));
        if (c.speaker.kind === "source") who.append(" (a source)");
        who.append(" ", el("span", "cue", "“" + c.speaker.cue + "”" + (c.speaker.how ? ", " + c.speaker.how : "")));
      } else {
        who.appendChild(el("span", "muted", "attributed to nobody"));
      }
      out.push(who, changes(el("p", "vtext"), c.pieces));
    }
    return out;
  }

  function passage(n, quote, column) { /* the passage block of quote n in the version of `column` */
    var c = quote.cells.filter(function (x) { return x.column === column; })[0];
    if (!c) return null;
    var box = el("div", "qp");
    box.id = "qp-" + n + "-" + column;
    box.append.apply(box, match(c, false));
    c.also.forEach(function (a) { box.append.apply(box, match(a, true)); });
    if (c.column === quote.source) box.appendChild(el("p", "muted", "The quote was taken from this version."));
    return box;
  }

  function docRow(d) {                 /* a row of the documents table (html_island._row) */
    var tr = el("tr", d.is_reference ? "is-ref" : null), name = el("td", "docname"), link = el("a");
    var carries = el("td", "num r nowrap"), count = el("td", "num r");
    link.href = "#doc-" + d.index;
    link.appendChild(el("b", null, d.id));
    name.appendChild(link);
    if (d.is_reference) name.append(" ", el("span", "role", "reference"));
    if (d.other_event) name.append(" ", el("span", "warn", d.other_event));
    if (d.title) name.append(" ", el("span", "title", d.title));
    name.append(el("br"), el("span", "path", [d.path].concat(d.extra).join(" · ")));
    if (d.is_reference) carries.textContent = "reference";
    else if (d.carried === null) carries.textContent = "–";
    else {
      var bar = el("span", "bar"), fill = el("i");
      fill.style.width = d.bar + "%";
      bar.appendChild(fill);
      carries.append(d.carried + " ", bar, " " + d.share);
    }
    if (d.artefacts) {
      var to = el("a", null, String(d.artefacts));
      to.href = "#doc-" + d.index;
      count.appendChild(to);
    } else count.textContent = "0";
    var hash = el("td");
    hash.appendChild(el("code", "hash", d.sha256));
    tr.append(el("td", "num", String(d.index)), name, el("td", null, d.outlet), el("td", "num nowrap", d.date),
              el("td", "num r", String(d.sentences)), carries, el("td", "num r", d.drift), count, hash);
    return tr;
  }

  function docShell(d) {               /* a version's place in "Artefacts & texts" (html.j2) */
    var box = el("div", "docblock"), title = el("h3"), holder = el("div", "lazy");
    box.id = "doc-" + d.index;
    title.append(el("span", "dn", String(d.index)), " " + d.id + " ", el("span", "count", String(d.artefacts)));
    holder.setAttribute("data-doc", d.index);
    holder.appendChild(el("p", "muted pending", d.artefacts + " artefact" + (d.artefacts === 1 ? "" : "s")
                          + " and the full text are drawn here by the page's script."));
    box.append(title, holder);
    return box;
  }

  function documentBlock(holder, g) {  /* a document's artefact list and its full text, marks linked */
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

  return { el: el, version: version, card: card, memberText: memberText, passage: passage,
           docRow: docRow, docShell: docShell, documentBlock: documentBlock };
})();
