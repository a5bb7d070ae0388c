/* variance report: the data islands (html_island.lazy_payload), each a gzip-compressed,
   base64-encoded JSON document unpacked with the browser's DecompressionStream. `need(name)`
   unpacks one (once) and resolves to it; `got(name)` is it when unpacked, else undefined;
   `all()` unpacks every island one after the other, each in its own task, so the page never
   stops answering for long, and resolves when they all are. */
var varianceIslands = (function () {
  "use strict";

  function make(packed) {
    var found = {}, asked = {}, names = Object.keys(packed || {});

    function unpack(b64) {
      var bin = atob(b64), bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).text().then(JSON.parse);
    }

    function need(name) {
      if (!(name in packed)) return Promise.resolve(undefined);
      if (!asked[name]) {
        asked[name] = unpack(packed[name]).then(function (value) { found[name] = value; return value; });
      }
      return asked[name];
    }

    function all(order) {            /* `order`: the names to unpack first */
      var queue = order.concat(names.filter(function (n) { return order.indexOf(n) < 0; }));
      return queue.reduce(function (done, name) {
        return done.then(function () {
          return new Promise(function (next) { setTimeout(next, 0); }).then(function () { return need(name); });
        });
      }, Promise.resolve());
    }

    return {
      need: need, all: all, names: names,
      got: function (name) { return found[name]; },
      has: function (name) { return name in packed; }
    };
  }

  return { make: make };
})();
