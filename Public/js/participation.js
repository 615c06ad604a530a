// Live participation on a wave's page: every 15 seconds, fetch the counts and update the cells that
// changed. Each school's total sits in a polite status region, so a screen reader hears it change.
(function () {
  var section = document.querySelector("[data-poll]");
  if (!section || !window.fetch) return;
  var url = section.getAttribute("data-poll");
  var locale = document.documentElement.lang === "fr" ? "fr-CA" : "en-CA";
  function format(n) { return Number(n).toLocaleString(locale); }
  function refresh() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        Object.keys(data.cells).forEach(function (key) {
          var cell = section.querySelector('[data-cell="' + key + '"]');
          var text = format(data.cells[key]);
          if (cell && cell.textContent !== text) cell.textContent = text;
        });
        Object.keys(data.schools).forEach(function (key) {
          var total = section.querySelector('[data-school="' + key + '"]');
          if (!total) return;
          var counts = data.schools[key];
          var text = total.getAttribute("data-template")
            .replace("{responded}", format(counts.responded)).replace("{eligible}", format(counts.eligible)).replace("{rate}", counts.rate);
          if (total.textContent !== text) total.textContent = text;
        });
      })
      .catch(function () { /* offline for a moment: try again at the next tick */ });
  }
  window.setInterval(refresh, 15000);
})();
