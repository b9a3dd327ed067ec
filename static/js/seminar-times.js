/*
 * Seminar pages: adds each session's time in the visitor's own time zone.
 * The page is complete without it (times are shown in Japan time, and the .ics file
 * gives them in any zone); this only saves the visitor the arithmetic.
 */
(function () {
  "use strict";
  var list = document.querySelector(".sessions[data-local-template]");
  if (!list || !window.Intl || !Intl.DateTimeFormat) {
    return;
  }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var lang = document.documentElement.lang || undefined;
  // English follows the rest of the page: British order and the 24-hour clock.
  if (lang === "en") {
    lang = "en-GB";
  }
  var options = {
    year: "numeric", month: "short", day: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short"
  };
  var format;
  try {
    format = new Intl.DateTimeFormat(lang, options);
  } catch (e) {
    return;
  }
  // A translated sentence with {zone} and {time} in it, from the page.
  var template = list.getAttribute("data-local-template");
  var JAPAN_OFFSET_MINUTES = -540;  // getTimezoneOffset() is UTC minus local time.

  list.querySelectorAll(".session[data-start][data-end]").forEach(function (item) {
    var start = new Date(item.getAttribute("data-start"));
    var end = new Date(item.getAttribute("data-end"));
    if (isNaN(start) || isNaN(end) || start.getTimezoneOffset() === JAPAN_OFFSET_MINUTES) {
      return;  // Unknown times, or the visitor is on Japan time already.
    }
    var text = format.formatRange ? format.formatRange(start, end) : format.format(start) + " – " + format.format(end);
    var line = document.createElement("p");
    line.className = "session__local";
    line.textContent = template.replace("{zone}", zone || "").replace("{time}", text);
    item.appendChild(line);
  });
})();
