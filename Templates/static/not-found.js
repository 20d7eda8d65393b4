// Inlined into 404.html (never loaded from static/): a host serves that page at whatever address
// was missing, so its relative links would start from the wrong folder. Without a base URL, find
// the site's root (the nearest folder above the address that has static/style.css) and point the
// page's relative links there. Opened from disk, the page is at the root already.
(function () {
  if (location.protocol === "file:" || !window.fetch) return;
  var parts = location.pathname.split("/");
  parts.pop();
  var roots = [];
  for (var n = parts.length; n >= 1; n--) roots.push(parts.slice(0, n).join("/") + "/");
  function point(root) {
    document.querySelectorAll("a[href], link[href]").forEach(function (el) {
      var href = el.getAttribute("href");
      if (!/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(href)) el.setAttribute("href", root + href);
    });
  }
  (function probe(i) {
    if (i >= roots.length) return;
    fetch(roots[i] + "static/style.css", { method: "HEAD" }).then(function (response) {
      if (response.ok) point(roots[i]); else probe(i + 1);
    }, function () { probe(i + 1); });
  })(0);
})();
