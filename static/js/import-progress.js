// Polls an import job's status and moves its progress bar; reloads the page when the job settles.
(function () {
  var box = document.getElementById("import-job");
  if (!box || box.dataset.finished === "1" || box.dataset.waiting === "1") return;
  var url = box.dataset.statusUrl;
  function tick() {
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        var pct = s.total ? Math.min(100, Math.round((100 * s.done) / s.total)) : (s.done ? 50 : 3);
        document.getElementById("job-bar").style.width = Math.max(3, pct) + "%";
        document.getElementById("job-status").textContent = s.status_display;
        document.getElementById("job-count").textContent = s.done ? " " + s.done + (s.total ? " / " + s.total : "") : "";
        if (s.finished || s.needs_decision) { window.location.reload(); return; }
        setTimeout(tick, 700);
      })
      .catch(function () { setTimeout(tick, 2000); });
  }
  tick();
})();
