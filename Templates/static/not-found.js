// Inlined into 404.html (never loaded from static/): a host serves that page at whatever address
// was missing, so its relative links would start from the wrong folder. Without a base URL, find
// the site's root (the nearest folder above the address that has static/favicon.svg, probed as
// an image: the page's policy allows images from the site) and point the relative links there.
// Opened from disk, the page is at the root already.
(function () {
  if (location.protocol === "file:") return;
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
    var image = new Image();
    image.onload = function () { point(roots[i]); };
    image.onerror = function () { probe(i + 1); };
    image.src = roots[i] + "static/favicon.svg";
  })(0);
})();
