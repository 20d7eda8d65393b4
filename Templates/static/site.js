/* Briefing — progressive enhancement only. Without JavaScript every page works:
   the timeline shows all events and entity links lead to their pages.
   No framework, no network requests. */
(function () {
  "use strict";

  function words(value) {
    return (value || "").split(/\s+/).filter(function (w) { return w.length > 0; });
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function initTimelineFilter() {
    var form = document.querySelector("form.timeline-filter");
    if (!form) return;

    var kindSelect = form.querySelector('select[name="kind"]');
    var entitySelect = form.querySelector('select[name="entity"]');
    var events = Array.prototype.slice.call(document.querySelectorAll("li[data-kinds], li[data-entities]"));
    var years = Array.prototype.slice.call(document.querySelectorAll(".timeline-year"));
    var countEl = document.querySelector(".timeline-count");
    var emptyEl = document.querySelector(".timeline-empty");
    var total = events.length;

    function hasOption(select, value) {
      if (!select || !value) return false;
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === value) return true;
      }
      return false;
    }

    // Restore a shared filter from the query string (?kind=person&entity=slug).
    var params = null;
    try { params = new URLSearchParams(window.location.search); } catch (e) { params = null; }
    if (params) {
      var k = params.get("kind"), en = params.get("entity");
      if (hasOption(kindSelect, k)) kindSelect.value = k;
      if (hasOption(entitySelect, en)) entitySelect.value = en;
    }

    function updateURL(kind, entity) {
      if (!window.history || !window.history.replaceState || !params) return;
      try {
        var p = new URLSearchParams(window.location.search);
        if (kind) p.set("kind", kind); else p.delete("kind");
        if (entity) p.set("entity", entity); else p.delete("entity");
        var q = p.toString();
        window.history.replaceState(null, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
      } catch (e) { /* file:// or sandboxed: ignore */ }
    }

    function apply() {
      var kind = kindSelect ? kindSelect.value : "";
      var entity = entitySelect ? entitySelect.value : "";
      var shown = 0;

      events.forEach(function (li) {
        var ok = (!kind || words(li.getAttribute("data-kinds")).indexOf(kind) !== -1) &&
                 (!entity || words(li.getAttribute("data-entities")).indexOf(entity) !== -1);
        li.hidden = !ok;
        if (ok) shown++;
      });

      years.forEach(function (section) {
        var visible = section.querySelectorAll("li[data-kinds]:not([hidden]), li[data-entities]:not([hidden])").length;
        section.hidden = visible === 0;
        if (section.id) {
          var link = document.querySelector('.year-index a[href="#' + section.id + '"]');
          if (link && link.parentNode) link.parentNode.hidden = visible === 0;
        }
      });

      var filtered = !!(kind || entity);
      if (countEl) {
        countEl.textContent = filtered
          ? shown + " of " + plural(total, "event", "events")
          : plural(total, "event", "events");
      }
      if (emptyEl) emptyEl.hidden = !(filtered && shown === 0);
      updateURL(kind, entity);
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });

    form.hidden = false;
    apply();

    // Keep a linked event (#ev-…) visible even if a restored filter would hide it.
    var target = window.location.hash ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
    if (target && target.hidden && (kindSelect || entitySelect)) {
      if (kindSelect) kindSelect.value = "";
      if (entitySelect) entitySelect.value = "";
      apply();
      target.scrollIntoView();
    }
  }

  /* Entity preview popover: hovering or focusing an entity link in the page text shows
     the entity's name, kind, role, summary and mention count, read from the page's
     <script type="application/json" id="entity-previews">. Escape closes it. */
  function initEntityPreviews() {
    var data = document.getElementById("entity-previews");
    if (!data || !window.JSON) return;
    var previews;
    try { previews = JSON.parse(data.textContent || "{}"); } catch (e) { return; }
    if (!previews || typeof previews !== "object") return;
    var scope = document.querySelector("main") || document.body;
    var SELECTOR = "a.xref-entity[data-entity]";

    var tip = document.createElement("div");
    tip.id = "entity-preview";
    tip.className = "entity-preview";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);

    var current = null, showTimer = 0, hideTimer = 0, dismissed = null;

    function previewFor(link) {
      var slug = link.getAttribute("data-entity");
      return slug && Object.prototype.hasOwnProperty.call(previews, slug) ? previews[slug] : null;
    }

    function el(tag, className, text) {
      var node = document.createElement(tag);
      if (className) node.className = className;
      if (text) node.textContent = text;
      return node;
    }

    function fill(p) {
      while (tip.firstChild) tip.removeChild(tip.firstChild);
      tip.className = "entity-preview kind-" + (p.kind || "other");
      var head = el("p", "entity-preview-head");
      head.appendChild(el("span", "entity-preview-name", p.name));
      head.appendChild(document.createTextNode(" "));
      var kind = el("span", "kind-badge kind-" + (p.kind || "other"), p.kindLabel || p.kind || "");
      head.appendChild(kind);
      tip.appendChild(head);
      if (p.role) tip.appendChild(el("p", "entity-preview-role", p.role));
      if (p.summary) tip.appendChild(el("p", "entity-preview-summary", p.summary));
      if (typeof p.mentions === "number") {
        tip.appendChild(el("p", "entity-preview-count",
          p.mentions === 1 ? "1 mention" : p.mentions + " mentions"));
      }
    }

    function place(link) {
      var rects = link.getClientRects();
      var r = rects.length ? rects[0] : link.getBoundingClientRect();
      var doc = document.documentElement;
      var vw = doc.clientWidth || window.innerWidth;
      var vh = window.innerHeight;
      var margin = 8;
      tip.style.left = "0px";
      tip.style.top = "0px";
      tip.style.maxWidth = Math.max(120, vw - 2 * margin) + "px";
      var w = tip.offsetWidth, h = tip.offsetHeight;
      var left = Math.min(Math.max(r.left, margin), Math.max(margin, vw - w - margin));
      var top = r.bottom + 6;
      if (top + h > vh - margin && r.top - h - 6 >= margin) top = r.top - h - 6;
      tip.style.left = Math.round(left + window.pageXOffset) + "px";
      tip.style.top = Math.round(top + window.pageYOffset) + "px";
    }

    function show(link) {
      var p = previewFor(link);
      if (!p) return;
      window.clearTimeout(hideTimer);
      if (current && current !== link) current.removeAttribute("aria-describedby");
      current = link;
      fill(p);
      tip.hidden = false;
      place(link);
      link.setAttribute("aria-describedby", tip.id);
    }

    function hide() {
      window.clearTimeout(showTimer);
      window.clearTimeout(hideTimer);
      tip.hidden = true;
      if (current) current.removeAttribute("aria-describedby");
      current = null;
    }

    function linkFrom(target) {
      var node = target && target.closest ? target.closest(SELECTOR) : null;
      return node && scope.contains(node) ? node : null;
    }

    scope.addEventListener("focusin", function (e) {
      var link = linkFrom(e.target);
      if (link) { dismissed = null; show(link); }
    });
    scope.addEventListener("focusout", function (e) {
      if (linkFrom(e.target) === current) hide();
    });
    scope.addEventListener("mouseover", function (e) {
      var link = linkFrom(e.target);
      if (!link || link === current || link === dismissed) return;
      window.clearTimeout(showTimer);
      showTimer = window.setTimeout(function () { show(link); }, 200);
    });
    scope.addEventListener("mouseout", function (e) {
      var link = linkFrom(e.target);
      if (!link) return;
      if (link.contains(e.relatedTarget)) return;
      if (link === dismissed) dismissed = null;
      window.clearTimeout(showTimer);
      if (link === current && document.activeElement !== link) {
        hideTimer = window.setTimeout(hide, 250);
      }
    });
    /* the pointer may move onto the preview to read it (WCAG 1.4.13) */
    tip.addEventListener("mouseover", function () { window.clearTimeout(hideTimer); });
    tip.addEventListener("mouseout", function (e) {
      if (current && !tip.contains(e.relatedTarget) && e.relatedTarget !== current &&
          document.activeElement !== current) {
        hideTimer = window.setTimeout(hide, 250);
      }
    });
    document.addEventListener("keydown", function (e) {
      if ((e.key === "Escape" || e.key === "Esc") && !tip.hidden) {
        dismissed = current;
        hide();
      }
    });
    window.addEventListener("resize", function () { if (current) place(current); });
  }

  function init() {
    [initTimelineFilter, initEntityPreviews].forEach(function (fn) {
      try { fn(); } catch (e) {
        if (window.console && console.error) console.error(e);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
