/* strife dashboard: map, timeline, table and event record over the JSON API.
 *
 * Every string that comes from the API (article text, evidence, actor and place names,
 * sources, URLs) reaches the page as text: through textContent or createTextNode, never
 * innerHTML. Links to sources are made only for http(s) URLs.
 *
 * The filters and the map view live in the query string (?country=AZE&map=5/39.8/46.7&event=ID),
 * so a view can be shared. The map and the table ask only for what is in view (bbox, limit,
 * cursor pages); the timeline comes from /api/stats.
 *
 * "Newest" polls /api/changes every poll_seconds (from /web/config.json) with the last
 * change number it saw, so events stored by `strife watch` (or any ingest) appear as they
 * arrive; when some match the filters, the map, timeline and table are refreshed too.
 */
(function () {
  "use strict";

  var FILTERS = ["since", "until", "country", "event_type", "actor", "q"];
  var TEXT_FILTERS = { actor: true, q: true };
  var COLORS = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#E69F00",
    "Violence against civilians": "#CC79A7",
    "Protests": "#0072B2",
    "Riots": "#009E73",
    "Strategic developments": "#7A7A7A"
  };
  var OTHER_COLOR = "#444444";
  var MAX_MARKERS = 2000;   // events drawn on the map at once; more means "zoom in or filter"
  var TABLE_PAGE = 25;
  var PRECISION = { 1: "day", 2: "week", 3: "month or vaguer" };
  var GEO_PRECISION = { 1: "the place itself", 2: "a nearby or containing area", 3: "a region or province" };

  var state = {
    config: null,
    filters: {},
    selected: null,
    gen: 0,
    controller: null,
    tableCursors: [null],
    tablePage: 0,
    tableBase: null,
    total: 0,
    fittedOnce: false,
    markersById: {},
    timelineRows: [],
    lastChange: null
  };
  var NEWEST_SHOWN = 30;
  var map, cluster;

  // --- small DOM helpers (text only) --------------------------------------------------------

  function byId(id) { return document.getElementById(id); }

  function node(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined && text !== null) el.textContent = String(text);
    return el;
  }

  function svg(tag, attrs) {
    var el = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
    return el;
  }

  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  function colorOf(type) { return COLORS[type] || OTHER_COLOR; }

  function swatch(type) {
    var s = node("span", "swatch");
    s.style.backgroundColor = colorOf(type);
    return s;
  }

  function fmt(n) { return Number(n || 0).toLocaleString("en"); }

  function debounce(fn, ms) {
    var t = null;
    return function () {
      var args = arguments, self = this;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(self, args); }, ms);
    };
  }

  function setStatus(text, isError) {
    var el = byId("status");
    el.textContent = text;
    el.classList.toggle("error", !!isError);
  }

  function safeHref(url) {
    try {
      var u = new URL(String(url), window.location.href);
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  // --- the API ---------------------------------------------------------------------------

  function query(params) {
    var usp = new URLSearchParams();
    Object.keys(params).forEach(function (k) {
      if (params[k] !== null && params[k] !== undefined && params[k] !== "") usp.set(k, params[k]);
    });
    var s = usp.toString();
    return s ? "?" + s : "";
  }

  function api(path, params, signal) {
    return fetch(path + query(params || {}), { signal: signal, headers: { "Accept": "application/json" } })
      .then(function (res) {
        return res.json().catch(function () { return null; }).then(function (body) {
          if (!res.ok) {
            var msg = body && body.error ? body.error.message : "HTTP " + res.status;
            var err = new Error(msg);
            err.status = res.status;
            throw err;
          }
          return body;
        });
      });
  }

  function isAbort(err) { return err && err.name === "AbortError"; }

  // --- the query string -----------------------------------------------------------------

  function readUrl() {
    var usp = new URLSearchParams(window.location.search);
    var filters = {};
    FILTERS.forEach(function (k) {
      var v = usp.get(k);
      if (v) filters[k] = v;
    });
    var view = null;
    var m = (usp.get("map") || "").split("/").map(Number);
    if (m.length === 3 && m.every(isFinite)) view = { zoom: m[0], lat: m[1], lng: m[2] };
    return { filters: filters, view: view, event: usp.get("event") };
  }

  function writeUrl(push) {
    var params = {};
    FILTERS.forEach(function (k) { if (state.filters[k]) params[k] = state.filters[k]; });
    if (map && state.fittedOnce) {
      var c = map.getCenter();
      params.map = map.getZoom() + "/" + c.lat.toFixed(4) + "/" + c.lng.toFixed(4);
    }
    if (state.selected) params.event = state.selected;
    var url = window.location.pathname + query(params);
    if (url === window.location.pathname + window.location.search) return;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  // --- filters form ----------------------------------------------------------------------

  function fillForm() {
    FILTERS.forEach(function (k) {
      var el = byId("f-" + k);
      var v = state.filters[k] || "";
      if (el.tagName === "SELECT" && v && !Array.prototype.some.call(el.options, function (o) { return o.value === v; })) {
        el.appendChild(optionFor(v, v));
      }
      el.value = v;
    });
    renderLegend();
  }

  function optionFor(value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    return o;
  }

  function readForm() {
    var f = {};
    FILTERS.forEach(function (k) {
      var v = byId("f-" + k).value.trim();
      if (v) f[k] = v;
    });
    return f;
  }

  function filtersChanged() {
    var next = readForm();
    if (JSON.stringify(next) === JSON.stringify(state.filters)) return;
    state.filters = next;
    renderLegend();
    writeUrl(true);
    refresh();
    restartNewest();
  }

  function setupForm() {
    var form = byId("filters");
    var types = byId("f-event_type");
    state.config.event_types.forEach(function (t) { types.appendChild(optionFor(t.name, t.name)); });
    var typedLater = debounce(filtersChanged, 400);
    form.addEventListener("submit", function (e) { e.preventDefault(); filtersChanged(); });
    form.addEventListener("change", filtersChanged);
    form.addEventListener("input", function (e) {
      if (TEXT_FILTERS[e.target.name]) typedLater();
    });
    form.addEventListener("reset", function () { setTimeout(filtersChanged, 0); });
  }

  function fillCountries(byCountry) {
    var sel = byId("f-country");
    var current = state.filters.country || "";
    var names = state.config.countries;
    clear(sel);
    sel.appendChild(optionFor("", "All countries"));
    var rows = byCountry.filter(function (r) { return r.iso3; }).map(function (r) {
      return { iso3: r.iso3, name: names[r.iso3] || r.iso3, events: r.events };
    });
    rows.sort(function (a, b) { return a.name.localeCompare(b.name); });
    rows.forEach(function (r) {
      sel.appendChild(optionFor(r.iso3, r.name + " (" + fmt(r.events) + ")"));
    });
    if (current && !rows.some(function (r) { return r.iso3 === current; })) {
      sel.appendChild(optionFor(current, names[current] || current));
    }
    sel.value = current;
  }

  function renderLegend() {
    var legend = byId("legend");
    clear(legend);
    state.config.event_types.forEach(function (t) {
      var b = node("button");
      b.type = "button";
      b.setAttribute("aria-pressed", state.filters.event_type === t.name ? "true" : "false");
      b.title = "Show only " + t.name;
      b.appendChild(swatch(t.name));
      b.appendChild(document.createTextNode(t.name));
      b.addEventListener("click", function () {
        byId("f-event_type").value = state.filters.event_type === t.name ? "" : t.name;
        filtersChanged();
      });
      legend.appendChild(b);
    });
  }

  // --- the map ---------------------------------------------------------------------------

  function setupMap(view) {
    map = L.map("map", {
      minZoom: 1,
      maxZoom: 14,
      worldCopyJump: false,
      maxBounds: [[-89, -200], [89, 200]],
      maxBoundsViscosity: 1.0
    });
    map.attributionControl.setPrefix("Leaflet");
    map.attributionControl.addAttribution("Borders: Natural Earth (world-atlas)");
    if (view) {
      map.setView([view.lat, view.lng], view.zoom);
      state.fittedOnce = true;
    } else {
      map.setView([20, 15], 2);
    }
    cluster = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      disableClusteringAtZoom: 9,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: clusterIcon
    });
    map.addLayer(cluster);
    map.on("moveend", debounce(function () {
      state.fittedOnce = true;
      writeUrl(false);
      refresh();
    }, 250));
    loadBorders();
  }

  function clusterIcon(c) {
    var n = c.getChildCount();
    var inner = node("div", "ev-cluster-inner", n);
    inner.setAttribute("data-count", String(n));
    var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
    return L.divIcon({ html: inner, className: "ev-cluster", iconSize: L.point(size, size) });
  }

  function loadBorders() {
    api("/vendor/world-atlas/countries-50m.json").then(function (topo) {
      var land = topojson.feature(topo, topo.objects.countries);
      land.features.forEach(unwrapAntimeridian);
      var pane = map.createPane("borders");
      pane.style.zIndex = 250;
      L.geoJSON(land, {
        pane: "borders",
        interactive: false,
        renderer: L.canvas({ pane: "borders", padding: 0.5 }),
        style: { color: "#9aa6ae", weight: 0.7, fillColor: "#f3f1ea", fillOpacity: 1 }
      }).addTo(map);
    }).catch(function (err) {
      setStatus("The country borders could not be loaded (" + err.message + "): run `make web` on the server.", true);
    });
  }

  // Rings that cross the antimeridian (Fiji, Chukotka) jump from +180 to -180, which Leaflet
  // draws as a line across the world: continue them past 180 instead. Antarctica, which
  // runs along the edge on purpose, is left alone.
  function unwrapAntimeridian(feature) {
    var g = feature.geometry;
    if (!g) return;
    var polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    polygons.forEach(function (rings) {
      rings.forEach(function (ring) {
        if (ring.some(function (pt) { return pt[1] < -60; })) return;
        for (var i = 1; i < ring.length; i++) {
          while (ring[i][0] - ring[i - 1][0] > 180) ring[i][0] -= 360;
          while (ring[i][0] - ring[i - 1][0] < -180) ring[i][0] += 360;
        }
      });
    });
  }

  // west,south,east,north of the view, or null when it spans every longitude.
  function viewBbox() {
    var b = map.getBounds();
    var w = b.getWest(), e = b.getEast();
    if (w <= -180 && e >= 180) return null;
    var clamp = function (v, lo, hi) { return Math.min(hi, Math.max(lo, v)); };
    return [clamp(w, -180, 180), clamp(b.getSouth(), -90, 90), clamp(e, -180, 180), clamp(b.getNorth(), -90, 90)]
      .map(function (v) { return v.toFixed(4); }).join(",");
  }

  function radiusFor(fatalities) {
    var f = Math.max(0, Number(fatalities) || 0);
    return Math.min(28, 5 + 2.2 * Math.sqrt(f));
  }

  function tooltipFor(e) {
    var box = node("div");
    box.appendChild(node("div", "tip-title", e.event_type + (e.sub_event_type ? ": " + e.sub_event_type : "")));
    var where = e.location ? e.location.name + (e.location.country ? ", " + e.location.country : "") : "";
    box.appendChild(node("div", null, [e.date || "date unknown", where].filter(Boolean).join(" · ")));
    box.appendChild(node("div", null, fmt(e.fatalities) + " fatalities"));
    return box;
  }

  function drawMarkers(events) {
    cluster.clearLayers();
    state.markersById = {};
    var layers = [];
    events.forEach(function (e) {
      var loc = e.location;
      if (!loc || loc.latitude === null || loc.longitude === null || loc.latitude === undefined) return;
      var m = L.circleMarker([loc.latitude, loc.longitude], {
        radius: radiusFor(e.fatalities),
        color: "#1d2b36",
        weight: 1,
        fillColor: colorOf(e.event_type),
        fillOpacity: 0.85,
        className: "ev-marker" + (e.event_id === state.selected ? " selected" : "")
      });
      m.bindTooltip(function () { return tooltipFor(e); }, { direction: "top" });
      m.on("click", function () { select(e.event_id, true); });
      state.markersById[e.event_id] = m;
      layers.push(m);
    });
    cluster.addLayers(layers);
    return layers.length;
  }

  // --- loading what is in view -------------------------------------------------------------

  function baseParams() {
    var p = {};
    FILTERS.forEach(function (k) { if (state.filters[k]) p[k] = state.filters[k]; });
    // Before the first fit (no view in the URL) everything is asked for, so the fit sees it all.
    var bbox = map && state.fittedOnce ? viewBbox() : null;
    if (bbox) p.bbox = bbox;
    return p;
  }

  // The most recent day such that the events from it on (within the filters) fit on the map.
  function sinceForCap(stats) {
    if (stats.events <= MAX_MARKERS) return null;
    var sum = 0;
    for (var i = stats.by_day.length - 1; i >= 0; i--) {
      if (sum + stats.by_day[i].events > MAX_MARKERS) {
        return i + 1 < stats.by_day.length ? stats.by_day[i + 1].date : stats.by_day[i].date;
      }
      sum += stats.by_day[i].events;
    }
    return null;
  }

  function loadMarkerPages(params, signal) {
    var limit = Math.min(1000, state.config.max_page);
    var got = [];
    function next(cursor) {
      var p = Object.assign({}, params, { limit: limit });
      if (cursor) p.cursor = cursor;
      return api("/api/events", p, signal).then(function (body) {
        got = got.concat(body.events);
        if (body.next_cursor && got.length < MAX_MARKERS) return next(body.next_cursor);
        return { events: got.slice(0, MAX_MARKERS), more: !!body.next_cursor || got.length > MAX_MARKERS };
      });
    }
    return next(null);
  }

  function refresh() {
    var gen = ++state.gen;
    if (state.controller) state.controller.abort();
    var controller = new AbortController();
    state.controller = controller;
    var base = baseParams();
    setStatus("Loading…");
    byId("table-scope").textContent = base.bbox ? "in the map view" : "everywhere";
    api("/api/stats", base, controller.signal).then(function (stats) {
      if (gen !== state.gen) return null;
      state.total = stats.events;
      drawTimeline(stats.by_day_and_type);
      var markerParams = Object.assign({}, base);
      var capSince = sinceForCap(stats);
      if (capSince) markerParams.since = capSince;
      state.tableBase = base;
      state.tableCursors = [null];
      state.tablePage = 0;
      return Promise.all([
        loadMarkerPages(markerParams, controller.signal),
        loadTable(gen, controller.signal)
      ]).then(function (results) {
        if (gen !== state.gen) return;
        var shown = drawMarkers(results[0].events);
        noteMarkers(shown, results[0].events.length, stats.events, capSince, results[0].more);
        setStatus(fmt(stats.events) + " event" + (stats.events === 1 ? "" : "s") + " match" +
          (stats.events === 1 ? "es" : "") + (base.bbox ? " in the map view" : "") + ", " +
          fmt(stats.fatalities) + " fatalities.");
        if (!state.fittedOnce) fitToMarkers();
      });
    }).catch(function (err) {
      if (isAbort(err) || gen !== state.gen) return;
      setStatus("Could not load events: " + err.message, true);
    });
  }

  function noteMarkers(shown, loaded, total, capSince, more) {
    var note = byId("map-note");
    note.setAttribute("data-count", String(shown));
    var text = fmt(shown) + " event" + (shown === 1 ? "" : "s") + " on the map";
    if (capSince || more) {
      text += " (the most recent " + fmt(loaded) + " of " + fmt(total) +
        (capSince ? ", from " + capSince : "") + "; zoom in or filter to see the rest)";
    }
    if (loaded > shown) text += "; " + fmt(loaded - shown) + " without coordinates";
    note.textContent = text + ".";
  }

  function fitToMarkers() {
    var layers = Object.keys(state.markersById).map(function (k) { return state.markersById[k]; });
    state.fittedOnce = true;
    if (!layers.length) return;
    var bounds = L.featureGroup(layers).getBounds();
    if (!bounds.isValid()) return;
    map.fitBounds(bounds.pad(0.1), { maxZoom: 6 });
  }

  // --- the table -------------------------------------------------------------------------

  function loadTable(gen, signal) {
    var p = Object.assign({}, state.tableBase, { limit: TABLE_PAGE });
    var cursor = state.tableCursors[state.tablePage];
    if (cursor) p.cursor = cursor;
    return api("/api/events", p, signal).then(function (body) {
      if (gen !== state.gen) return;
      state.tableCursors[state.tablePage + 1] = body.next_cursor;
      drawTable(body.events, !!body.next_cursor);
    });
  }

  function turnPage(delta) {
    var gen = state.gen;
    state.tablePage = Math.max(0, state.tablePage + delta);
    loadTable(gen, state.controller ? state.controller.signal : undefined).catch(function (err) {
      if (!isAbort(err)) setStatus("Could not load events: " + err.message, true);
    });
  }

  function actorName(a) { return a && a.name ? a.name : ""; }

  function drawTable(events, hasNext) {
    var body = byId("events-body");
    clear(body);
    events.forEach(function (e) {
      var tr = node("tr");
      tr.tabIndex = 0;
      tr.setAttribute("data-event-id", e.event_id);
      if (e.event_id === state.selected) tr.classList.add("selected");
      var loc = e.location || {};
      var typeCell = node("td");
      typeCell.appendChild(swatch(e.event_type));
      typeCell.appendChild(document.createTextNode(e.event_type));
      [node("td", "date", e.date || "unknown"), typeCell, node("td", "opt", e.sub_event_type),
       node("td", null, actorName(e.actor1)), node("td", "opt", actorName(e.actor2)),
       node("td", null, loc.name || ""), node("td", "opt", loc.country || loc.iso3 || ""),
       node("td", "num", fmt(e.fatalities))].forEach(function (td) { tr.appendChild(td); });
      tr.addEventListener("click", function () { select(e.event_id, true); });
      tr.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(e.event_id, true); }
      });
      body.appendChild(tr);
    });
    if (!events.length) {
      var tr = node("tr");
      var td = node("td", "muted", "No events match.");
      td.colSpan = 8;
      tr.appendChild(td);
      body.appendChild(tr);
    }
    var first = state.tablePage * TABLE_PAGE;
    byId("page-info").textContent = events.length
      ? fmt(first + 1) + "–" + fmt(first + events.length) + " of " + fmt(state.total)
      : "";
    byId("page-prev").disabled = state.tablePage === 0;
    byId("page-next").disabled = !hasNext;
  }

  // --- the timeline ------------------------------------------------------------------------

  var DAY = 86400000;

  function dayNumber(iso) { return Math.floor(Date.parse(iso + "T00:00:00Z") / DAY); }
  function isoOf(day) { return new Date(day * DAY).toISOString().slice(0, 10); }

  // Buckets of days: "day", "week" (from Monday) or "month", whichever keeps bars readable.
  function bucketing(firstDay, lastDay) {
    var span = lastDay - firstDay + 1;
    if (span <= 120) return { unit: "day", start: function (d) { return d; }, next: function (d) { return d + 1; } };
    if (span <= 900) {
      return {
        unit: "week",
        start: function (d) { return d - ((new Date(d * DAY).getUTCDay() + 6) % 7); },
        next: function (d) { return d + 7; }
      };
    }
    return {
      unit: "month",
      start: function (d) { var t = new Date(d * DAY); return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1) / DAY; },
      next: function (d) { var t = new Date(d * DAY); return Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1) / DAY; }
    };
  }

  function drawTimeline(rows) {
    if (rows) state.timelineRows = rows;
    rows = state.timelineRows;
    var box = byId("timeline");
    clear(box);
    byId("timeline-range").textContent = "";
    if (!rows.length) {
      box.appendChild(node("p", "hint", "No dated events match."));
      return;
    }
    var days = rows.map(function (r) { return dayNumber(r.date); });
    var first = Math.min.apply(null, days), last = Math.max.apply(null, days);
    if (state.filters.since) first = Math.min(first, dayNumber(state.filters.since));
    if (state.filters.until) last = Math.max(last, dayNumber(state.filters.until));
    var b = bucketing(first, last);
    byId("timeline-unit").textContent = b.unit;
    byId("timeline-range").textContent = isoOf(first) + " to " + isoOf(last);

    var buckets = [], index = {};
    for (var d = b.start(first); d <= last; d = b.next(d)) {
      index[d] = buckets.length;
      buckets.push({ start: d, end: b.next(d) - 1, total: 0, byType: {} });
    }
    rows.forEach(function (r) {
      var k = b.start(dayNumber(r.date));
      var bucket = buckets[index[k]];
      if (!bucket) return;
      bucket.total += r.events;
      bucket.byType[r.event_type] = (bucket.byType[r.event_type] || 0) + r.events;
    });
    var max = Math.max.apply(null, buckets.map(function (x) { return x.total; })) || 1;

    var width = Math.max(280, box.clientWidth || 600), height = 170;
    var left = 34, right = 8, top = 8, bottom = 22;
    var plotW = width - left - right, plotH = height - top - bottom;
    var step = plotW / buckets.length;
    var barW = Math.min(36, Math.max(1, step * 0.8));
    var root = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img",
                            "aria-label": "Events per " + b.unit + " by type" });
    root.setAttribute("preserveAspectRatio", "none");
    var y = function (v) { return top + plotH - (v / max) * plotH; };

    [0, Math.ceil(max / 2), max].filter(function (v, i, all) { return all.indexOf(v) === i; }).forEach(function (v) {
      root.appendChild(svg("line", { x1: left, x2: width - right, y1: y(v), y2: y(v), "class": "tl-grid" }));
      var label = svg("text", { x: left - 4, y: y(v) + 4, "text-anchor": "end", "class": "tl-label" });
      label.textContent = String(v);
      root.appendChild(label);
    });
    root.appendChild(svg("line", { x1: left, x2: width - right, y1: top + plotH, y2: top + plotH, "class": "tl-axis" }));

    var types = state.config.event_types.map(function (t) { return t.name; });
    buckets.forEach(function (bucket, i) {
      var x = left + i * step + (step - barW) / 2;
      var acc = 0;
      types.concat(Object.keys(bucket.byType).filter(function (t) { return types.indexOf(t) < 0; }))
        .forEach(function (t) {
          var n = bucket.byType[t];
          if (!n) return;
          var y0 = y(acc), y1 = y(acc + n);
          root.appendChild(svg("rect", { x: x, y: y1, width: barW, height: Math.max(0.5, y0 - y1),
                                         fill: colorOf(t), "class": "tl-bar" }));
          acc += n;
        });
      var hit = svg("rect", { x: left + i * step, y: top, width: step, height: plotH, "class": "tl-hit" });
      var title = svg("title");
      var label = b.unit === "day" ? isoOf(bucket.start) : isoOf(bucket.start) + " to " + isoOf(bucket.end);
      title.textContent = label + ": " + bucket.total + " event" + (bucket.total === 1 ? "" : "s") +
        Object.keys(bucket.byType).map(function (t) { return "\n" + t + ": " + bucket.byType[t]; }).join("");
      hit.appendChild(title);
      hit.addEventListener("click", function () {
        byId("f-since").value = isoOf(bucket.start);
        byId("f-until").value = isoOf(bucket.end);
        filtersChanged();
      });
      root.appendChild(hit);
    });

    var ticks = Math.min(buckets.length, Math.max(2, Math.floor(plotW / 120)));
    for (var t = 0; t < ticks; t++) {
      var i = Math.round(t * (buckets.length - 1) / Math.max(1, ticks - 1));
      var tx = left + i * step + step / 2;
      var anchor = t === 0 ? "start" : t === ticks - 1 ? "end" : "middle";
      if (buckets.length === 1) anchor = "middle";
      var text = svg("text", { x: tx, y: height - 6, "text-anchor": anchor, "class": "tl-label" });
      text.textContent = b.unit === "month" ? isoOf(buckets[i].start).slice(0, 7) : isoOf(buckets[i].start);
      root.appendChild(text);
    }
    box.appendChild(root);
  }

  // --- one event: record, sources, article -------------------------------------------------

  function select(eventId, push) {
    state.selected = eventId;
    writeUrl(push);
    markSelected();
    var panel = byId("detail");
    clear(panel);
    panel.appendChild(node("p", "hint", "Loading the event…"));
    api("/api/events/" + encodeURIComponent(eventId)).then(function (ev) {
      if (state.selected !== eventId) return;
      renderDetail(ev);
      if (window.matchMedia("(max-width: 900px)").matches) panel.scrollIntoView({ block: "start" });
    }).catch(function (err) {
      if (state.selected !== eventId) return;
      clear(panel);
      panel.appendChild(node("p", "hint", "Could not load the event: " + err.message));
    });
  }

  function deselect(writeHistory) {
    state.selected = null;
    if (writeHistory !== false) writeUrl(true);
    markSelected();
    var panel = byId("detail");
    clear(panel);
    panel.appendChild(node("p", "hint", "Click an event on the map or in the table to see its record, every source that reported it, and the article text with the evidence highlighted."));
  }

  function markSelected() {
    Array.prototype.forEach.call(document.querySelectorAll("#events-body tr"), function (tr) {
      tr.classList.toggle("selected", tr.getAttribute("data-event-id") === state.selected);
    });
    Object.keys(state.markersById).forEach(function (id) {
      var path = state.markersById[id].getElement && state.markersById[id].getElement();
      if (path) path.classList.toggle("selected", id === state.selected);
    });
  }

  function field(dl, label, value) {
    if (value === null || value === undefined || value === "") return;
    dl.appendChild(node("dt", null, label));
    dl.appendChild(node("dd", null, value));
  }

  function actorText(a) {
    if (!a) return null;
    return a.name + (a.type ? " (" + a.type + (a.country ? ", " + a.country : "") + ")" : "");
  }

  function placeText(loc) {
    if (!loc) return null;
    var parts = [loc.name, loc.admin1, loc.country].filter(Boolean);
    var text = parts.join(", ");
    if (loc.latitude !== null && loc.latitude !== undefined) {
      text += " (" + Number(loc.latitude).toFixed(4) + ", " + Number(loc.longitude).toFixed(4) + ")";
    }
    if (loc.geo_precision) text += "; precision: " + (GEO_PRECISION[loc.geo_precision] || loc.geo_precision);
    return text;
  }

  function countText(ev) {
    var text = fmt(ev.fatalities);
    if (ev.fatalities_low !== null && ev.fatalities_high !== null &&
        ev.fatalities_low !== undefined && (ev.fatalities_low !== ev.fatalities || ev.fatalities_high !== ev.fatalities)) {
      text += " (reported " + fmt(ev.fatalities_low) + "–" + fmt(ev.fatalities_high) + ")";
    }
    return text;
  }

  function renderDetail(ev) {
    var panel = byId("detail");
    clear(panel);
    var head = node("div", "detail-head");
    var title = node("h2");
    title.appendChild(swatch(ev.event_type));
    title.appendChild(document.createTextNode(" " + ev.event_type + (ev.sub_event_type ? ": " + ev.sub_event_type : "")));
    head.appendChild(title);
    var close = node("button", null, "Close");
    close.type = "button";
    close.addEventListener("click", function () { deselect(true); });
    head.appendChild(close);
    panel.appendChild(head);

    var dl = node("dl");
    field(dl, "Date", (ev.date || "unknown") + (ev.time_precision ? " (precision: " + (PRECISION[ev.time_precision] || ev.time_precision) + ")" : ""));
    field(dl, "Place", placeText(ev.location));
    field(dl, "Actor 1", actorText(ev.actor1));
    field(dl, "Actor 2", actorText(ev.actor2));
    field(dl, "Fatalities", countText(ev));
    field(dl, "Injured", ev.injured);
    field(dl, "Arrested", ev.arrested);
    field(dl, "Displaced", ev.displaced);
    field(dl, "Claimed by", ev.claimed_by);
    field(dl, "PLOVER", ev.plover ? ev.plover.type + (ev.plover.mode ? " / " + ev.plover.mode : "") : null);
    field(dl, "Confidence", typeof ev.confidence === "number" ? ev.confidence.toFixed(2) : null);
    field(dl, "Event id", ev.event_id);
    panel.appendChild(dl);

    if (ev.evidence && ev.evidence.text) {
      panel.appendChild(node("h3", null, "Evidence"));
      panel.appendChild(node("blockquote", "evidence", ev.evidence.text));
    }

    var reports = ev.reports || [];
    panel.appendChild(node("h3", null, "Sources (" + reports.length + ")"));
    var list = node("ul", "sources");
    var articleBox = node("div", "article");
    reports.forEach(function (r, i) {
      var li = node("li");
      li.setAttribute("data-article-id", r.article_id);
      li.appendChild(node("span", null, (r.source || "unknown source") + (r.published ? ", " + r.published : "")));
      if (r.relation && r.relation !== "primary") li.appendChild(node("span", "muted", r.relation));
      var href = r.url ? safeHref(r.url) : null;
      if (href) {
        var a = node("a", null, r.url);
        a.href = href;
        a.rel = "noopener noreferrer nofollow";
        a.target = "_blank";
        li.appendChild(a);
      } else if (r.url) {
        li.appendChild(node("span", "muted", r.url));
      }
      var show = node("button", null, "Article text");
      show.type = "button";
      show.addEventListener("click", function () { showArticle(articleBox, list, r, ev); });
      li.appendChild(show);
      list.appendChild(li);
    });
    panel.appendChild(list);
    panel.appendChild(articleBox);
    var firstWithEvidence = reports.filter(function (r) { return r.evidence; })[0] || reports[0];
    if (firstWithEvidence) showArticle(articleBox, list, firstWithEvidence, ev);
  }

  function showArticle(box, list, report, ev) {
    Array.prototype.forEach.call(list.children, function (li) {
      li.classList.toggle("current", li.getAttribute("data-article-id") === report.article_id);
    });
    clear(box);
    box.appendChild(node("p", "hint", "Loading the article…"));
    api("/api/articles/" + encodeURIComponent(report.article_id)).then(function (art) {
      if (state.selected !== ev.event_id) return;
      clear(box);
      box.appendChild(node("h3", null, art.title || art.id));
      box.appendChild(node("p", "article-meta",
        [art.source, art.published, "article " + art.id].filter(Boolean).join(" · ")));
      var evidence = report.evidence || (report.article_id === ev.article_id ? ev.evidence : null);
      var text = node("div", "article-text");
      var mark = appendHighlighted(text, art.text || "", evidence);
      box.appendChild(text);
      if (!mark && evidence) box.appendChild(node("p", "note", "The evidence sentence was not found in this text."));
      if (mark) text.scrollTop = Math.max(0, mark.offsetTop - text.offsetTop - 40);
    }).catch(function (err) {
      clear(box);
      box.appendChild(node("p", "hint", "Could not load the article: " + err.message));
    });
  }

  // The article as text nodes with the evidence in a <mark>; offsets count code points (Python's).
  function appendHighlighted(container, text, evidence) {
    var before = text, middle = "", after = "";
    if (evidence && evidence.text) {
      var cps = Array.from(text);
      var start = evidence.start, end = evidence.end;
      var found = false;
      if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= cps.length && start < end) {
        middle = cps.slice(start, end).join("");
        if (middle === evidence.text || middle.trim() === String(evidence.text).trim()) {
          before = cps.slice(0, start).join("");
          after = cps.slice(end).join("");
          found = true;
        }
      }
      if (!found) {
        var at = text.indexOf(evidence.text);
        if (at >= 0) {
          before = text.slice(0, at);
          middle = evidence.text;
          after = text.slice(at + evidence.text.length);
          found = true;
        }
      }
      if (!found) { before = text; middle = ""; after = ""; }
    }
    container.appendChild(document.createTextNode(before));
    var mark = null;
    if (middle) {
      mark = node("mark", "evidence-mark", middle);
      container.appendChild(mark);
      container.appendChild(document.createTextNode(after));
    }
    return mark;
  }

  // --- newest events, polled ----------------------------------------------------------------

  function newestParams(after) {
    var p = { after: after, limit: 200 };
    FILTERS.forEach(function (k) { if (state.filters[k]) p[k] = state.filters[k]; });
    return p;
  }

  function newestItem(change, fresh) {
    var e = change.event;
    var li = node("li", fresh ? "fresh" : "");
    li.setAttribute("data-event", e.event_id);
    var label = [e.date || "undated", e.event_type, e.location && e.location.name,
      (e.fatalities ? e.fatalities + " killed" : null), change.kind === "merged" ? "new source" : null]
      .filter(Boolean).join(" · ");
    var button = node("button", "", label);
    button.type = "button";
    button.addEventListener("click", function () { select(e.event_id, true); });
    li.appendChild(button);
    return li;
  }

  function showNewest(changes, fresh) {
    var list = byId("newest");
    changes.forEach(function (c) {
      var old = list.querySelector('li[data-event="' + CSS.escape(c.event.event_id) + '"]');
      if (old) list.removeChild(old);
      list.insertBefore(newestItem(c, fresh), list.firstChild);
    });
    while (list.children.length > NEWEST_SHOWN) list.removeChild(list.lastChild);
  }

  function noteWatch(stats) {
    var w = stats && stats.watch;
    byId("watch-note").textContent = w ? "(last watch cycle " + w.last_cycle.finished_at + ": " +
      fmt(w.last_cycle.new_events) + " new event" + (w.last_cycle.new_events === 1 ? "" : "s") + ")" : "";
  }

  function pollNewest() {
    if (state.lastChange === null) return Promise.resolve();
    return api("/api/changes", newestParams(state.lastChange)).then(function (body) {
      var first = state.lastChange === 0;
      state.lastChange = body.last_seq;
      if (body.changes.length) {
        showNewest(body.changes, !first);
        if (!first) refresh();
        return api("/api/stats").then(noteWatch);
      }
      return null;
    }).catch(function () { /* the next poll tries again */ });
  }

  function startNewest(stats) {
    noteWatch(stats);
    // The newest few already stored, then only what arrives.
    state.lastChange = Math.max(0, (stats.last_change || 0) - NEWEST_SHOWN);
    var seconds = Math.max(1, Number(state.config.poll_seconds) || 15);
    pollNewest().then(function () { setInterval(pollNewest, seconds * 1000); });
  }

  function restartNewest() {
    clear(byId("newest"));
    api("/api/stats").then(function (stats) {
      state.lastChange = Math.max(0, (stats.last_change || 0) - NEWEST_SHOWN);
      return pollNewest();
    });
  }

  // --- start -------------------------------------------------------------------------------

  function start() {
    if (typeof L === "undefined" || typeof topojson === "undefined" || !L.markerClusterGroup) {
      setStatus("The map libraries are not installed on the server: run `make web` (npm ci in web/) and reload.", true);
      return;
    }
    var fromUrl = readUrl();
    state.filters = fromUrl.filters;
    state.selected = fromUrl.event;
    Promise.all([api("/web/config.json"), api("/api/stats")]).then(function (res) {
      state.config = res[0];
      setupForm();
      fillCountries(res[1].by_country);
      fillForm();
      setupMap(fromUrl.view);
      byId("page-prev").addEventListener("click", function () { turnPage(-1); });
      byId("page-next").addEventListener("click", function () { turnPage(1); });
      window.addEventListener("resize", debounce(function () { drawTimeline(null); }, 200));
      window.addEventListener("popstate", function () {
        var u = readUrl();
        state.filters = u.filters;
        fillForm();
        if (u.view) map.setView([u.view.lat, u.view.lng], u.view.zoom);
        if (u.event && u.event !== state.selected) select(u.event, false);
        else if (!u.event && state.selected) deselect(false);
        refresh();
      });
      refresh();
      startNewest(res[1]);
      if (state.selected) select(state.selected, false);
    }).catch(function (err) {
      setStatus("Could not start the dashboard: " + err.message, true);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
