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
  var MARKER = /\[(\d+)\]/g;
  var MAX_TURNS = 6;

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

  function addMessage(role, text) {
    var li = el("li", "msg " + role);
    if (text) li.appendChild(el("p", null, text));
    log.appendChild(li);
    scrollDown();
    return li;
  }

  /* Answer text: "- " lines as a list, markers [n] as buttons that show source n. */
  function renderText(box, text, sources) {
    box.textContent = "";
    var list = null;
    text.split("\n").forEach(function (raw) {
      var line = raw.trim();
      if (!line) { list = null; return; }
      var item;
      if (line.indexOf("- ") === 0) {
        if (!list) { list = el("ul"); box.appendChild(list); }
        item = el("li");
        list.appendChild(item);
        line = line.slice(2);
      } else {
        list = null;
        item = el("p");
        box.appendChild(item);
      }
      var last = 0;
      line.replace(MARKER, function (match, n, offset) {
        item.appendChild(document.createTextNode(line.slice(last, offset)));
        var target = sources && sources[n];
        if (target) {
          var b = el("button", "marker", "[" + n + "]");
          b.type = "button";
          b.setAttribute("aria-label", "Show source " + n);
          b.addEventListener("click", function () { showSource(target); });
          item.appendChild(b);
        } else {
          item.appendChild(document.createTextNode(match));
        }
        last = offset + match.length;
        return match;
      });
      item.appendChild(document.createTextNode(line.slice(last)));
    });
  }

  function showSource(node) {
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

  // what an answer's sources are: the guides, official wage data, or both (as on the chat page)
  function origin(citations) {
    var official = citations.filter(function (c) { return c.kind === "wages"; }).length;
    if (!official) return "From the guides";
    return official === citations.length ? "From official wage data" : "From the guides and official wage data";
  }

  function officialLink(citation) {
    var link = el("a", "official", "BLS OEWS tables (series " + citation.wages.series + ")");
    link.href = citation.url;
    link.target = "_blank";
    link.rel = "noopener";
    return link;
  }

  var CHART_MEASURES = ["annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90"];

  function known(v) { return typeof v === "number" && isFinite(v); }

  function dollars(v) { return "$" + Math.round(v).toLocaleString("en-US"); }

  /* Rows for the wage chart: each occupation in the asked area, then nationally, then the guide
     bands it was set against. A suppressed or top-coded percentile (value null) is left off the
     bar and named in the row's label by its display text. */
  function chartRows(wages) {
    var rows = [];
    var national = wages.national || [];
    (wages.reports || []).forEach(function (report, i) {
      [report].concat(national[i] ? [national[i]] : []).forEach(function (r) {
        var values = {}, missing = [];
        CHART_MEASURES.forEach(function (m) {
          var v = (r.values || {})[m];
          if (!v) return;
          values[m] = known(v.value) ? v.value : null;
          if (values[m] === null && v.display && missing.indexOf(v.display) < 0) missing.push(v.display);
        });
        var where = r.area.kind === "national" ? "U.S." : r.area.name;
        rows.push({ label: r.occupation.title + " · " + where, values: values, note: missing.join("; "), guide: false });
      });
    });
    (wages.guide_bands || []).forEach(function (band) {
      rows.push({ label: "Guide: " + band.label + " band", guide: true,
                  values: { annual_p10: band.low, annual_p90: known(band.high) ? band.high : band.low },
                  note: known(band.high) ? "" : "open-ended above" });
    });
    return rows;
  }

  /* Percentile wages as range bars on one shared scale (the chat page's wage_chart_html, built
     with DOM APIs): line 10th–90th percentile, box 25th–75th, mark at the median. */
  function wageChart(wages) {
    var rows = chartRows(wages);
    var figures = [];
    rows.forEach(function (row) {
      CHART_MEASURES.forEach(function (m) { if (known(row.values[m])) figures.push(row.values[m]); });
    });
    if (!figures.length) return null;
    var low = Math.min.apply(null, figures), high = Math.max.apply(null, figures);
    var span = (high - low) || 1;
    function pos(v) { return Math.round((4 + 92 * (v - low) / span) * 100) / 100; }
    function bar(className, from, to) {
      var node = el("div", className);
      node.style.left = pos(from) + "%";
      node.style.width = Math.max(pos(to) - pos(from), 0.8) + "%";
      return node;
    }

    var source = (wages.citation && wages.citation.title) || "official wage data";
    var chart = el("div", "wage-chart");
    chart.setAttribute("role", "img");
    chart.setAttribute("aria-label", "Annual wage percentiles, " + source);
    chart.appendChild(el("div", "chart-title", "Annual wages · " + source));
    rows.forEach(function (row) {
      var v = row.values;
      var figuresKnown = CHART_MEASURES.filter(function (m) { return known(v[m]); }).map(function (m) { return v[m]; });
      var line = el("div", "chart-row");
      var label = el("div", "chart-label", row.label);
      var text = known(v.annual_median) ? "median " + dollars(v.annual_median)
        : figuresKnown.map(dollars).filter(function (d, i, all) { return all.indexOf(d) === i; }).join(" to ");
      label.appendChild(el("span", "chart-figure", " · " + text + (row.note ? " · " + row.note : "")));
      var track = el("div", "chart-track");
      if (figuresKnown.length) {
        track.appendChild(bar("chart-range" + (row.guide ? " guide" : ""),
                              Math.min.apply(null, figuresKnown), Math.max.apply(null, figuresKnown)));
      }
      if (known(v.annual_p25) && known(v.annual_p75)) track.appendChild(bar("chart-box", v.annual_p25, v.annual_p75));
      if (known(v.annual_median)) {
        var mark = el("div", "chart-median");
        mark.style.left = pos(v.annual_median) + "%";
        track.appendChild(mark);
      }
      line.appendChild(label);
      line.appendChild(track);
      chart.appendChild(line);
    });
    var axis = el("div", "chart-axis");
    axis.appendChild(el("span", null, dollars(low)));
    axis.appendChild(el("span", null, dollars(high)));
    chart.appendChild(axis);
    chart.appendChild(el("div", "chart-legend", "line: 10th–90th percentile · box: 25th–75th · mark: median"));
    return chart;
  }

  function renderSources(container, citations, id) {
    var byNumber = {};
    if (!citations.length) return byNumber;
    container.appendChild(el("div", "sources-title", "Sources"));
    var ol = el("ol", "sources");
    citations.forEach(function (c) {
      var li = el("li", "source");
      li.id = id + "-src-" + c.n;
      var head = el("div", "source-head");
      head.appendChild(el("span", "n", "[" + c.n + "]"));
      head.appendChild(el("span", "heading", " " + c.heading_path));
      head.appendChild(el("span", "doc", " · " + c.title));
      li.appendChild(head);
      li.appendChild(el("blockquote", "quote", c.quote));
      li.appendChild(c.kind === "wages" ? officialLink(c) : sectionDetails(c));
      ol.appendChild(li);
      byNumber[c.n] = li;
    });
    container.appendChild(ol);
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
        if (name === "token") {
          streamed += data;
          text.textContent = streamed;
          scrollDown();
        } else if (name === "done") {
          li.className = "msg bot " + (data.refused ? "refused" : "cited");
          var n = data.citations.length;
          badge.textContent = data.refused ? "Not in my guides" : !n ? "A question back"
            : origin(data.citations) + " · " + n + " source" + (n === 1 ? "" : "s");
          var sources = renderSources(extra, data.citations, id);
          renderText(text, data.answer, sources);
          var chart = data.wages && !data.refused ? wageChart(data.wages) : null;
          if (chart) li.insertBefore(chart, extra);  // under the text, above the notice and sources
          if (data.notice) extra.insertBefore(el("p", "notice", data.notice), extra.firstChild);
          extra.appendChild(feedbackBar(question, data));
          footer.textContent = "Answers by " + data.provider + " · model " + data.model;
          history.push({ role: "user", content: question }, { role: "assistant", content: data.answer.slice(0, 2000) });
          scrollDown();
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
