/* Briefing — pictures: zoom, pan and hover only. Every picture is complete SVG without this
   script (links, tooltips, text alternatives); no network, no inline style (the CSP forbids it). */
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function round(v) { return Math.round(v * 100) / 100; }

  // Graph: hovering or focusing a node keeps it, its lines and its neighbours; the rest fades.
  function initGraph(svg) {
    function clear() {
      svg.classList.remove("gr-hover");
      each(svg.querySelectorAll(".gr-near"), function (e) { e.classList.remove("gr-near"); });
    }
    function show(node) {
      clear();
      var slug = node.getAttribute("data-slug"), near = {};
      near[slug] = true;
      each(svg.querySelectorAll(".gr-edges line"), function (line) {
        var a = line.getAttribute("data-a"), b = line.getAttribute("data-b");
        if (a === slug || b === slug) { line.classList.add("gr-near"); near[a] = near[b] = true; }
      });
      each(svg.querySelectorAll(".gr-node"), function (n) {
        if (near[n.getAttribute("data-slug")]) n.classList.add("gr-near");
      });
      svg.classList.add("gr-hover");
    }
    each(svg.querySelectorAll(".gr-node"), function (node) {
      node.addEventListener("mouseenter", function () { show(node); });
      node.addEventListener("focus", function () { show(node); });
      node.addEventListener("mouseleave", clear);
      node.addEventListener("blur", clear);
    });
  }

  // Zoom (buttons, Ctrl/⌘ + wheel, pinch on a trackpad) and pan (drag) by the viewBox. The
  // timeline zooms along time only: its text and dots are scaled back so they keep their size.
  function initZoom(svg, figure, horizontal) {
    var box = svg.viewBox.baseVal, W = box.width, H = box.height;
    var view = { x: 0, y: 0, w: W, h: H };
    var kept = horizontal ? svg.querySelectorAll("text, circle, .tl-break") : [];
    if (horizontal) svg.setAttribute("preserveAspectRatio", "none");

    function apply() {
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(round).join(" "));
      svg.classList.toggle("zoomed", view.w < W - 0.01);
      if (!horizontal) return;
      var k = W / view.w;
      each(kept, function (el) {
        var x = parseFloat(el.getAttribute(el.tagName === "circle" ? "cx" : "x") || "0");
        if (el.classList.contains("tl-break")) x = parseFloat(el.getAttribute("d").slice(1));
        // Lane names stay at the left edge; everything else at its own place, unstretched.
        var at = el.classList.contains("tl-lane") ? view.x + x / k : x;
        el.setAttribute("transform", k === 1 ? "" : "translate(" + round(at) + " 0) scale(" + round(1 / k) + " 1) translate(" + round(-x) + " 0)");
      });
    }
    function clamp() {
      view.x = Math.max(0, Math.min(W - view.w, view.x));
      view.y = Math.max(0, Math.min(H - view.h, view.y));
    }
    function zoom(factor, cx, cy) {
      var w = Math.min(W, Math.max(W / 12, view.w / factor));
      var h = horizontal ? H : w * H / W;
      if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
      view.x = cx - (cx - view.x) * w / view.w;
      view.y = horizontal ? 0 : cy - (cy - view.y) * h / view.h;
      view.w = w; view.h = h;
      clamp(); apply();
    }
    function point(e) {
      var r = svg.getBoundingClientRect();
      return { x: view.x + (e.clientX - r.left) / r.width * view.w, y: view.y + (e.clientY - r.top) / r.height * view.h };
    }

    var tools = document.createElement("div");
    tools.className = "picture-tools";
    [["+", "Zoom in", function () { zoom(1.6); }], ["−", "Zoom out", function () { zoom(1 / 1.6); }],
     ["Reset", "Show all", function () { view = { x: 0, y: 0, w: W, h: H }; apply(); }]].forEach(function (t) {
      var b = document.createElement("button");
      b.type = "button"; b.textContent = t[0]; b.setAttribute("aria-label", t[1]); b.title = t[1];
      b.addEventListener("click", t[2]);
      tools.appendChild(b);
    });
    figure.insertBefore(tools, figure.firstChild);

    svg.addEventListener("wheel", function (e) {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      var p = point(e);
      zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, p.x, p.y);
    }, { passive: false });

    var drag = null, moved = false;
    svg.addEventListener("pointerdown", function (e) {
      if (view.w >= W - 0.01 || e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
      moved = false;
    });
    svg.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var r = svg.getBoundingClientRect();
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!moved) { moved = true; svg.setPointerCapture(e.pointerId); }
      view.x = drag.vx - dx / r.width * view.w;
      view.y = horizontal ? 0 : drag.vy - dy / r.height * view.h;
      clamp(); apply();
    });
    function end() { drag = null; }
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
    // A drag is not a click on the link under it.
    svg.addEventListener("click", function (e) { if (moved) { e.preventDefault(); moved = false; } }, true);
  }

  each(document.querySelectorAll("figure.picture"), function (figure) {
    var svg = figure.querySelector("svg.picture-svg");
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal) return;
    var kind = figure.getAttribute("data-picture");
    if (kind === "graph") initGraph(svg);
    if (kind === "graph" || kind === "map" || kind === "timeline") initZoom(svg, figure, kind === "timeline");
  });
})();
