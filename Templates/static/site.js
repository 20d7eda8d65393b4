/* Briefing — progressive enhancement only. Without JavaScript every page works:
   the timeline shows all events. No framework, no network requests. */
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

  function init() {
    try { initTimelineFilter(); } catch (e) {
      if (window.console && console.error) console.error(e);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
