(function () {
  'use strict';
  // Summary rows: [id, authority, prefecture, title, [start, end, periods] | null,
  // nodes, projects, kpis, warnings]; row i's record is the JSON of #doc-i.
  var data = JSON.parse(document.getElementById('summary-data').textContent);
  var rows = data.rows;
  var cache = {};
  var open = {};
  var order = rows.map(function (_, i) { return i; });
  var shown = order;
  var sortCol = -1, sortDir = 1;
  var COLS = [
    { label: 'id', get: function (r) { return r[0]; } },
    { label: '自治体 authority', get: function (r) { return (r[1] || '') + (r[2] ? '（' + r[2] + '）' : ''); } },
    { label: '計画 title', get: function (r) { return r[3] || ''; } },
    { label: '期間 period', num: true, get: function (r) { return r[4] ? r[4][0] : null; },
      show: function (r) { return r[4] ? r[4][0] + '–' + (r[4][1] == null ? '' : r[4][1]) + (r[4][2] > 1 ? ' (+' + (r[4][2] - 1) + ')' : '') : ''; } },
    { label: '施策 nodes', num: true, get: function (r) { return r[5]; } },
    { label: '事業 projects', num: true, get: function (r) { return r[6]; } },
    { label: 'KPI', num: true, get: function (r) { return r[7]; } },
    { label: '警告 warnings', num: true, get: function (r) { return r[8]; } }
  ];
  var table = document.getElementById('docs');
  var tbody = table.tBodies[0];

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function fmt(v) {
    return typeof v === 'number' ? v.toLocaleString('ja-JP', { maximumFractionDigits: 3 }) : esc(v);
  }
  function doc(i) {
    if (!(i in cache)) cache[i] = JSON.parse(document.getElementById('doc-' + i).textContent);
    return cache[i];
  }
  // Hover text: the item's source line, with its text where the report
  // could read the document.
  function at(d, line) {
    if (!line) return '';
    var t = d.src && d.src[line];
    return ' title="' + esc('line ' + line + (t ? ': ' + t : '')) + '" data-line="' + line + '"';
  }

  function head() {
    table.tHead.innerHTML = '<tr>' + COLS.map(function (c, k) {
      var sort = k === sortCol ? (sortDir > 0 ? 'ascending' : 'descending') : 'none';
      return '<th data-col="' + k + '" aria-sort="' + sort + '"' + (c.num ? ' class="num"' : '') + '>' + esc(c.label) + '</th>';
    }).join('') + '</tr>';
  }

  function rowHtml(i) {
    var r = rows[i];
    var cells = COLS.map(function (c) {
      var v = c.show ? c.show(r) : c.get(r);
      var cls = c.num ? 'num' : '';
      if (c.label.indexOf('warnings') >= 0 && v > 0) cls += ' warn';
      return '<td' + (cls ? ' class="' + cls.trim() + '"' : '') + '>' + esc(v) + '</td>';
    }).join('');
    var h = '<tr class="doc' + (open[i] ? ' open' : '') + '" data-i="' + i + '" data-id="' + esc(r[0]) + '">' + cells + '</tr>';
    if (open[i]) h += detailRow(i);
    return h;
  }

  function body() {
    var parts = new Array(shown.length);
    for (var n = 0; n < shown.length; n++) parts[n] = rowHtml(shown[n]);
    tbody.innerHTML = parts.join('');
  }

  function sortBy(k) {
    if (sortCol === k) sortDir = -sortDir; else { sortCol = k; sortDir = 1; }
    var c = COLS[k];
    order.sort(function (a, b) {
      var x = c.get(rows[a]), y = c.get(rows[b]);
      if (x == null && y == null) return a - b;
      if (x == null) return 1;
      if (y == null) return -1;
      var d = c.num ? x - y : String(x).localeCompare(String(y), 'ja');
      return d === 0 ? a - b : d * sortDir;
    });
    filter();
  }

  function filter() {
    var q = document.getElementById('filter').value.trim().toLowerCase();
    shown = !q ? order : order.filter(function (i) {
      var r = rows[i];
      return [r[0], r[1], r[2], r[3]].join(' ').toLowerCase().indexOf(q) >= 0;
    });
    head();
    body();
  }

  // --- one document ---------------------------------------------------

  function chart(k) {
    var pts = [];
    var base = k[3];
    if (base && base[0] != null && base[1] != null) pts.push(['b', base[0], base[1]]);
    k[4].forEach(function (t) { if (t[0] != null && t[1] != null) pts.push(['t', t[0], t[1]]); });
    k[5].forEach(function (t) { if (t[0] != null && t[1] != null) pts.push(['a', t[0], t[1]]); });
    var undated = [];
    if (base && base[0] == null && base[1] != null) undated.push('基準 baseline ' + fmt(base[1]));
    k[4].forEach(function (t) { if (t[0] == null && t[1] != null) undated.push('目標 target ' + fmt(t[1])); });
    k[5].forEach(function (t) { if (t[0] == null && t[1] != null) undated.push('実績 actual ' + fmt(t[1])); });
    var note = undated.length ? '<div class="meta">年不明 no year: ' + undated.join(', ') + '</div>' : '';
    if (!pts.length) return '<div class="meta">年ごとの値なし (no yearly values)</div>' + note;
    var W = 284, H = 124, L = 52, R = 10, T = 10, B = 22;
    var years = pts.map(function (p) { return p[1]; });
    var vals = pts.map(function (p) { return p[2]; });
    var x0 = Math.min.apply(null, years), x1 = Math.max.apply(null, years);
    if (x0 === x1) { x0 -= 1; x1 += 1; }
    var y0 = Math.min.apply(null, vals), y1 = Math.max.apply(null, vals);
    if (y0 === y1) { var pad = Math.abs(y0) * 0.1 || 1; y0 -= pad; y1 += pad; }
    var span = y1 - y0; y0 -= span * 0.08; y1 += span * 0.08;
    function X(y) { return (L + (y - x0) / (x1 - x0) * (W - L - R)).toFixed(1); }
    function Y(v) { return (T + (1 - (v - y0) / (y1 - y0)) * (H - T - B)).toFixed(1); }
    var s = '<svg width="' + W + '" height="' + H + '" viewBox="0 0 ' + W + ' ' + H + '" role="img">';
    s += '<line x1="' + L + '" y1="' + T + '" x2="' + L + '" y2="' + (H - B) + '" stroke="#99a"/>';
    s += '<line x1="' + L + '" y1="' + (H - B) + '" x2="' + (W - R) + '" y2="' + (H - B) + '" stroke="#99a"/>';
    s += '<text x="' + (L - 4) + '" y="' + (T + 8) + '" font-size="10" text-anchor="end" fill="#556">' + fmt(+(y1 - span * 0.08).toPrecision(6)) + '</text>';
    s += '<text x="' + (L - 4) + '" y="' + (H - B) + '" font-size="10" text-anchor="end" fill="#556">' + fmt(+(y0 + span * 0.08).toPrecision(6)) + '</text>';
    var distinct = years.filter(function (y, n) { return years.indexOf(y) === n; }).sort(function (a, b) { return a - b; });
    var ticks = distinct.length <= 8 ? distinct : [distinct[0], distinct[distinct.length - 1]];
    ticks.forEach(function (y) {
      s += '<text x="' + X(y) + '" y="' + (H - 6) + '" font-size="10" text-anchor="middle" fill="#556">' + y + '</text>';
    });
    function series(kind, color) {
      var ps = pts.filter(function (p) { return p[0] === kind; }).sort(function (a, b) { return a[1] - b[1]; });
      if (ps.length > 1) {
        s += '<polyline fill="none" stroke="' + color + '" stroke-width="1.5" points="' +
          ps.map(function (p) { return X(p[1]) + ',' + Y(p[2]); }).join(' ') + '"/>';
      }
      var label = { b: '基準 baseline', t: '目標 target', a: '実績 actual' }[kind];
      ps.forEach(function (p) {
        var tip = '<title>' + label + ' ' + p[1] + ': ' + fmt(p[2]) + (k[1] ? ' ' + esc(k[1]) : '') + '</title>';
        if (kind === 'b') {
          s += '<rect x="' + (X(p[1]) - 4) + '" y="' + (Y(p[2]) - 4) + '" width="8" height="8" fill="' + color + '">' + tip + '</rect>';
        } else {
          s += '<circle cx="' + X(p[1]) + '" cy="' + Y(p[2]) + '" r="3.5" fill="' + color + '">' + tip + '</circle>';
        }
      });
    }
    series('t', '#2762c4');
    series('a', '#d9731a');
    series('b', '#777');
    return s + '</svg><div class="legend"><span class="b">■ 基準 baseline</span> <span class="t">● 目標 target</span> <span class="a">● 実績 actual</span></div>' + note;
  }

  function kpiHtml(d, k, n) {
    var h = '<div class="kpi" data-kpi="' + n + '"' + at(d, k[8]) + '>';
    h += '<div class="name">' + esc(k[0]) + (k[1] ? ' <span class="meta">(' + esc(k[1]) + ')</span>' : '') + '</div>';
    var info = [];
    if (k[2]) info.push('施策 node ' + esc(k[2]));
    if (k[7]) info.push('状況 ' + esc(k[7]));
    if (k[6]) info.push('目標 ' + esc(k[6]));
    if (info.length) h += '<div class="meta">' + info.join(' · ') + '</div>';
    return h + chart(k) + '</div>';
  }

  function projectHtml(d, p, again) {
    return '<li class="project' + (again ? ' again' : '') + '"' + at(d, p[4]) + '>' +
      (p[3] ? '<span class="priority">★</span> ' : '') + esc(p[0]) +
      (p[1] ? ' <span class="meta">[' + esc(p[1]) + ']</span>' : '') +
      (again ? ' <span class="again">(再掲)</span>' : '') + '</li>';
  }

  function detailHtml(i) {
    var d = doc(i);
    // Projects under their nodes: the first id is the home, later ones
    // are 再掲. Ids repeat across parallel lists; a project goes to the
    // last node in tree order that has its id.
    var home = {}, seen = {};
    (function walk(ns) { ns.forEach(function (n) { seen[n[0]] = n; walk(n[4]); }); })(d.s);
    var under = new Map();
    var loose = [];
    d.pr.forEach(function (p) {
      var placed = false;
      p[2].forEach(function (id, n) {
        var node = seen[id];
        if (!node) return;
        if (!under.has(node)) under.set(node, []);
        under.get(node).push([p, n > 0]);
        placed = true;
      });
      if (!placed) loose.push(p);
    });
    var kpisOf = {};
    d.k.forEach(function (k, n) { if (k[2] != null) (kpisOf[k[2]] = kpisOf[k[2]] || []).push(n); });
    function tree(ns) {
      return ns.map(function (n) {
        var ps = under.get(n) || [];
        var inner = ps.length ? '<ul class="projects">' + ps.map(function (x) { return projectHtml(d, x[0], x[1]); }).join('') + '</ul>' : '';
        var kn = kpisOf[n[0]] ? ' <span class="meta">KPI ' + kpisOf[n[0]].length + '</span>' : '';
        return '<details class="node" open><summary' + at(d, n[3]) + '><span class="node-id">' + esc(n[0]) + '</span>' +
          (n[1] ? '<span class="kind">' + esc(n[1]) + '</span>' : '') + esc(n[2]) + kn + '</summary>' + inner + tree(n[4]) + '</details>';
      }).join('');
    }
    var m = d.m || [];
    var h = '<div class="detail-body"><h2>' + esc(d.t || d.i) + '</h2>';
    h += '<div class="meta">' + esc([m[0], m[1], m[2] ? 'code ' + m[2] : null].filter(Boolean).join(' · ')) +
      ' — ' + esc(d.i) + (d.p ? ' — ' + esc(d.p) : '') + '</div>';
    if (d.pe.length) {
      h += '<h3>計画期間 periods</h3><ul>' + d.pe.map(function (p) {
        return '<li class="period"' + at(d, p[5]) + '>' + esc(p[0] || '') + ': ' + p[1] + '–' + (p[2] == null ? '' : p[2]) +
          (p[3] === 'fiscal_year' ? '年度' : '年') + (p[6] ? ' <span class="priority">(own)</span>' : '') + '</li>';
      }).join('') + '</ul>';
    }
    if (d.v.length) h += '<h3>基本理念 vision</h3><ul>' + d.v.map(function (v) { return '<li>' + esc(v) + '</li>'; }).join('') + '</ul>';
    h += '<h3>施策体系 strategy (' + d.s.length + ')</h3><div class="tree">' + (d.s.length ? tree(d.s) : '<p class="meta">なし (none)</p>') + '</div>';
    if (loose.length) {
      h += '<h3>施策に結び付かない事業 projects without a node (' + loose.length + ')</h3><ul class="projects">' +
        loose.map(function (p) { return projectHtml(d, p, false); }).join('') + '</ul>';
    }
    h += '<h3>成果指標 KPIs (' + d.k.length + ')</h3><div class="kpis">' + d.k.map(function (k, n) { return kpiHtml(d, k, n); }).join('') + '</div>';
    if (d.w.length) {
      h += '<h3>警告 warnings (' + d.w.length + ')</h3><ul class="warnings">' + d.w.map(function (w) {
        return '<li class="warning"' + at(d, w[0]) + '>line ' + w[0] + ': ' + esc(w[1]) + '</li>';
      }).join('') + '</ul>';
    }
    return h + '</div>';
  }

  function detailRow(i) {
    return '<tr class="detail" data-d="' + i + '"><td colspan="' + COLS.length + '">' + detailHtml(i) + '</td></tr>';
  }

  function toggle(tr) {
    var i = +tr.getAttribute('data-i');
    if (open[i]) {
      delete open[i];
      var next = tr.nextElementSibling;
      if (next && next.classList.contains('detail')) next.remove();
      tr.classList.remove('open');
    } else {
      open[i] = true;
      tr.insertAdjacentHTML('afterend', detailRow(i));
      tr.classList.add('open');
    }
  }

  table.tHead.addEventListener('click', function (e) {
    var th = e.target.closest('th');
    if (th) sortBy(+th.getAttribute('data-col'));
  });
  tbody.addEventListener('click', function (e) {
    var tr = e.target.closest('tr.doc');
    if (tr) toggle(tr);
  });
  document.getElementById('filter').addEventListener('input', filter);

  var t = data.totals;
  document.getElementById('summary').textContent = rows.length + ' documents · ' + t.nodes + ' 施策 nodes · ' +
    t.projects + ' 事業 projects · ' + t.kpis + ' KPIs · ' + t.warnings + ' 警告 warnings';
  // #all opens every document; #doc=ID opens one.
  var hash = decodeURIComponent(location.hash.slice(1));
  if (hash === 'all') rows.forEach(function (_, i) { open[i] = true; });
  var wanted = hash.indexOf('doc=') === 0 ? hash.slice(4) : null;
  rows.forEach(function (r, i) { if (r[0] === wanted) open[i] = true; });
  filter();
  if (wanted != null) {
    var row = tbody.querySelector('tr.open');
    // Below the sticky table header, not under it.
    if (row) window.scrollTo(0, row.getBoundingClientRect().top + window.scrollY - table.tHead.offsetHeight);
  }
  performance.mark('jplan-ready');
  document.documentElement.setAttribute('data-ready-ms', performance.now().toFixed(1));
})();
