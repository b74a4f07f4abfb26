(function () {
  "use strict";
  // The results (one array per URL, fields named by data.columns, times in microseconds),
  // drawn on canvases: only the rows in view are painted, so 10,000 results open at once.
  // Every text from a result reaches the page through fillText or textContent, never as HTML.
  var data = JSON.parse(document.getElementById("data").textContent);
  var col = {};
  data.columns.forEach(function (c, i) { col[c] = i; });
  var rows = data.rows;
  var n = rows.length;
  var PHASES = [
    ["queue", "queued", "#c3c8d1"],
    ["dns", "DNS", "#2a9d8f"],
    ["connect", "connect", "#f4a261"],
    ["tls", "TLS", "#9b5de5"],
    ["ttfb", "waiting (TTFB)", "#3a86ff"],
    ["download", "download", "#06d6a0"]
  ];
  var BAD = "#d62828";
  var ROW = 18, AXIS = 24, LABEL = 360;
  var MONO = "12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";

  // Per row: the six segments [start, length] on the run's clock (microseconds).
  var seg = new Float64Array(n * 7); // queueStart, queue, dns, connect, tls, ttfb, download
  var end = new Float64Array(n);
  var maxT = Math.max(1, data.wall_us);
  for (var i = 0; i < n; i++) {
    var r = rows[i], s = r[col.start_us], q = r[col.queue_us];
    var d = r[col.dns_us], c = r[col.connect_us], t = r[col.tls_us], f = r[col.ttfb_us], total = r[col.total_us];
    var o = i * 7;
    seg[o] = Math.max(0, s - q); seg[o + 1] = s - seg[o];
    seg[o + 2] = d; seg[o + 3] = c; seg[o + 4] = t; seg[o + 5] = f;
    var rest = Math.max(0, total - d - c - t - f); // the body (and any retry's wait)
    if (f === 0 && r[col.status] == null) { seg[o + 5] = rest; rest = 0; } // no first byte came: all waiting
    seg[o + 6] = rest;
    end[i] = s + total;
    if (end[i] > maxT) maxT = end[i];
  }
  var ok = function (i) { return rows[i][col.ok] === 1; };

  var order = new Int32Array(n);
  function sortBy(kind) {
    for (var i = 0; i < n; i++) order[i] = i;
    var a = Array.prototype.slice.call(order);
    if (kind === "start") a.sort(function (x, y) { return rows[x][col.start_us] - rows[y][col.start_us] || x - y; });
    if (kind === "slow") a.sort(function (x, y) { return rows[y][col.total_us] - rows[x][col.total_us] || x - y; });
    if (kind === "failed") a.sort(function (x, y) { return (ok(x) ? 1 : 0) - (ok(y) ? 1 : 0) || x - y; });
    order.set(a);
  }
  sortBy("input");

  function fmt(us) {
    if (us >= 1e6) return (us / 1e6).toFixed(2) + " s";
    if (us >= 1e4) return (us / 1e3).toFixed(0) + " ms";
    return (us / 1e3).toFixed(1) + " ms";
  }
  function size(b) {
    if (b < 1024) return b + " B";
    var u = ["KiB", "MiB", "GiB", "TiB"], v = b / 1024, k = 0;
    while (v >= 1024 && k < u.length - 1) { v /= 1024; k++; }
    return v.toFixed(1) + " " + u[k];
  }
  function niceStep(range, ticks) {
    var raw = range / ticks, p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  }
  function fit(canvas, cssHeight) {
    var dpr = window.devicePixelRatio || 1, w = canvas.clientWidth;
    canvas.width = Math.round(w * dpr); canvas.height = Math.round(cssHeight * dpr);
    canvas.style.height = cssHeight + "px";
    var g = canvas.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    return { g: g, w: w, h: cssHeight };
  }

  // Legend
  var legend = document.getElementById("legend");
  PHASES.forEach(function (p) {
    var s = document.createElement("span"), sw = document.createElement("i");
    sw.style.background = p[2]; s.appendChild(sw); s.appendChild(document.createTextNode(p[1])); legend.appendChild(s);
  });
  (function () {
    var s = document.createElement("span"), sw = document.createElement("i");
    sw.className = "fail"; s.appendChild(sw); s.appendChild(document.createTextNode("failed")); legend.appendChild(s);
  })();

  // The waterfall: a sticky canvas over a spacer as tall as every row.
  var scroll = document.getElementById("wf-scroll"), wf = document.getElementById("wf");
  var spacer = document.getElementById("wf-spacer");
  var viewH = Math.min(520, AXIS + n * ROW + 2);
  scroll.style.height = viewH + "px";
  spacer.style.height = Math.max(0, AXIS + n * ROW - viewH) + "px";
  var hover = -1, pinned = -1;
  var W;

  function xOf(us, x0, span) { return x0 + us / maxT * span; }

  function drawWaterfall() {
    W = fit(wf, viewH);
    var g = W.g, x0 = LABEL + 8, span = W.w - x0 - 12, top = scroll.scrollTop;
    g.clearRect(0, 0, W.w, W.h);
    var first = Math.max(0, Math.floor(top / ROW)), last = Math.min(n, Math.ceil((top + viewH - AXIS) / ROW) + 1);
    var step = niceStep(maxT, Math.max(2, Math.floor(span / 110)));
    g.font = MONO; g.textBaseline = "middle";
    for (var k = first; k < last; k++) {
      var i = order[k], y = AXIS + k * ROW - top, o = i * 7, r = rows[i];
      if (y + ROW < AXIS) continue;
      if (k === hover || k === pinned) { g.fillStyle = "#fff4d6"; g.fillRect(0, y, W.w, ROW); }
      else if (k % 2) { g.fillStyle = "#f7f8fa"; g.fillRect(0, y, W.w, ROW); }
      var failed = !ok(i);
      var status = r[col.status] == null ? "---" : String(r[col.status]);
      g.fillStyle = failed ? BAD : "#5b6475";
      g.fillText(status, 6, y + ROW / 2);
      var url = r[col.url].replace(/^https?:\/\//, "");
      var room = Math.floor((LABEL - 40) / g.measureText("m").width);
      if (url.length > room) url = url.slice(0, room - 1) + "\u2026";
      g.fillStyle = failed ? BAD : "#1d2330";
      g.fillText(url, 38, y + ROW / 2);
      var x = xOf(seg[o], x0, span);
      for (var p = 0; p < 6; p++) {
        var len = seg[o + 1 + p] / maxT * span;
        if (len <= 0) continue;
        g.fillStyle = PHASES[p][2];
        g.fillRect(x, y + 4, Math.max(len, 0.75), ROW - 8);
        x += len;
      }
      if (failed) {
        var bx = xOf(rows[i][col.start_us], x0, span);
        g.strokeStyle = BAD; g.lineWidth = 1.5;
        g.strokeRect(bx - 1, y + 3, Math.max(2, x - bx) + 2, ROW - 6);
        g.fillStyle = BAD; g.beginPath(); g.arc(x + 7, y + ROW / 2, 3.5, 0, 7); g.fill();
      }
    }
    // the axis, over the rows
    g.fillStyle = "#fff"; g.fillRect(0, 0, W.w, AXIS);
    g.strokeStyle = "#dde1e8"; g.lineWidth = 1; g.fillStyle = "#5b6475"; g.font = "11px system-ui, sans-serif";
    g.textBaseline = "middle";
    g.fillText(n + (n === 1 ? " request" : " requests"), 6, AXIS / 2);
    for (var t = 0; t <= maxT; t += step) {
      var tx = Math.round(xOf(t, x0, span)) + 0.5;
      g.beginPath(); g.moveTo(tx, AXIS - 6); g.lineTo(tx, W.h); g.stroke();
      g.fillText(fmt(t), tx + 3, AXIS / 2);
    }
    g.beginPath(); g.moveTo(0, AXIS - 0.5); g.lineTo(W.w, AXIS - 0.5); g.moveTo(LABEL + 0.5, 0); g.lineTo(LABEL + 0.5, W.h);
    g.stroke();
    drawViewport();
  }

  // The overview: every request as a thin line, the rows in view framed; click to jump.
  var ov = document.getElementById("overview"), ovImage = null, OVH = 90;
  function drawOverview() {
    var V = fit(ov, OVH), g = V.g, x0 = LABEL + 8, span = V.w - x0 - 12, h = Math.max(1, OVH / n);
    g.fillStyle = "#fff"; g.fillRect(0, 0, V.w, OVH);
    g.fillStyle = "#5b6475"; g.font = "11px system-ui, sans-serif"; g.textBaseline = "top";
    g.fillText("all " + n + " requests on the run's time axis", 6, 6);
    g.fillText("grey: queued, blue: fetching,", 6, 22);
    g.fillText("red: failed", 6, 38);
    // in three passes, so that with more rows than pixels the fetches cover the queue and the failures cover both
    for (var pass = 0; pass < 3; pass++) {
      g.fillStyle = pass === 0 ? "#dfe3ea" : pass === 1 ? "#3a86ff" : BAD;
      for (var k = 0; k < n; k++) {
        var i = order[k], o = i * 7, y = k / n * OVH;
        if (pass === 0) g.fillRect(xOf(seg[o], x0, span), y, seg[o + 1] / maxT * span, h);
        else if ((pass === 2) !== ok(i)) {
          g.fillRect(xOf(rows[i][col.start_us], x0, span), y, Math.max(pass === 2 ? 3 : 1, rows[i][col.total_us] / maxT * span), Math.max(h, pass === 2 ? 2 : 1));
        }
      }
    }
    ovImage = g.getImageData(0, 0, ov.width, ov.height);
    drawViewport();
  }
  function drawViewport() {
    if (!ovImage) return;
    var g = ov.getContext("2d");
    g.putImageData(ovImage, 0, 0);
    var first = scroll.scrollTop / ROW, shown = (viewH - AXIS) / ROW;
    g.strokeStyle = "#1d2330"; g.lineWidth = 1;
    g.strokeRect(LABEL + 4.5, first / n * OVH + 0.5, ov.clientWidth - LABEL - 9, Math.max(2, shown / n * OVH) - 1);
  }
  ov.addEventListener("click", function (e) {
    var b = ov.getBoundingClientRect(), k = Math.floor((e.clientY - b.top) / OVH * n);
    scroll.scrollTop = Math.max(0, k * ROW - (viewH - AXIS) / 2);
  });

  // Hover and click: the row under the pointer, explained in the tooltip.
  var tip = document.getElementById("tip");
  function line(parent, cls, text) {
    var d = document.createElement("div"); if (cls) d.className = cls; d.textContent = text; parent.appendChild(d); return d;
  }
  function showTip(i, cx, cy) {
    var r = rows[i];
    tip.textContent = "";
    line(tip, "url", "#" + r[col.index] + " " + r[col.url]);
    var st = r[col.status] == null ? "no status" : "status " + r[col.status];
    line(tip, null, st + " \u00b7 " + size(r[col.bytes]) + " \u00b7 " + (ok(i) ? "ok" : "FAILED")
      + (r[col.attempts] > 1 ? " \u00b7 " + r[col.attempts] + " attempts" : "")
      + (r[col.redirects] ? " \u00b7 " + r[col.redirects] + " redirects" : "")
      + (r[col.reused] ? " \u00b7 reused connection" : ""));
    if (!ok(i)) line(tip, "err", r[col.kind] + ": " + r[col.message]);
    var tb = document.createElement("table"), o = i * 7;
    function tr(sw, name, us) {
      var row = tb.insertRow(), a = row.insertCell(), b = row.insertCell();
      if (sw) { var k = document.createElement("i"); k.style.background = sw; a.appendChild(k); }
      a.appendChild(document.createTextNode(name)); b.className = "n"; b.textContent = fmt(us);
    }
    tr(null, "started at", r[col.start_us]);
    for (var p = 0; p < 6; p++) tr(PHASES[p][2], PHASES[p][1], seg[o + 1 + p]);
    tr(null, "total", r[col.total_us]);
    tip.appendChild(tb);
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.max(4, Math.min(cx + 14, window.innerWidth - w - 8)) + "px";
    tip.style.top = Math.max(4, cy + 14 + h > window.innerHeight ? cy - h - 10 : cy + 14) + "px";
  }
  function rowAt(e) {
    var b = wf.getBoundingClientRect(), y = e.clientY - b.top;
    if (y < AXIS) return -1;
    var k = Math.floor((y - AXIS + scroll.scrollTop) / ROW);
    return k >= 0 && k < n ? k : -1;
  }
  wf.addEventListener("mousemove", function (e) {
    if (pinned >= 0) return;
    var k = rowAt(e);
    if (k !== hover) { hover = k; drawWaterfall(); }
    if (k < 0) tip.hidden = true; else showTip(order[k], e.clientX, e.clientY);
  });
  wf.addEventListener("mouseleave", function () {
    if (pinned >= 0) return;
    hover = -1; tip.hidden = true; drawWaterfall();
  });
  wf.addEventListener("click", function (e) {
    var k = rowAt(e);
    if (pinned >= 0 || k < 0) { pinned = -1; tip.classList.remove("pinned"); tip.hidden = true; hover = k; }
    else { pinned = k; tip.classList.add("pinned"); showTip(order[k], e.clientX, e.clientY); }
    drawWaterfall();
  });
  function pin(index, cx, cy) {
    var k = -1;
    for (var j = 0; j < n; j++) if (rows[order[j]][col.index] === index) { k = j; break; }
    if (k < 0) return;
    scroll.scrollTop = Math.max(0, k * ROW - (viewH - AXIS) / 2);
    if (cx !== undefined) scroll.scrollIntoView({ block: "nearest" }); // from the failure list: bring it into view
    pinned = k; tip.classList.add("pinned"); drawWaterfall();
    if (cx === undefined) {
      var b = wf.getBoundingClientRect();
      cx = b.left + LABEL + 40; cy = b.top + AXIS + k * ROW - scroll.scrollTop + ROW;
    }
    showTip(order[k], cx, cy);
  }
  document.querySelectorAll("#failures li[data-row]").forEach(function (li) {
    li.addEventListener("click", function (e) { pin(Number(li.getAttribute("data-row")), e.clientX, e.clientY); });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && pinned >= 0) { pinned = -1; tip.classList.remove("pinned"); tip.hidden = true; drawWaterfall(); }
  });
  var queued = false;
  scroll.addEventListener("scroll", function () {
    if (pinned < 0) tip.hidden = true;
    if (!queued) { queued = true; requestAnimationFrame(function () { queued = false; drawWaterfall(); }); }
  });
  document.getElementById("order").addEventListener("change", function (e) {
    sortBy(e.target.value); pinned = -1; hover = -1; tip.hidden = true; tip.classList.remove("pinned");
    scroll.scrollTop = 0; drawOverview(); drawWaterfall();
  });

  // The latency histogram: per-URL total times of the URLs that were tried, ok and failed
  // stacked; on a log scale when they span more than 20x (latency has a long tail).
  var hist = document.getElementById("hist"), HH = 230, BINS = 60;
  function drawHistogram() {
    var V = fit(hist, HH), g = V.g, lat = [];
    for (var i = 0; i < n; i++) if (rows[i][col.attempts] > 0) lat.push(rows[i][col.total_us]);
    var sorted = lat.sort(function (a, b) { return a - b; });
    g.fillStyle = "#5b6475"; g.font = "11px system-ui, sans-serif"; g.textBaseline = "top";
    if (!sorted.length) { g.fillText("no request was sent", 8, 8); return; }
    var pct = function (p) { return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1))]; };
    var lo = Math.max(10, sorted[0]), hi = Math.max(lo * 1.01, sorted[sorted.length - 1]);
    var log = hi / lo > 20;
    if (!log) lo = 0;
    var pos = log ? function (v) { return (Math.log(Math.max(v, lo)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)); }
      : function (v) { return v / hi; };
    var okc = new Int32Array(BINS), badc = new Int32Array(BINS);
    for (var j = 0; j < n; j++) {
      if (rows[j][col.attempts] <= 0) continue;
      var b = Math.max(0, Math.min(BINS - 1, Math.floor(pos(rows[j][col.total_us]) * BINS)));
      if (ok(j)) okc[b]++; else badc[b]++;
    }
    var top = 0;
    for (var k = 0; k < BINS; k++) top = Math.max(top, okc[k] + badc[k]);
    var x0 = 48, y0 = 40, w = V.w - x0 - 16, h = HH - y0 - 30, bw = w / BINS;
    g.strokeStyle = "#dde1e8"; g.beginPath();
    g.moveTo(x0, y0 + h + 0.5); g.lineTo(x0 + w, y0 + h + 0.5); g.stroke();
    g.textAlign = "right"; g.fillText(String(top), x0 - 6, y0 - 4); g.fillText("0", x0 - 6, y0 + h - 6);
    g.textAlign = "left";
    g.fillText("URLs per bin; " + (log ? "log" : "linear") + " time axis; blue ok, red failed", x0, 4);
    for (var m = 0; m < BINS; m++) {
      var c1 = okc[m], c2 = badc[m];
      var ho = c1 ? Math.max(2, c1 / top * h) : 0, hb = c2 ? Math.max(2, c2 / top * h) : 0;
      g.fillStyle = "#3a86ff"; g.fillRect(x0 + m * bw + 1, y0 + h - ho, Math.max(1, bw - 2), ho);
      g.fillStyle = BAD; g.fillRect(x0 + m * bw + 1, y0 + h - ho - hb, Math.max(1, bw - 2), hb);
    }
    g.fillStyle = "#5b6475";
    var ticks = [];
    if (log) {
      for (var e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
        [1, 2, 5].forEach(function (f) { var v = f * Math.pow(10, e); if (v >= lo && v <= hi) ticks.push(v); });
      }
    } else {
      var step = niceStep(hi, Math.max(2, Math.floor(w / 90)));
      for (var t = 0; t <= hi; t += step) ticks.push(t);
    }
    var lastX = -1e9;
    ticks.forEach(function (v) {
      var x = x0 + pos(v) * w;
      g.fillRect(Math.round(x), y0 + h, 1, 4);
      var label = fmt(v), lw = g.measureText(label).width;
      if (x - lw / 2 > lastX + 6) { g.fillText(label, x - lw / 2, y0 + h + 7); lastX = x + lw / 2; }
    });
    var lastLabel = -1e9;
    [[50, "p50"], [90, "p90"], [99, "p99"]].forEach(function (q, qi) {
      var v = pct(q[0]), x = Math.round(x0 + pos(v) * w) + 0.5;
      g.strokeStyle = "#1d2330"; g.setLineDash([3, 3]); g.beginPath(); g.moveTo(x, y0 - 14); g.lineTo(x, y0 + h); g.stroke();
      g.setLineDash([]);
      var label = q[1] + " " + fmt(v), lw = g.measureText(label).width + 6;
      var lx = Math.max(x + 3, lastLabel + 4);
      g.fillStyle = "rgba(255,255,255,.9)"; g.fillRect(lx, y0 - 20, lw, 14);
      g.fillStyle = "#1d2330"; g.fillText(label, lx + 3, y0 - 18);
      lastLabel = lx + lw;
    });
  }

  function drawAll() { drawOverview(); drawWaterfall(); drawHistogram(); }
  var resizing = false;
  window.addEventListener("resize", function () {
    if (!resizing) { resizing = true; requestAnimationFrame(function () { resizing = false; drawAll(); }); }
  });
  drawAll();
  var linked = /^#row=(\d+)$/.exec(location.hash); // a link to one request: report.html#row=INDEX
  if (linked) pin(Number(linked[1]));
})();
