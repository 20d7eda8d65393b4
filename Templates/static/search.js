/* Static search: loads the index shards a query needs as scripts (works from file:// too),
   ranks documents, and shows each with its best paragraph, query words highlighted. */
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  if (!form) return;
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  document.getElementById("search-fallback").hidden = true;
  form.hidden = false;

  var meta = null, shards = {}, chunks = {}, waiting = {};
  var api = window.BriefingSearch = {
    meta: function (m) { meta = m; done("meta"); },
    terms: function (key, terms) { shards[key] = terms; done("terms/" + key); },
    docs: function (n, docs) { chunks[n] = docs; done("docs/" + n); }
  };
  function done(name) { (waiting[name] || []).forEach(function (f) { f(); }); delete waiting[name]; }
  function load(name, loaded) {
    var ready = name === "meta" ? meta : name.indexOf("terms/") === 0 ? shards[name.slice(6)] : chunks[name.slice(5)];
    if (ready) { loaded(); return; }
    if (waiting[name]) { waiting[name].push(loaded); return; }
    waiting[name] = [loaded];
    var script = document.createElement("script");
    script.src = name + ".js";
    script.onerror = function () { done(name); };
    document.head.appendChild(script);
  }
  function all(names, loaded) {
    var left = names.length;
    if (!left) { loaded(); return; }
    names.forEach(function (name) { load(name, function () { if (--left === 0) loaded(); }); });
  }
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 2; });
  }
  function shardKey(term) {
    var prefix = Array.from(term).slice(0, 2).join("");
    return /^[a-z0-9]+$/.test(prefix) ? prefix
      : "_" + Array.from(prefix).map(function (c) { return c.codePointAt(0).toString(16); }).join("_");
  }
  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }
  function highlight(text, terms) {
    var folded = fold(text), marks = [];
    terms.forEach(function (term) {
      var re = new RegExp("(^|[^\\p{L}\\p{N}])(" + term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "[\\p{L}\\p{N}]*)", "gu"), m;
      while ((m = re.exec(folded))) marks.push([m.index + m[1].length, m.index + m[0].length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var out = "", at = 0;
    marks.forEach(function (r) {
      if (r[0] < at) return;
      out += escapeHTML(text.slice(at, r[0])) + "<mark>" + escapeHTML(text.slice(r[0], r[1])) + "</mark>";
      at = r[1];
    });
    return out + escapeHTML(text.slice(at));
  }
  function snippet(text, terms) {
    if (text.length <= 240) return highlight(text, terms);
    var at = Math.max(0, fold(text).indexOf(terms[0]) - 80);
    var piece = text.slice(at, at + 240);
    return (at > 0 ? "… " : "") + highlight(piece, terms) + " …";
  }
  function search(query) {
    var terms = words(query);
    list.innerHTML = "";
    if (!terms.length) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    load("meta", function () {
      var keys = terms.map(shardKey).filter(function (k) { return meta && meta.shards.indexOf(k) >= 0; });
      all(keys.map(function (k) { return "terms/" + k; }), function () {
        var scores = {}, best = {}, matched = {};
        terms.forEach(function (term, i) {
          var shard = shards[shardKey(term)] || {};
          Object.keys(shard).forEach(function (word) {
            if (word.indexOf(term) !== 0) return;
            var exact = word === term ? 2 : 1;
            shard[word].forEach(function (p) {
              scores[p[0]] = (scores[p[0]] || 0) + p[2] * exact;
              (matched[p[0]] = matched[p[0]] || {})[i] = true;
              if (p[1] >= 0 && !(p[0] in best)) best[p[0]] = p[1];
            });
          });
        });
        var ids = Object.keys(scores).map(Number).filter(function (id) {
          return Object.keys(matched[id]).length === terms.length;
        }).sort(function (a, b) { return scores[b] - scores[a] || a - b; }).slice(0, 30);
        if (!ids.length) { status.textContent = "No results for “" + query + "”."; return; }
        var chunkNames = ids.map(function (id) { return "docs/" + Math.floor(id / meta.chunkSize); })
          .filter(function (n, i, a) { return a.indexOf(n) === i; });
        all(chunkNames, function () {
          status.textContent = ids.length + (ids.length === 1 ? " result" : " results") + " for “" + query + "”.";
          ids.forEach(function (id) {
            var doc = chunks[Math.floor(id / meta.chunkSize)][id % meta.chunkSize];
            var paragraph = doc.paragraphs[best[id]] || doc.paragraphs[0];
            var href = "../" + doc.url + (paragraph && best[id] !== undefined ? "#" + paragraph[0] : "");
            var item = document.createElement("li");
            item.className = "search-result";
            item.innerHTML = "<a class=\"search-result-title\" href=\"" + escapeHTML(href) + "\">" + highlight(doc.title, terms) +
              "</a> <span class=\"search-result-kind\">" + escapeHTML(doc.kind) + "</span>" +
              (paragraph ? "<p class=\"search-result-snippet\">" + snippet(paragraph[1], terms) + "</p>" : "");
            list.appendChild(item);
          });
        });
      });
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value.trim();
    history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    search(query);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; search(initial); }
})();
