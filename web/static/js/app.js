// Enhancements only: the page works without JavaScript (the result heading and errors carry
// autofocus, links are plain anchors, the fix is a plain form). Nothing here sends anything.
(function () {
  "use strict";
  document.documentElement.classList.add("has-js");
  var FA = "۰۱۲۳۴۵۶۷۸۹";
  var faDigits = function (s) {
    return String(s).replace(/\d/g, function (d) { return FA[d]; });
  };
  var asciiDigits = function (s) {
    return String(s).replace(/[۰-۹]/g, function (d) { return FA.indexOf(d); })
      .replace(/[٠-٩]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩".indexOf(d); });
  };
  var group = function (n) { return faDigits(String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "٬")); };

  // Mirrors screening/text/ids.py normalise_national_id: 8-10 digits (left-padded), not all
  // one digit, digits 4-9 not all zero, check digit from sum of d[i]*(10-i) mod 11.
  var nationalIdValid = function (raw) {
    var t = asciiDigits(raw).replace(/[\s\-_\u200c\u200e\u200f]/g, "");
    if (!/^\d{8,10}$/.test(t)) { return false; }
    while (t.length < 10) { t = "0" + t; }
    if (/^(\d)\1{9}$/.test(t) || t.slice(3, 9) === "000000") { return false; }
    var sum = 0;
    for (var i = 0; i < 9; i++) { sum += parseInt(t[i], 10) * (10 - i); }
    var r = sum % 11;
    return parseInt(t[9], 10) === (r < 2 ? r : 11 - r);
  };

  // Mirrors num2words' Persian cardinals (what screening.petition_writer writes in the petition).
  var ONES = ["", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "یازده", "دوازده",
    "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده"];
  var TENS = ["", "ده", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"];
  var HUNDREDS = ["", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"];
  var BIG = ["", " هزار", " میلیون", " میلیارد", " تریلیون", " تریلیارد"];
  var cardinal3 = function (n) {
    if (n <= 19) { return ONES[n]; }
    if (n < 100) { return TENS[Math.floor(n / 10)] + (n % 10 ? " و " + ONES[n % 10] : ""); }
    return HUNDREDS[Math.floor(n / 100)] + (n % 100 ? " و " + cardinal3(n % 100) : "");
  };
  var words = function (digits) {
    if (/^0*$/.test(digits)) { return "صفر"; }
    var n = BigInt(digits), res = "";
    for (var i = 0; i < BIG.length && n > 0n; i++) {
      var y = Number(n % 1000n);
      n = n / 1000n;
      if (y === 0) { continue; }
      var part = (BIG[i] === " هزار" && y === 1) ? "هزار" : cardinal3(y) + BIG[i];
      res = res ? part + " و " + res : part;
    }
    return n > 0n ? "" : res;
  };

  var focusTarget = function (el) {
    if (!el) { return; }
    if (el.classList.contains("anchor") && el.nextElementSibling) { el = el.nextElementSibling; }
    if (!el.hasAttribute("tabindex")) { el.setAttribute("tabindex", "-1"); }
    el.scrollIntoView({ block: "center" });
    el.focus({ preventScroll: true });
    el.classList.add("flash");
    window.setTimeout(function () { el.classList.remove("flash"); }, 1600);
  };

  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("petition-text");
    var count = document.getElementById("char-count");
    var form = document.getElementById("petition-form");
    var button = document.getElementById("submit-button");
    if (text && count) {
      var max = parseInt(text.getAttribute("data-max-chars"), 10) || 0;
      var update = function () {
        var n = text.value.length;
        var over = max > 0 && n > max;
        count.textContent = group(n) + " نویسه" + (over ? " (بیش از " + group(max) + "؛ کوتاه کنید)" : "");
        count.classList.toggle("over", over);
        text.classList.toggle("over", over);
      };
      text.addEventListener("input", update);
      update();
    }
    if (text && form) {
      text.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          if (form.requestSubmit) { form.requestSubmit(button || undefined); } else { form.submit(); }
        }
      });
    }
    if (form && button) {
      form.addEventListener("submit", function () {
        button.disabled = true;
        button.textContent = "در حال بررسی…";
      });
    }

    // Result first: the error, else the result heading, takes focus and comes into view.
    var first = document.getElementById("input-error") || document.getElementById("report-title") || document.getElementById("fix-title");
    if (first) {
      first.focus({ preventScroll: true });
      first.scrollIntoView({ block: "start" });
    }

    // Findings ↔ text, both ways, for mouse and keyboard.
    document.addEventListener("click", function (e) {
      var link = e.target.closest && e.target.closest('a[href^="#span-"], a[href^="#finding-"]');
      if (link) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (target) { e.preventDefault(); focusTarget(target); }
        return;
      }
      var mark = e.target.closest && e.target.closest("mark[data-finding]");
      if (mark) { focusTarget(document.getElementById("finding-" + mark.getAttribute("data-finding"))); return; }
      // A finding's own words lead to its place in the text too (its «نمایش در متن» link is the keyboard way).
      var message = e.target.closest && e.target.closest("li.finding.has-span .message");
      if (message) {
        var li = message.closest("li.finding");
        var span = document.getElementById("span-" + li.getAttribute("data-index"));
        if (span) { focusTarget(span); }
      }
    });
    document.addEventListener("keydown", function (e) {
      var mark = e.target.closest && e.target.closest("mark[data-finding]");
      if (mark && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        focusTarget(document.getElementById("finding-" + mark.getAttribute("data-finding")));
      }
    });

    // «بررسی شد» / «نادیده گرفته شود»: kept in this page only, carried into the printout.
    var refresh = function () {
      var state = {};
      document.querySelectorAll("li.finding[data-index]").forEach(function (li) {
        var i = li.getAttribute("data-index");
        var reviewed = li.querySelector(".js-reviewed").checked;
        var ignored = li.querySelector(".js-ignored").checked;
        var reason = li.querySelector(".ignore-reason").value.trim();
        li.classList.toggle("reviewed", reviewed);
        li.classList.toggle("ignored", ignored);
        state[i] = { reviewed: reviewed, ignored: ignored, reason: reason };
      });
      var describe = function (s) {
        if (!s) { return ""; }
        if (s.ignored) { return " — نادیده گرفته شد" + (s.reason ? ": " + s.reason : ""); }
        return s.reviewed ? " — ✓ بررسی شد" : "";
      };
      document.querySelectorAll("[data-findings]").forEach(function (row) {
        var ids = row.getAttribute("data-findings").split(" ").filter(Boolean);
        var all = ids.length > 0 && ids.every(function (i) { return state[i] && state[i].ignored; });
        row.classList.toggle("ignored", all);
        var note = row.querySelector(".review-state");
        if (note) { note.textContent = ids.map(function (i) { return describe(state[i]); }).join(""); }
      });
      document.querySelectorAll(".staff-findings li[data-index]").forEach(function (li) {
        li.querySelector(".review-state").textContent = describe(state[li.getAttribute("data-index")]);
      });
    };
    document.querySelectorAll(".js-reviewed, .js-ignored, .ignore-reason").forEach(function (el) {
      el.addEventListener("input", refresh);
      el.addEventListener("change", refresh);
    });
    refresh();

    // With office records on (`screening serve --record`), the marks are also saved with this
    // petition's record: each finding by its position in the report; an override only with its reason.
    var notice = document.getElementById("recording-notice");
    var decisionsUrl = notice && notice.getAttribute("data-decisions-url");
    var tokenField = document.querySelector("input[name=csrftoken]");
    if (decisionsUrl && tokenField) {
      var pending = null;
      var save = function () {
        var decisions = [];
        document.querySelectorAll("li.finding[data-index]").forEach(function (li) {
          var ignored = li.querySelector(".js-ignored").checked;
          var reason = li.querySelector(".ignore-reason").value.trim();
          var decision = ignored && reason ? "overridden" : (li.querySelector(".js-reviewed").checked ? "handled" : null);
          decisions.push({ code: li.getAttribute("data-code"), position: Number(li.getAttribute("data-index")),
                           decision: decision, reason: decision === "overridden" ? reason : "" });
        });
        fetch(decisionsUrl, {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", "x-csrftoken": tokenField.value },
          body: JSON.stringify({ decisions: decisions })
        }).then(function (r) { notice.setAttribute("data-decisions-saved", r.ok ? "yes" : "no"); })
          .catch(function () { notice.setAttribute("data-decisions-saved", "no"); });
      };
      document.querySelectorAll(".js-reviewed, .js-ignored, .ignore-reason").forEach(function (el) {
        el.addEventListener("change", function () {
          notice.removeAttribute("data-decisions-saved");
          clearTimeout(pending);
          pending = setTimeout(save, 300);
        });
      });
    }

    var printWith = function (staff) {
      document.body.classList.toggle("print-staff", staff);
      window.print();
    };
    var print = document.getElementById("print-button");
    if (print) { print.addEventListener("click", function () { printWith(false); }); }
    var printStaff = document.getElementById("print-staff-button");
    if (printStaff) { printStaff.addEventListener("click", function () { printWith(true); }); }
    window.addEventListener("afterprint", function () { document.body.classList.remove("print-staff"); });

    // Guided fix: live national ID check and the amount read back in words.
    document.querySelectorAll(".js-national-id").forEach(function (input) {
      var out = document.getElementById(input.getAttribute("aria-describedby"));
      var check = function () {
        var v = input.value.trim();
        if (!v) { out.textContent = ""; out.className = "field-check"; return; }
        var ok = nationalIdValid(v);
        out.textContent = ok ? "✓ کد ملی معتبر است" : "✗ کد ملی معتبر نیست (رقم کنترل یا شمار رقم‌ها درست نیست)";
        out.className = "field-check " + (ok ? "valid" : "invalid");
        input.setAttribute("aria-invalid", ok ? "false" : "true");
      };
      input.addEventListener("input", check);
      check();
    });
    document.querySelectorAll(".js-amount").forEach(function (input) {
      var out = document.getElementById(input.getAttribute("aria-describedby"));
      var show = function () {
        var digits = asciiDigits(input.value).replace(/[^0-9]/g, "");
        if (!digits) { out.textContent = ""; return; }
        var w = digits.length <= 18 ? words(digits) : "";
        out.textContent = w ? group(digits.replace(/^0+(?=\d)/, "")) + " ریال: " + w + " ریال" : "مبلغ بیش از اندازه است";
      };
      input.addEventListener("input", show);
      show();
    });
  });
})();
