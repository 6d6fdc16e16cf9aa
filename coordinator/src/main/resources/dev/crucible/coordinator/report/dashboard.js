// Polls the coordinator's dashboard for the sweep's snapshot and redraws the page's sections from it.
(function () {
  var updates = 0;
  var status = document.getElementById('status');
  function poll() {
    fetch('api/snapshot', { cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (s) {
        updates++;
        document.getElementById('progress').innerHTML = s.progress;
        document.getElementById('progress-line').textContent = s.progressLine;
        document.getElementById('figures').innerHTML = s.figures;
        document.getElementById('tables').innerHTML = s.tables;
        status.dataset.updates = updates;
        status.textContent = (s.complete ? 'sweep complete' : 'live') + ' — updated ' + new Date().toLocaleTimeString()
            + ' (update ' + updates + ')';
        if (!s.complete) setTimeout(poll, 1000);
      })
      .catch(function (e) {
        status.textContent = 'coordinator unreachable (' + e.message + '); retrying';
        setTimeout(poll, 3000);
      });
  }
  poll();
})();
