// Read-aloud for young respondents: a button beside each question speaks it, in the page's language,
// with the browser's own speech synthesis. Without JavaScript or speech support the buttons stay hidden.
(function () {
  if (!("speechSynthesis" in window)) return;
  var lang = document.documentElement.getAttribute("lang") === "fr" ? "fr-CA" : "en-CA";
  var buttons = document.querySelectorAll("[data-read-aloud]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.speechSynthesis.cancel();
      var utterance = new SpeechSynthesisUtterance(button.getAttribute("data-read-aloud"));
      utterance.lang = lang;
      utterance.rate = 0.9;
      window.speechSynthesis.speak(utterance);
    });
  });
})();
