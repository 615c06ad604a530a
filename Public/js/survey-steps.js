// On a phone, one question per screen: the page's questions are shown one at a time with
// "Previous question" / "Next question". Without JavaScript, or on a wider screen, the page shows
// all its questions at once and works the same. Answers are only sent with the page's own buttons.
(function () {
  var form = document.querySelector("form[data-steps]");
  if (!form || !window.matchMedia) return;
  var questions = Array.prototype.slice.call(form.querySelectorAll(".question"));
  if (questions.length < 2) return;
  var media = window.matchMedia("(max-width: 36rem)");
  var bar = form.querySelector(".survey__buttons");
  var pageNext = bar.querySelector("[data-move=next]");
  var pageBack = bar.querySelector("[data-move=back]");
  var nav = document.createElement("div");
  nav.className = "step-nav";
  function makeButton(label, className) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.textContent = label;
    nav.appendChild(button);
    return button;
  }
  // Previous on the left, next on the right, as on every survey page.
  var previous = makeButton(form.getAttribute("data-previous"), "button button--secondary");
  var next = makeButton(form.getAttribute("data-next"), "button");
  var label = document.getElementById("progress-label");
  var pageLabel = label ? label.textContent : "";
  var template = form.getAttribute("data-progress");
  var first = parseInt(form.getAttribute("data-first"), 10) || 1;
  bar.parentNode.insertBefore(nav, bar);
  var current = 0;

  function show(index, moveFocus) {
    current = index;
    var stepping = media.matches;
    var last = index === questions.length - 1;
    questions.forEach(function (question, i) { question.hidden = stepping && i !== index; });
    nav.hidden = !stepping;
    next.hidden = last;
    previous.hidden = index === 0;
    if (pageNext) pageNext.hidden = stepping && !last;
    if (pageBack) pageBack.hidden = stepping && index !== 0;
    if (label && template) label.textContent = stepping ? template.replace("{number}", String(first + index)) : pageLabel;
    if (moveFocus) {
      var heading = questions[index].querySelector(".question__text");
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  }
  next.addEventListener("click", function () { show(Math.min(current + 1, questions.length - 1), true); });
  previous.addEventListener("click", function () { show(Math.max(current - 1, 0), true); });
  if (media.addEventListener) media.addEventListener("change", function () { show(current, false); });
  show(0, false);
})();
