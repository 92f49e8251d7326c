// Optional enhancement of the place search (the pages work without it): suggestions in a <datalist> as you
// type, from the desk's own /api/v1/places (no third party). A chosen suggestion fills the box with the
// place's name and state or province; the server resolves it when the form is sent.
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input[data-places]");
  Array.prototype.forEach.call(inputs, function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) { return; }
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { return; }
      timer = window.setTimeout(function () {
        fetch("/api/v1/places?limit=10&q=" + encodeURIComponent(q), {credentials: "same-origin"})
          .then(function (r) { return r.ok ? r.json() : {places: []}; })
          .then(function (body) {
            while (list.firstChild) { list.removeChild(list.firstChild); }
            body.places.forEach(function (p) {
              var option = document.createElement("option");
              option.value = p.label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, 200);
    });
  });
}());
