// Follows a background import: polls its status, moves the progress bar, and shows the outcome
// (the page itself, reloaded) once the import is done, refused or failed.
(function () {
  "use strict";
  var box = document.getElementById("import-job");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = document.getElementById("import-progress");
  var count = document.getElementById("import-count");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (job) {
        if (job.state !== "queued" && job.state !== "running") { window.location.reload(); return; }
        bar.value = job.percent;
        bar.textContent = job.percent + "%";
        count.textContent = job.label;
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
