/* variance report: the coverage matrix. A small one is markup, and this only shows and hides its
   rows. A large one (html_island.matrix_island: one character per cell) is drawn as a window:
   the rows and columns in the matrix's own scrolling box and a margin around them, spacers
   standing in for the rest so that the box scrolls as if every cell were there; it is redrawn
   when a scroll nears the window's edge or the filters change, and drawn whole before printing. */
var varianceMatrix = (function () {
  "use strict";
  var STATE = { r: "cr", "0": "c0", "1": "c1", "2": "c2", "3": "c3", a: "" };
  var MARGIN_COLUMNS = 24, MARGIN_ROWS = 12;

  function markup(table) {             /* every cell is in the page already */
    var rows = {};
    Array.prototype.forEach.call(table.querySelectorAll("tr[data-row]"), function (tr) {
      rows[tr.getAttribute("data-row")] = tr;
    });
    return {
      show: function (id, on) { if (rows[id]) rows[id].hidden = !on; },
      refresh: function () {},
      whole: function () {},
      window: function () {},
      column: function (td) { return td.cellIndex; }
    };
  }

  function windowed(table, island) {
    var wrap = table.parentElement, head = table.tHead.rows[0], body = table.tBodies[0];
    var all = island.rows, n = island.heads.length, hidden = new Set(), shown = all;
    var drawn = null, size = null, queued = false, everything = false;
    var el = varianceDraw.el;

    function gap(tag, width) {
      var cell = el(tag, "gap");
      cell.setAttribute("aria-hidden", "true");
      cell.style.width = cell.style.minWidth = cell.style.maxWidth = width + "px";
      return cell;
    }

    function spacer(height, span) {
      var tr = el("tr", "gap"), td = el("td", "gap");
      tr.setAttribute("aria-hidden", "true");
      td.colSpan = span;
      td.style.height = height + "px";
      tr.appendChild(td);
      return tr;
    }

    function header(c0, c1) {
      while (head.cells.length > 1) head.deleteCell(1);
      if (c0 > 0 && size) head.appendChild(gap("th", c0 * size.cell));
      for (var c = c0; c < c1; c++) {
        var th = el("th", "dh" + (c + 1 === island.ref ? " ref" : ""));
        th.scope = "col";
        th.title = island.heads[c][1];
        th.appendChild(el("span", null, island.heads[c][0]));
        head.appendChild(th);
      }
      if (c1 < n && size) head.appendChild(gap("th", (n - c1) * size.cell));
    }

    function row(r, c0, c1) {
      var tr = el("tr"), th = el("th"), link = el("a", null, "S" + r[0]);
      tr.setAttribute("data-row", r[0]);
      th.scope = "row";
      link.href = "#statement-" + r[0];
      th.append(link, " ", el("span", "snip", r[1]));
      tr.appendChild(th);
      if (c0 > 0 && size) tr.appendChild(gap("td", c0 * size.cell));
      var cells = r[2];
      for (var c = c0; c < c1; c++) {
        var td = document.createElement("td"), cls = STATE[cells.charAt(c)];
        if (cls) td.className = cls;
        tr.appendChild(td);
      }
      if (c1 < n && size) tr.appendChild(gap("td", (n - c1) * size.cell));
      return tr;
    }

    function draw(r0, r1, c0, c1) {
      drawn = { r0: r0, r1: r1, c0: c0, c1: c1 };
      header(c0, c1);
      var rows = document.createDocumentFragment(), span = c1 - c0 + 3;
      if (r0 > 0 && size) rows.appendChild(spacer(r0 * size.row, span));
      for (var i = r0; i < r1; i++) rows.appendChild(row(shown[i], c0, c1));
      if (r1 < shown.length && size) rows.appendChild(spacer((shown.length - r1) * size.row, span));
      body.textContent = "";
      body.appendChild(rows);
    }

    function measure() {               /* a cell's width, a row's height, the headers' extent */
      var td = body.querySelector("tr[data-row] td"), tr = td && td.parentElement;
      if (!td) return null;
      return { cell: td.offsetWidth, row: tr.offsetHeight, left: tr.cells[0].offsetWidth, top: table.tHead.offsetHeight };
    }

    function wanted() {                /* the rows and columns in the box, with a margin */
      var left = wrap.scrollLeft, top = wrap.scrollTop;
      var first = Math.floor(left / size.cell), last = Math.ceil((left + wrap.clientWidth - size.left) / size.cell);
      var above = Math.floor(top / size.row), below = Math.ceil((top + wrap.clientHeight - size.top) / size.row);
      return { c0: Math.max(0, first), c1: Math.min(n, last + 1), r0: Math.max(0, above), r1: Math.min(shown.length, below + 1) };
    }

    function update(force) {
      queued = false;
      if (everything) return;
      if (!size) {
        draw(0, Math.min(shown.length, 2 * MARGIN_ROWS), 0, Math.min(n, 3 * MARGIN_COLUMNS));
        size = measure();
        if (!size) return;
        force = true;
      }
      var w = wanted(), d = drawn;
      if (!force && w.c0 >= d.c0 && w.c1 <= d.c1 && w.r0 >= d.r0 && w.r1 <= d.r1) return;
      draw(Math.max(0, w.r0 - MARGIN_ROWS), Math.min(shown.length, w.r1 + MARGIN_ROWS),
           Math.max(0, w.c0 - MARGIN_COLUMNS), Math.min(n, w.c1 + MARGIN_COLUMNS));
    }

    function later() {
      if (!queued) { queued = true; requestAnimationFrame(function () { update(false); }); }
    }

    wrap.addEventListener("scroll", later, { passive: true });
    window.addEventListener("resize", later);
    return {
      show: function (id, on) { if (on) hidden.delete(String(id)); else hidden.add(String(id)); },
      refresh: function () {
        shown = hidden.size ? all.filter(function (r) { return !hidden.has(String(r[0])); }) : all;
        update(true);
      },
      whole: function () { draw(0, shown.length, 0, n); everything = true; },
      window: function () { everything = false; update(true); },
      column: function (td) {          /* the 1-based version column of a drawn cell; 0 for a spacer */
        if (td.classList.contains("gap")) return 0;
        return drawn.c0 + td.cellIndex - (td.parentElement.cells[1].classList.contains("gap") ? 1 : 0);
      }
    };
  }

  return { make: function (table, island) { return island ? windowed(table, island) : markup(table); } };
})();
