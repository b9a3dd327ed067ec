/*
 * The admin's language tabs (modeltranslation) with what each tab holds, and one
 * labelled control that switches every field to the same language.
 *
 * - Each tab says whether its text is filled, empty or behind the English ("outdated",
 *   from the server: #portal-translation-states), with a symbol and words for screen
 *   readers; the empty state follows what the editor types.
 * - modeltranslation's own "main switch" select gets a visible label.
 * - ?language=ja in the address opens every field at that language (links from the
 *   translation overview go there).
 */
(function () {
  "use strict";
  var $ = window.jQuery || (window.django && window.django.jQuery);
  if (!$) {
    return;
  }
  var LABELS = {
    complete: ["\u25cf", "filled"],
    missing: ["\u25cb", "empty"],
    outdated: ["!", "behind the English"]
  };

  function serverStates() {
    var node = document.getElementById("portal-translation-states");
    try {
      return node ? JSON.parse(node.textContent) : {};
    } catch (e) {
      return {};
    }
  }

  function fieldOf(link) {
    var id = (link.getAttribute("href") || "").replace(/^#tab_/, "");
    return document.getElementById(id);
  }

  function stateOf(field, states) {
    var filled = field && String(field.value || "").replace(/<[^>]*>/g, "").trim() !== "";
    if (!filled) {
      return "missing";
    }
    return states[field.id] === "outdated" ? "outdated" : "complete";
  }

  function mark(link, state) {
    var badge = link.querySelector(".mt-state");
    if (!badge) {
      badge = document.createElement("span");
      badge.className = "mt-state";
      link.appendChild(badge);
    }
    badge.className = "mt-state mt-state--" + state;
    badge.innerHTML = "";
    var symbol = document.createElement("span");
    symbol.setAttribute("aria-hidden", "true");
    symbol.textContent = " " + LABELS[state][0];
    var words = document.createElement("span");
    words.className = "visually-hidden";
    words.textContent = " (" + LABELS[state][1] + ")";
    badge.appendChild(symbol);
    badge.appendChild(words);
  }

  function update(states) {
    document.querySelectorAll(".ui-tabs-nav a[href^='#tab_id_']").forEach(function (link) {
      mark(link, stateOf(fieldOf(link), states));
    });
  }

  function labelSwitch() {
    var select = document.getElementById("modeltranslation-main-switch");
    if (!select || document.getElementById("portal-switch-label")) {
      return select;
    }
    var label = document.createElement("label");
    label.id = "portal-switch-label";
    label.setAttribute("for", select.id);
    label.textContent = select.getAttribute("data-label") || "Show every field in ";
    select.parentNode.insertBefore(label, select);
    return select;
  }

  function openLanguage(select) {
    var wanted = new URLSearchParams(window.location.search).get("language");
    if (!select || !wanted) {
      return;
    }
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].textContent.trim() === wanted) {
        $(select).val(select.options[i].value).trigger("change");
        return;
      }
    }
  }

  $(function () {
    // After modeltranslation has built its tabs (its ready handler runs first).
    window.setTimeout(function () {
      var states = serverStates();
      update(states);
      openLanguage(labelSwitch());
      document.addEventListener("input", function () {
        update(states);
      });
    }, 0);
  });
})();
