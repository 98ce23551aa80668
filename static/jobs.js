// Progressive enhancement for a background job's page: without JavaScript the page has a refresh link.
// While the job runs, ask for its status every two seconds, move the progress bar, and reload the page
// once it has finished (so the downloads or the reason for a failure appear).
const box = document.querySelector("[data-app-job]");
if (box && ["queued", "running"].includes(box.dataset.appJobStatus)) {
  const stage = document.getElementById("job-stage");
  const bar = document.getElementById("job-progress");
  const percent = document.getElementById("job-percent");
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.appJob, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const job = await response.json();
      if (job.finished || job.status !== box.dataset.appJobStatus) {
        window.location.reload();
        return;
      }
      // Only a new stage is announced (aria-live), not every step of the bar.
      if (stage && stage.textContent !== job.stage) stage.textContent = job.stage;
      if (bar) {
        bar.value = job.percent;
        bar.textContent = `${job.percent}%`;
      }
      if (percent) percent.textContent = `${job.percent}% done`;
    } catch {
      // A network blip: try again on the next tick.
    }
  };
  window.setInterval(poll, 2000);
}
