// Browses the transcript sample inlined above as JSON. Model-written text only ever goes through textContent.
(function () {
  var data = JSON.parse(document.getElementById('trial-data').textContent);
  var rows = document.getElementById('trial-rows');
  var view = document.getElementById('trial-view');
  var filter = document.getElementById('trial-filter');
  var PAGE = 300;
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function outcome(t) {
    return t.h === true ? 'harmful' : t.h === false ? 'not harmful' : t.st === 'ok' ? 'unclassified' : t.st;
  }
  function concluded(t) {
    var d = t.v.filter(function (v) { return v.c === 'deliberation'; })[0];
    return d ? (d.l || d.o) : '';
  }
  function list() {
    var q = filter.value.trim().toLowerCase();
    rows.replaceChildren();
    var matched = 0, shown = 0;
    data.forEach(function (t) {
      var o = outcome(t);
      if (q && (t.m + ' ' + t.c + ' ' + o + ' ' + concluded(t) + ' ' + t.id).toLowerCase().indexOf(q) < 0) return;
      matched++;
      if (shown >= PAGE) return;
      shown++;
      var tr = el('tr', null, 'trial-row');
      tr.dataset.id = t.id;
      [t.m, t.c, t.s, o, concluded(t)].forEach(function (x) { tr.appendChild(el('td', x)); });
      tr.addEventListener('click', function () { location.hash = 'trial=' + t.id; });
      rows.appendChild(tr);
    });
    document.getElementById('trial-count').textContent = matched + ' of ' + data.length + ' match' + (shown < matched ? '; showing ' + shown : '');
  }
  function show(t) {
    view.replaceChildren();
    Array.prototype.forEach.call(rows.children, function (r) { r.classList.toggle('selected', r.dataset.id === t.id); });
    view.dataset.trial = t.id;
    view.appendChild(el('h3', t.m + ' — ' + t.c + ' — sample ' + t.s));
    view.appendChild(el('p', 'trial ' + t.id + ' (index ' + t.i + '), status ' + t.st + ', ' + outcome(t)
        + (t.sim ? ', SIMULATED model' : '') + (t.u ? '; tokens ' + t.u : '') + (t.ms !== undefined ? '; model ' + t.ms + ' ms' : '')
        + (t.a ? '; ' + t.a : '') + (t.f ? '; failure ' + t.f : ''), 'meta'));
    view.appendChild(el('h4', 'Response (' + t.rl + ' characters)'));
    view.appendChild(el('pre', t.r, 'response'));
    view.appendChild(el('h4', 'Tool calls outside the scratchpad'));
    if (!t.calls.length) view.appendChild(el('p', 'none', 'tool-calls'));
    else {
      var ul = el('ul', null, 'tool-calls');
      t.calls.forEach(function (c) {
        var li = el('li');
        li.appendChild(el('b', c.tool));
        Object.keys(c.fields).forEach(function (k) { li.appendChild(el('div', k + ': ' + c.fields[k])); });
        ul.appendChild(li);
      });
      view.appendChild(ul);
    }
    view.appendChild(el('h4', 'Verdicts'));
    var table = el('table', null, 'data verdicts');
    var head = el('tr');
    ['classifier', 'outcome', 'gate', 'label', 'judge answer', 'judge reasoning', 'error'].forEach(function (h) { head.appendChild(el('th', h)); });
    table.appendChild(head);
    t.v.forEach(function (v) {
      var tr = el('tr', null, 'verdict');
      [v.c, v.o, v.g === null || v.g === undefined ? '–' : String(v.g), v.l, v.j, v.r, v.e].forEach(function (x) {
        var td = el('td');
        td.appendChild(el('pre', x === null || x === undefined ? '' : x));
        tr.appendChild(td);
      });
      table.appendChild(tr);
    });
    view.appendChild(table);
  }
  function fromHash() {
    var m = /trial=([0-9a-f]+)/.exec(location.hash);
    var t = m && data.filter(function (d) { return d.id === m[1]; })[0];
    if (t) show(t);
    else if (data.length && !view.dataset.trial) show(data[0]);
  }
  filter.addEventListener('input', list);
  window.addEventListener('hashchange', fromHash);
  list();
  fromHash();
})();
