// An import under way: every two seconds, fetch how far it has got and update the status line and
// the files bar; when it is done, load the page again to show the preview or the result.
(function () {
  var box = document.querySelector("[data-progress]");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-progress");
  var text = box.querySelector("[data-progress-text]");
  var bar = box.querySelector("[data-progress-files]");
  function tick() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.done) { window.location.reload(); return; }
        if (data.text && text.textContent !== data.text) text.textContent = data.text;
        if (bar && data.filesTotal > 0) {
          bar.max = data.filesTotal;
          bar.value = data.filesDone;
          bar.textContent = data.filesDone + " / " + data.filesTotal;
        }
      })
      .catch(function () { /* the server is busy or restarting: try again at the next tick */ });
  }
  window.setInterval(tick, 2000);
})();
