// The HTML page's fixed part: its style and its script, inline, so the page needs nothing
// but itself (no network, no font, no library). The script reads the data the C++ side
// put at the marker (HtmlPage.cpp timeline_json) and draws it on a canvas.
#include "trace/HtmlPage.h"

namespace kctx::trace {

std::string_view html_template()
{
	return R"kctxhtml(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>kctx timeline</title>
<style>
* { box-sizing: border-box; }
body { margin: 0; display: flex; height: 100vh; font: 12px/1.35 monospace; color: #222; background: #fff; }
#timeline { flex: 1; display: flex; flex-direction: column; min-width: 0; }
header { padding: 6px 8px; border-bottom: 1px solid #ccc; background: #f6f6f6; }
header h1 { font-size: 14px; margin: 0 0 3px 0; }
#summary { color: #555; }
#legend span { display: inline-block; margin-right: 10px; }
#legend i { display: inline-block; width: 10px; height: 10px; margin-right: 3px; vertical-align: -1px; }
header button { font: inherit; margin-right: 4px; }
#note { color: #a0522d; }
#plot { flex: 1; overflow: auto; position: relative; }
#canvas { display: block; cursor: grab; }
#labels, #markers { position: absolute; top: 0; left: 0; }
#markers { pointer-events: none; }
.lane-label { position: absolute; left: 0; width: 150px; padding-left: 4px; overflow: hidden; white-space: nowrap;
  text-overflow: ellipsis; color: #333; }
.cpu-lane { font-weight: bold; }
.report-marker { position: absolute; width: 12px; height: 12px; padding: 0; border: 0; cursor: pointer;
  pointer-events: auto; background: none; }
.report-marker::before { content: ""; position: absolute; left: 0; top: 0; border-left: 6px solid transparent;
  border-right: 6px solid transparent; border-top: 12px solid #d50000; }
.report-marker[data-kind="WARNING"]::before { border-top-color: #ff6d00; }
.report-marker[data-kind="lockup"]::before { border-top-color: #6a1b9a; }
.report-marker.selected::before { border-top-color: #000; }
#tip { position: fixed; display: none; background: #ffffe0; border: 1px solid #999; padding: 2px 5px;
  pointer-events: none; white-space: pre; z-index: 2; }
#console-panel { width: 40%; max-width: 900px; border-left: 1px solid #ccc; display: flex; flex-direction: column; }
#reports { padding: 4px 6px; border-bottom: 1px solid #ccc; max-height: 30%; overflow: auto; background: #f6f6f6; }
#reports button { display: block; font: inherit; text-align: left; border: 0; background: none; cursor: pointer;
  padding: 1px 2px; width: 100%; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#reports button:hover, .line:hover { background: #e8f0fe; }
#console { flex: 1; overflow: auto; padding: 4px 6px; white-space: pre; }
.line { cursor: pointer; min-height: 1.35em; }
.line.hl { background: #ffe0e0; }
.line.cur { outline: 1px solid #1565c0; }
</style>
</head>
<body>
<div id="timeline">
<header>
<h1 id="title"></h1>
<div id="summary"></div>
<div id="legend"></div>
<div><button id="fit">fit</button><button id="zin">zoom in</button><button id="zout">zoom out</button>
<span>wheel: zoom · drag: pan · click a marker or a console line</span> <span id="note"></span></div>
</header>
<div id="plot"><canvas id="canvas"></canvas><div id="labels"></div><div id="markers"></div></div>
</div>
<div id="console-panel"><div id="reports"></div><div id="console"></div></div>
<div id="tip"></div>
<script type="application/json" id="kctx-data">/*KCTX_DATA*/</script>
<script>
"use strict";
window.addEventListener("error", e => { document.body.dataset.error = String(e.message); });
(function () {
const D = JSON.parse(document.getElementById("kctx-data").textContent);
const KIND_COLOURS = { idle: "#d9d9d9", user: "#43a047", kernel: "#1e88e5", softirq: "#fb8c00",
  hardirq: "#e53935", spinning: "#8e24aa" };
const STATE_COLOURS = { running: "#43a047", runnable: "#c5e1a5", S: "#b0bec5", D: "#ff7043", T: "#ab47bc" };
const LABEL_W = 150, AXIS_H = 22;
const $ = id => document.getElementById(id);

// A lane's flat [dstart, length, value, label] quadruples as arrays to search.
function lane(flat) {
  const n = flat.length / 4, s = new Float64Array(n), e = new Float64Array(n);
  const v = new Int32Array(n), l = new Int32Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += flat[4 * i]; s[i] = t; e[i] = t + flat[4 * i + 1]; v[i] = flat[4 * i + 2]; l[i] = flat[4 * i + 3];
  }
  return { n, s, e, v, l };
}
// The first segment that ends after t.
function first(L, t) {
  let lo = 0, hi = L.n;
  while (lo < hi) { const m = (lo + hi) >> 1; if (L.e[m] <= t) lo = m + 1; else hi = m; }
  return lo;
}
const hex = v => "0x" + v.toString(16);
const fmtT = t => (t / 1e9).toFixed(9).replace(/(\.\d{6})\d*$/, "$1") + " s";
function fmtDur(d) {
  if (d < 1e3) return d + " ns";
  if (d < 1e6) return (d / 1e3).toFixed(1) + " µs";
  if (d < 1e9) return (d / 1e6).toFixed(2) + " ms";
  return (d / 1e9).toFixed(3) + " s";
}

// ---- rows ----
const rows = [];
let y = AXIS_H;
function row(r, h) { r.y = y; r.h = h; y += h; rows.push(r); return r; }
D.cpus.forEach((c, cpu) => {
  row({ type: "head", cpu, text: "CPU " + cpu, cls: "cpu-lane" }, 16);
  c.bands.forEach((b, d) => row({ type: "band", cpu, lane: lane(b),
    text: d === 0 ? "  task" : "  " + "› ".repeat(d) + "nested" }, 16));
  row({ type: "preempt", cpu, lane: lane(c.preempt), text: "  preempt_count" }, 16);
  row({ type: "irqs", cpu, lane: lane(c.irqsoff), text: "  irqs off" }, 9);
  y += 6;
});
row({ type: "tasks", text: "Tasks", cls: "tasks-head" }, 16);
D.tasks.forEach(t => row({ type: "task", lane: lane(t.states), text: "  " + t.name, cls: "task-lane" }, 12));
const HEIGHT = y + 4;

const labels = $("labels");
for (const r of rows) {
  const div = document.createElement("div");
  div.className = "lane-label" + (r.cls ? " " + r.cls : "");
  if (r.type === "head") div.dataset.cpu = r.cpu;
  div.style.top = r.y + "px";
  div.style.height = r.h + "px";
  div.style.fontSize = r.h < 12 ? "9px" : "";
  div.textContent = r.text;
  labels.appendChild(div);
}

// ---- view ----
const canvas = $("canvas"), ctx = canvas.getContext("2d"), plot = $("plot");
const span0 = Math.max(1, D.end - D.start);
let t0 = D.start, t1 = D.start + span0, cursor = null, width = 0;
const plotW = () => Math.max(10, width - LABEL_W);
const X = t => LABEL_W + (t - t0) * plotW() / (t1 - t0);
const T = x => t0 + (x - LABEL_W) * (t1 - t0) / plotW();
function setView(a, b) {
  const min = 50, span = Math.min(Math.max(b - a, min), span0 * 1.05);
  const mid = (a + b) / 2;
  // A little margin on either side of the run, never more.
  t0 = Math.max(D.start - span * 0.025, mid - span / 2);
  t1 = t0 + span;
  if (t1 > D.end + span * 0.025) { t1 = D.end + span * 0.025; t0 = t1 - span; }
  draw();
}

function bandText(r, i) {
  const kind = D.kinds[r.lane.v[i]], l = r.lane.l[i];
  return l < 0 ? kind + " (" + -l + " merged)" : D.strings[l] || kind;
}
function segText(r, i) {
  const L = r.lane, l = L.l[i];
  if (r.type === "band") return bandText(r, i);
  if (r.type === "preempt") return "preempt_count " + hex(L.v[i]);
  if (r.type === "irqs") return "irqs disabled";
  const st = D.states[L.v[i]];
  return l < 0 ? st + " (" + -l + " merged)" : st + (l > 0 ? " on " + D.strings[l] : "");
}
function colour(r, i) {
  const v = r.lane.v[i];
  if (r.type === "band") return KIND_COLOURS[D.kinds[v]] || "#999";
  if (r.type === "preempt") return v & 0xf0000 ? "#e53935" : v & 0xff00 ? "#fb8c00" : "#1e88e5";
  if (r.type === "irqs") return "#c62828";
  return STATE_COLOURS[D.states[v]] || "#999";
}

// Segments narrower than a pixel add up their time in it: the pixel is drawn as pale as
// the share of its time they cover, so 1 µs ticks every 4 ms do not paint a lane solid.
function drawLane(r) {
  const L = r.lane, top = r.y + 1, h = r.h - 2, nsPerPx = (t1 - t0) / plotW();
  let px = -1, covered = 0, fill = "";
  const flush = () => {
    if (px < 0 || covered <= 0) return;
    ctx.globalAlpha = Math.min(1, Math.max(0.25, covered / nsPerPx));
    ctx.fillStyle = fill; ctx.fillRect(px, top, 1, h);
  };
  for (let i = first(L, t0); i < L.n && L.s[i] < t1; i++) {
    const x0 = Math.max(LABEL_W, X(L.s[i])), x1 = Math.min(width, X(L.e[i]));
    if (x1 - x0 < 1) {
      const p = Math.floor(x0);
      if (p !== px) { flush(); px = p; covered = 0; fill = colour(r, i); }
      covered += Math.min(L.e[i], t1) - Math.max(L.s[i], t0);
      continue;
    }
    flush(); px = -1;
    ctx.fillStyle = colour(r, i);
    ctx.globalAlpha = L.l[i] < 0 ? 0.55 : 1;
    ctx.fillRect(x0, top, x1 - x0, h);
    if (x1 - x0 > 30 && h >= 10) {
      ctx.globalAlpha = 1;
      ctx.fillStyle = r.type === "task" && D.states[L.v[i]] !== "running" ? "#333" : "#fff";
      const text = r.type === "preempt" ? hex(L.v[i]) : r.type === "task" ? segText(r, i) : bandText(r, i);
      ctx.save(); ctx.beginPath(); ctx.rect(x0, top, x1 - x0 - 2, h); ctx.clip();
      ctx.fillText(text, x0 + 3, top + h - 3);
      ctx.restore();
    }
  }
  flush();
  ctx.globalAlpha = 1;
}

function drawAxis() {
  const span = t1 - t0, target = span * 110 / plotW();
  let step = Math.pow(10, Math.floor(Math.log10(target)));
  if (step * 2 >= target) step *= 2; else if (step * 5 >= target) step *= 5; else step *= 10;
  const digits = Math.min(9, Math.max(0, 9 - Math.floor(Math.log10(step))));
  ctx.fillStyle = "#555"; ctx.strokeStyle = "#ddd";
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
    const x = Math.round(X(t)) + 0.5;
    ctx.beginPath(); ctx.moveTo(x, AXIS_H - 6); ctx.lineTo(x, HEIGHT); ctx.stroke();
    ctx.fillText((t / 1e9).toFixed(Math.min(digits, 9)), x + 2, 12);
  }
}

const markers = [];
function draw() {
  width = plot.clientWidth;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = width * dpr; canvas.height = HEIGHT * dpr;
  canvas.style.width = width + "px"; canvas.style.height = HEIGHT + "px";
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = "10px monospace";
  ctx.clearRect(0, 0, width, HEIGHT);
  drawAxis();
  for (const r of rows) {
    if (r.type === "head") { ctx.fillStyle = "#f0f0f0"; ctx.fillRect(LABEL_W, r.y, width, r.h); }
    if (r.lane) drawLane(r);
  }
  if (cursor) {
    const x = Math.round(X(cursor.ts)) + 0.5;
    ctx.strokeStyle = "#1565c0"; ctx.beginPath(); ctx.moveTo(x, AXIS_H); ctx.lineTo(x, HEIGHT); ctx.stroke();
  }
  ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, LABEL_W, HEIGHT);
  for (const m of markers) {
    const x = X(m.r[0]);
    m.el.style.display = x < LABEL_W - 6 || x > width + 6 ? "none" : "";
    m.el.style.left = (x - 6) + "px";
  }
}

// ---- reports and the console ----
const consoleEl = $("console"), lineEls = [];
D.console.forEach((text, i) => {
  const div = document.createElement("div");
  div.className = "line"; div.dataset.i = i; div.textContent = text;
  consoleEl.appendChild(div); lineEls.push(div);
});
if (D.consoleTruncated) {
  const div = document.createElement("div");
  div.textContent = "[console truncated: the page keeps its first part]";
  consoleEl.appendChild(div);
}
const headRow = cpu => rows.find(r => r.type === "head" && r.cpu === cpu);
let highlighted = [];
function highlight(a, b, cur) {
  for (const el of highlighted) el.classList.remove("hl", "cur");
  highlighted = [];
  for (let i = a; i <= b && i < lineEls.length; i++) { lineEls[i].classList.add("hl"); highlighted.push(lineEls[i]); }
  if (cur !== undefined && lineEls[cur]) { lineEls[cur].classList.add("cur"); highlighted.push(lineEls[cur]); }
  const el = lineEls[cur !== undefined ? cur : a];
  if (el) consoleEl.scrollTop = el.offsetTop - consoleEl.offsetTop - consoleEl.clientHeight / 3;
}
function jump(ts, cpu) {
  cursor = { ts, cpu };
  const span = Math.min(t1 - t0, 200000);
  setView(ts - span / 2, ts + span / 2);
  const r = headRow(cpu);
  if (r) plot.scrollTop = Math.max(0, r.y - 40);
}
function selectReport(k) {
  const r = D.reports[k];
  markers.forEach((m, j) => m.el.classList.toggle("selected", j === k));
  highlight(r[3], r[4]);
  jump(r[0], r[1]);
}
const reportsEl = $("reports");
reportsEl.textContent = D.reports.length ? "Reports (" + D.reports.length + "):" : "No reports.";
D.reports.forEach((r, k) => {
  const b = document.createElement("button");
  b.className = "report-item";
  b.textContent = fmtT(r[0]) + "  CPU " + r[1] + "  " + (r[5] || r[2]);
  b.onclick = () => selectReport(k);
  reportsEl.appendChild(b);
  const hr = headRow(r[1]);
  if (!hr) return;
  const el = document.createElement("button");
  el.className = "report-marker"; el.dataset.kind = r[2];
  el.title = r[2] + " on CPU " + r[1] + " at " + fmtT(r[0]) + "\n" + r[5];
  el.style.top = (hr.y + 2) + "px";
  el.onclick = () => selectReport(k);
  $("markers").appendChild(el);
  markers.push({ r, el });
});
consoleEl.addEventListener("click", ev => {
  const el = ev.target.closest(".line");
  if (!el) return;
  const i = Number(el.dataset.i), P = D.printk;
  // The printk record on that line, or the last one before it.
  let lo = 0, hi = P.length;
  while (lo < hi) { const m = (lo + hi) >> 1; if (P[m][0] <= i) lo = m + 1; else hi = m; }
  highlight(i, i - 1, i);
  if (lo > 0) jump(P[lo - 1][1], P[lo - 1][2]);
});

// ---- header ----
$("title").textContent = "kctx: " + D.title;
$("summary").textContent = D.summary;
const legend = $("legend");
for (const k of D.kinds) legend.insertAdjacentHTML("beforeend",
  `<span><i style="background:${KIND_COLOURS[k]}"></i>${k}</span>`);
legend.insertAdjacentHTML("beforeend", "<span>│ task: </span>");
for (const s of D.states) legend.insertAdjacentHTML("beforeend",
  `<span><i style="background:${STATE_COLOURS[s]}"></i>${s}</span>`);
if (D.resolution > 0)
  $("note").textContent = "long run: detail finer than " + fmtDur(D.resolution) + " is merged (paler bands)";

// ---- zoom and pan ----
const zoom = (f, at) => { const a = at === undefined ? (t0 + t1) / 2 : at; setView(a - (a - t0) * f, a + (t1 - a) * f); };
$("fit").onclick = () => { cursor = null; setView(D.start, D.end); };
$("zin").onclick = () => zoom(0.5);
$("zout").onclick = () => zoom(2);
canvas.addEventListener("wheel", ev => {
  ev.preventDefault();
  zoom(Math.exp(ev.deltaY * 0.002), T(ev.offsetX));
}, { passive: false });
let drag = null;
canvas.addEventListener("mousedown", ev => { drag = { x: ev.clientX, t0, t1 }; canvas.style.cursor = "grabbing"; });
window.addEventListener("mouseup", () => { drag = null; canvas.style.cursor = ""; });
window.addEventListener("mousemove", ev => {
  if (!drag) return;
  const dt = (ev.clientX - drag.x) * (drag.t1 - drag.t0) / plotW();
  t0 = drag.t0 - dt; t1 = drag.t1 - dt; draw();
});
window.addEventListener("keydown", ev => {
  if (ev.key === "+" || ev.key === "=") zoom(0.5);
  else if (ev.key === "-") zoom(2);
  else if (ev.key === "0") setView(D.start, D.end);
  else if (ev.key === "ArrowLeft") { const d = (t1 - t0) / 5; setView(t0 - d, t1 - d); }
  else if (ev.key === "ArrowRight") { const d = (t1 - t0) / 5; setView(t0 + d, t1 + d); }
});
const tip = $("tip");
canvas.addEventListener("mousemove", ev => {
  const r = rows.find(q => ev.offsetY >= q.y && ev.offsetY < q.y + q.h);
  if (drag || !r || !r.lane || ev.offsetX < LABEL_W) { tip.style.display = "none"; return; }
  const t = T(ev.offsetX), L = r.lane, i = first(L, t);
  if (i >= L.n || L.s[i] > t) { tip.style.display = "none"; return; }
  tip.textContent = (r.cpu !== undefined ? "CPU " + r.cpu + " · " : "") + segText(r, i) + "\n" +
    fmtT(L.s[i]) + " + " + fmtDur(L.e[i] - L.s[i]);
  tip.style.left = (ev.clientX + 12) + "px"; tip.style.top = (ev.clientY + 12) + "px";
  tip.style.display = "block";
});
canvas.addEventListener("mouseleave", () => { tip.style.display = "none"; });
window.addEventListener("resize", draw);
draw();
// page.html#report=N opens on report N, as a click on its marker does.
const wanted = /report=(\d+)/.exec(location.hash);
if (wanted && D.reports[Number(wanted[1])]) selectReport(Number(wanted[1]));
document.body.dataset.rendered = "ok";
})();
</script>
</body>
</html>
)kctxhtml";
}

}  // namespace kctx::trace
