/*
 * Click-to-play for YouTube videos.
 *
 * The page shows a link with the video's thumbnail and loads nothing from YouTube.
 * When the visitor chooses play, this swaps the link for the youtube-nocookie.com
 * player. Without JavaScript (or with a modifier key, to open a new tab), the link
 * simply opens the video on YouTube.
 *
 * The iframe carries referrerpolicy="strict-origin-when-cross-origin": YouTube
 * refuses to play without a Referer, and the site's own policy (same-origin) would
 * send none.
 */
(function () {
  "use strict";

  var EMBED_PREFIX = "https://www.youtube-nocookie.com/embed/";

  function play(player, link) {
    var url = player.getAttribute("data-embed-url") || "";
    if (url.indexOf(EMBED_PREFIX) !== 0) {
      return false;
    }
    var frame = document.createElement("iframe");
    frame.className = "video-player__frame";
    frame.src = url;
    frame.title = player.getAttribute("data-player-title") || "";
    if (player.hasAttribute("data-player-title-lang")) {
      frame.lang = player.getAttribute("data-player-title-lang");
    }
    frame.width = "1280";
    frame.height = "720";
    frame.setAttribute("allow", "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    link.replaceWith(frame);
    frame.focus();
    return true;
  }

  document.querySelectorAll(".video-player[data-embed-url]").forEach(function (player) {
    var link = player.querySelector(".video-player__facade");
    if (!link) {
      return;
    }
    // With this script it plays here: it is a button (Enter and Space), not a link away.
    link.setAttribute("role", "button");
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
        return;
      }
      if (play(player, link)) {
        event.preventDefault();
      }
    });
    link.addEventListener("keydown", function (event) {
      if (event.key === " " || event.key === "Spacebar") {
        event.preventDefault();  // a button does not scroll the page on Space
        play(player, link);
      }
    });
  });
})();
