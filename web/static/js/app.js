// Small enhancements only: the page works the same without JavaScript.
(function () {
  "use strict";
  document.documentElement.classList.add("has-js");
  var faDigits = function (s) {
    return String(s).replace(/\d/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; });
  };
  var group = function (n) { return faDigits(String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "٬")); };

  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("petition-text");
    var count = document.getElementById("char-count");
    if (text && count) {
      var max = parseInt(text.getAttribute("data-max-chars"), 10) || 0;
      var update = function () {
        var n = text.value.length;
        count.textContent = group(n) + " نویسه";
        count.classList.toggle("over", max > 0 && n > max);
      };
      text.addEventListener("input", update);
      update();
    }
    var form = document.getElementById("petition-form");
    var button = document.getElementById("submit-button");
    if (form && button) {
      form.addEventListener("submit", function () {
        button.disabled = true;
        button.textContent = "در حال بررسی…";
      });
    }
    var print = document.getElementById("print-button");
    if (print) {
      print.addEventListener("click", function () { window.print(); });
    }
  });
})();
