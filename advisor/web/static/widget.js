/*
 * Career Advisor widget: one tag adds a floating chat bubble that opens the advisor.
 *
 *   <script src="https://HOST/widget.js" data-title="Career Advisor" defer></script>
 *
 * Options (data attributes on that tag):
 *   data-title     the panel's title              (default "Career Advisor")
 *   data-position  bottom-right | bottom-left     (default bottom-right)
 *   data-color     theme colour, #rgb or #rrggbb  (default #2563eb)
 *   data-greeting  first message in the chat
 *   data-api-key   only if the server sets ADVISOR_API_KEYS
 *
 * The chat itself is HOST/embed in an iframe: the host page's styles and scripts cannot reach
 * it, and the server decides which sites may frame it (ADVISOR_ALLOWED_ORIGINS).
 */
(function () {
  "use strict";
  if (window.__careerAdvisorWidget) return;
  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (!script) return;
  window.__careerAdvisorWidget = true;

  var configured = "__ADVISOR_PUBLIC_URL__"; // the server fills in ADVISOR_PUBLIC_URL, if set
  var base = configured || new URL(script.src, window.location.href).origin;
  var data = script.dataset;
  var title = (data.title || "Career Advisor").slice(0, 80);
  var side = data.position === "bottom-left" ? "left" : "right";
  var color = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(data.color || "") ? data.color : "#2563eb";
  var greeting = (data.greeting || "").slice(0, 300);
  var apiKey = data.apiKey || "";

  var css = [
    ":host { all: initial; }",
    ".bubble { position: fixed; bottom: 20px; " + side + ": 20px; z-index: 2147483000; width: 56px; height: 56px;",
    "  border: 0; border-radius: 50%; background: var(--adv-color); color: #fff; cursor: pointer;",
    "  box-shadow: 0 4px 14px rgba(0,0,0,.25); display: grid; place-items: center; padding: 0; }",
    ".bubble:focus-visible { outline: 3px solid #fff; box-shadow: 0 0 0 6px var(--adv-color); }",
    ".bubble svg { width: 26px; height: 26px; fill: currentColor; }",
    ".panel { position: fixed; bottom: 88px; " + side + ": 20px; z-index: 2147483000; width: 380px; height: 560px;",
    "  max-width: calc(100vw - 40px); max-height: calc(100vh - 110px); border-radius: 12px; overflow: hidden;",
    "  box-shadow: 0 8px 30px rgba(0,0,0,.3); background: #fff; display: none; }",
    ".panel.open { display: block; }",
    "iframe { border: 0; width: 100%; height: 100%; display: block; }"
  ].join("\n");

  var CHAT_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';
  var CLOSE_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z"/></svg>';

  function mount() {
    var host = document.createElement("div");
    host.id = "career-advisor-widget";
    host.style.setProperty("--adv-color", color);
    var root = host.attachShadow({ mode: "open" });
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      var style = document.createElement("style");
      style.textContent = css;
      root.appendChild(style);
    }

    var panel = document.createElement("div");
    panel.className = "panel";
    panel.id = "career-advisor-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", title);

    var bubble = document.createElement("button");
    bubble.className = "bubble";
    bubble.type = "button";
    bubble.setAttribute("aria-controls", panel.id);
    bubble.setAttribute("aria-expanded", "false");
    bubble.setAttribute("aria-label", "Open " + title);
    bubble.innerHTML = CHAT_ICON; // constant markup, no page data

    var frame = null;
    function open(show) {
      if (show && !frame) {
        var query = new URLSearchParams({ title: title, color: color });
        if (greeting) query.set("greeting", greeting);
        frame = document.createElement("iframe");
        frame.title = title;
        frame.src = base + "/embed?" + query.toString() + (apiKey ? "#key=" + encodeURIComponent(apiKey) : "");
        panel.appendChild(frame);
      }
      panel.classList.toggle("open", show);
      bubble.setAttribute("aria-expanded", String(show));
      bubble.setAttribute("aria-label", (show ? "Close " : "Open ") + title);
      bubble.innerHTML = show ? CLOSE_ICON : CHAT_ICON;
    }
    bubble.addEventListener("click", function () { open(!panel.classList.contains("open")); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && panel.classList.contains("open")) { open(false); bubble.focus(); }
    });

    root.appendChild(panel);
    root.appendChild(bubble);
    document.body.appendChild(host);
  }

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
