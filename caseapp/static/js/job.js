// Follows a dossier job: polls its status and fills in the progress bar and the download links.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  function show(id, visible) { document.getElementById(id).hidden = !visible; }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (job) {
        document.getElementById("job-progress").value = job.progress;
        document.getElementById("job-progress").textContent = job.progress + "%";
        if (job.state === "done") {
          show("job-running", false); show("job-done", true);
          if (job.download_url) { document.getElementById("download-link").href = job.download_url; }
          if (job.manifest_url) { document.getElementById("manifest-link").href = job.manifest_url; }
          document.getElementById("job-pages").textContent = job.pages;
          document.getElementById("job-pdf-sha").textContent = job.pdf_sha256;
          document.getElementById("job-manifest-sha").textContent = job.manifest_sha256;
        } else if (job.state === "failed") {
          show("job-running", false); show("job-failed", true);
          if (job.message) { document.getElementById("job-message").textContent = job.message; }
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  if (!document.getElementById("job-running").hidden) { poll(); }
})();
