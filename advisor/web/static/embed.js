/*
 * The compact chat behind the widget. Streams answers from api/chat/stream (Server-Sent Events:
 * sources?, token…, citations, done | error) and shows each answer's sources under it.
 *
 * Everything from the server (answers, quotes, section text) is untrusted text: it is only ever
 * put in the page with textContent / createTextNode, never as HTML.
 */
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var apiKey = new URLSearchParams(window.location.hash.slice(1)).get("key") || "";
  var title = (params.get("title") || "Career Advisor").slice(0, 80);
  var greeting = (params.get("greeting") ||
    "Hi! Ask me about a tech career: what the job is, skills, salaries, growth.").slice(0, 300);
  var color = params.get("color") || "";
  var MAX_TURNS = Number(document.documentElement.getAttribute("data-max-turns")) || 1;  // set by the server

  var log = document.getElementById("log");
  var form = document.getElementById("ask");
  var input = document.getElementById("question");
  var send = document.getElementById("send");
  var footer = document.getElementById("footer");
  var history = [];
  var answerCount = 0;

  document.title = title;
  document.getElementById("title").textContent = title;
  if (/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(color)) document.documentElement.style.setProperty("--accent", color);

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function headers() {
    var h = { "Content-Type": "application/json", "Accept": "text/event-stream" };
    if (apiKey) h["X-API-Key"] = apiKey;
    return h;
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  /* Follow an answer as it grows, but never past its first line. */
  function keepInView(li) {
    log.scrollTop = Math.min(log.scrollHeight, li.offsetTop - log.offsetTop);
    if (li.offsetHeight <= log.clientHeight) scrollDown();
  }

  function addMessage(role, text) {
    var li = el("li", "msg " + role);
    if (text) li.appendChild(el("p", null, text));
    log.appendChild(li);
    scrollDown();
    return li;
  }

  /* The answer's lines as the server laid them out (answer.view.lines): paragraphs, runs of list
     items as one list, and each marker a button that shows its source. */
  function renderLines(box, lines, sources) {
    box.textContent = "";
    var list = null;
    lines.forEach(function (line) {
      var item;
      if (line.kind === "item") {
        if (!list) { list = el("ul"); box.appendChild(list); }
        item = el("li");
        list.appendChild(item);
      } else {
        list = null;
        item = el("p");
        box.appendChild(item);
      }
      line.parts.forEach(function (part) {
        var target = part.marker !== null && sources[part.marker];
        if (!target) { item.appendChild(document.createTextNode(part.text)); return; }
        var b = el("button", "marker", part.text);
        b.type = "button";
        b.setAttribute("aria-label", "Show source " + part.marker);
        b.addEventListener("click", function () { showSource(target); });
        item.appendChild(b);
      });
    });
  }

  function showSource(node) {
    var more = node.closest("details.more");
    if (more) more.open = true;  // a source behind the "more sources" toggle
    node.scrollIntoView({ behavior: "smooth", block: "nearest" });
    node.classList.remove("flash");
    void node.offsetWidth;
    node.classList.add("flash");
  }

  function sectionDetails(citation) {
    var details = el("details", "full");
    details.appendChild(el("summary", null, "Show the whole section"));
    var body = el("div", "section-text", "Loading…");
    details.appendChild(body);
    var loaded = false;
    details.addEventListener("toggle", function () {
      if (!details.open || loaded) return;
      loaded = true;
      fetch("api/sections/" + encodeURIComponent(citation.section_id), { headers: headers() })
        .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
        .then(function (r) { body.textContent = r.ok ? r.body.text : (r.body.error || {}).message || "Not found."; })
        .catch(function () { body.textContent = "Could not load the section."; loaded = false; });
    });
    return details;
  }

  function officialLink(link) {
    var a = el("a", "official", link.text);
    a.href = link.href;
    a.target = "_blank";
    a.rel = "noopener";
    return a;
  }

  /* The wage chart as the server placed it (answer.view.chart): per row a label with its figures,
     a range bar, a box and a median mark, positioned in percent of the track. */
  function wageChart(chart) {
    function bar(className, b) {
      var node = el("div", className);
      node.style.left = b.left + "%";
      node.style.width = b.width + "%";
      return node;
    }
    var box = el("div", "wage-chart");
    box.setAttribute("role", "img");
    box.setAttribute("aria-label", chart.title);
    box.appendChild(el("div", "chart-title", chart.title));
    chart.rows.forEach(function (row) {
      var line = el("div", "chart-row");
      var label = el("div", "chart-label", row.label);
      label.appendChild(el("span", "chart-figure", " · " + row.figures));
      var track = el("div", "chart-track");
      if (row.range) track.appendChild(bar("chart-range" + (row.guide ? " guide" : ""), row.range));
      if (row.box) track.appendChild(bar("chart-box", row.box));
      if (row.median !== null) {
        var mark = el("div", "chart-median");
        mark.style.left = row.median + "%";
        track.appendChild(mark);
      }
      line.appendChild(label);
      line.appendChild(track);
      box.appendChild(line);
    });
    var axis = el("div", "chart-axis");
    axis.appendChild(el("span", null, chart.low));
    axis.appendChild(el("span", null, chart.high));
    box.appendChild(axis);
    box.appendChild(el("div", "chart-legend", chart.legend));
    return box;
  }

  // sources shown at once, the rest behind a toggle (set by the server, as on the chat page)
  var SHOWN_SOURCES = Number(document.documentElement.getAttribute("data-shown-sources"));

  /* The first SHOWN_SOURCES items in `list`, the rest in a "N more" toggle after it. */
  function collapse(container, list, items, what) {
    items.slice(0, SHOWN_SOURCES).forEach(function (item) { list.appendChild(item); });
    container.appendChild(list);
    if (items.length <= SHOWN_SOURCES) return;
    var more = el("details", "more");
    more.appendChild(el("summary", null, (items.length - SHOWN_SOURCES) + " " + what));
    var rest = el(list.tagName.toLowerCase(), list.className);
    if (list.tagName === "OL") rest.start = SHOWN_SOURCES + 1;
    items.slice(SHOWN_SOURCES).forEach(function (item) { rest.appendChild(item); });
    more.appendChild(rest);
    container.appendChild(more);
  }

  /* The sources an answer is being made from, shown the moment the server finds them (the
     `sources` event: heading and the sentence that best matches), before the answer streams. */
  function renderReading(container, found) {
    if (!found.length) return;
    var box = el("div", "reading");
    box.appendChild(el("div", "sources-title", "Reading " + found.length + " source" + (found.length === 1 ? "" : "s")));
    collapse(box, el("ul", "chips"), found.map(function (h) {
      var chip = el("li", "chip");
      chip.appendChild(el("span", "heading", h.heading));
      chip.appendChild(el("span", "chip-quote", " " + h.quote));
      return chip;
    }), "more");
    container.appendChild(box);
  }

  function renderSources(container, sources, id) {
    var byNumber = {};
    if (!sources.length) return byNumber;
    container.appendChild(el("div", "sources-title", "Sources"));
    var items = sources.map(function (s) {
      var li = el("li", "source");
      li.id = id + "-src-" + s.n;
      var head = el("div", "source-head");
      head.appendChild(el("span", "n", "[" + s.n + "]"));
      head.appendChild(el("span", "heading", " " + s.heading));
      head.appendChild(el("span", "doc", " · " + s.origin));
      li.appendChild(head);
      li.appendChild(el("blockquote", "quote", s.quote));
      li.appendChild(s.link ? officialLink(s.link) : sectionDetails(s));
      byNumber[s.n] = li;
      return li;
    });
    collapse(container, el("ol", "sources"), items, "more sources");
    return byNumber;
  }

  function feedbackBar(question, answer) {
    var bar = el("div", "feedback");
    var up = el("button", "thumb", "Helpful");
    var down = el("button", "thumb", "Not helpful");
    up.type = down.type = "button";
    var formBox = el("form", "comment");
    formBox.hidden = true;
    var comment = el("input");
    comment.maxLength = 2000;
    comment.placeholder = "Add a comment (optional)";
    comment.setAttribute("aria-label", "Feedback comment");
    var submit = el("button", null, "Send feedback");
    submit.type = "submit";
    formBox.appendChild(comment);
    formBox.appendChild(submit);
    var rating = null;
    function choose(r) {
      rating = r;
      up.classList.toggle("chosen", r === "up");
      down.classList.toggle("chosen", r === "down");
      formBox.hidden = false;
      comment.focus();
    }
    up.addEventListener("click", function () { choose("up"); });
    down.addEventListener("click", function () { choose("down"); });
    formBox.addEventListener("submit", function (e) {
      e.preventDefault();
      var payload = {
        rating: rating, question: question, answer: answer.answer || "(empty)", comment: comment.value || null,
        section_ids: (answer.citations || []).map(function (c) { return c.section_id; }),
        refused: !!answer.refused, provider: answer.provider, model: answer.model, channel: "embed"
      };
      fetch("api/feedback", { method: "POST", headers: headers(), body: JSON.stringify(payload) })
        .then(function (r) {
          bar.textContent = "";
          bar.appendChild(el("span", "thanks", r.ok ? "Thanks for the feedback." : "Could not save the feedback."));
        });
    });
    bar.appendChild(up);
    bar.appendChild(down);
    bar.appendChild(formBox);
    return bar;
  }

  /* Read a text/event-stream body, calling onEvent(name, data) per event. */
  function readEvents(body, onEvent) {
    var reader = body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        var cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          var block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          var name = "message", data = "";
          block.split("\n").forEach(function (line) {
            if (line.indexOf("event:") === 0) name = line.slice(6).trim();
            else if (line.indexOf("data:") === 0) data += line.slice(5).trim();
          });
          onEvent(name, data ? JSON.parse(data) : null);
        }
        return pump();
      });
    }
    return pump();
  }

  function errorText(status, body, retryAfter) {
    var message = (body && body.error && body.error.message) || "The advisor could not answer (" + status + ").";
    if ((status === 429 || status === 503) && retryAfter) message += " (retry in " + retryAfter + " s)";
    return message;
  }

  function ask(question) {
    addMessage("user", question);
    var id = "a" + (++answerCount);
    var li = addMessage("bot pending");
    var badge = el("div", "badge", "Looking in the guides…");
    var text = el("div", "text");
    var extra = el("div", "extra");
    li.appendChild(badge);
    li.appendChild(text);
    li.appendChild(extra);
    var streamed = "";
    var turnHistory = history.slice(-2 * MAX_TURNS);

    function fail(message) {
      li.className = "msg bot error";
      badge.textContent = "Could not answer";
      text.textContent = message;
    }

    input.disabled = send.disabled = true;
    return fetch("api/chat/stream", {
      method: "POST", headers: headers(),
      body: JSON.stringify({ message: question, history: turnHistory })
    }).then(function (res) {
      if (!res.ok) {
        return res.json().catch(function () { return null; }).then(function (body) {
          fail(errorText(res.status, body, res.headers.get("Retry-After")));
        });
      }
      return readEvents(res.body, function (name, data) {
        if (name === "sources") {
          renderReading(extra, data);
          keepInView(li);
        } else if (name === "token") {
          streamed += data;
          text.textContent = streamed;
          keepInView(li);
        } else if (name === "done") {
          var view = data.view;
          extra.textContent = "";  // what was being read gives way to what the answer cites
          li.className = "msg bot " + view.badge.kind;
          badge.textContent = view.badge.text;
          var sources = renderSources(extra, view.sources, id);
          renderLines(text, view.lines, sources);
          if (view.chart) li.insertBefore(wageChart(view.chart), extra);  // under the text, above notice and sources
          if (view.notice) extra.insertBefore(el("p", "notice", view.notice), extra.firstChild);
          extra.appendChild(feedbackBar(question, data));
          footer.textContent = "Answers by " + data.provider + " · model " + data.model;
          history.push({ role: "user", content: question }, { role: "assistant", content: data.answer.slice(0, 2000) });
          keepInView(li);
        } else if (name === "error") {
          fail(data.message);
        }
      });
    }).catch(function () {
      fail("The advisor cannot be reached right now. Please try again.");
    }).then(function () {
      input.disabled = send.disabled = false;
      input.focus();
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value.trim();
    if (!q) return;
    input.value = "";
    ask(q);
  });

  addMessage("bot greeting", greeting);
  input.focus();
})();
