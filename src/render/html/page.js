(function () {
  var root = document.documentElement;
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    zone = "";
  }
  if (zone && zone !== root.getAttribute("data-timezone")) {
    var format = new Intl.DateTimeFormat(undefined, {
      weekday: "short", day: "numeric", month: "short",
      hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    });
    var times = document.querySelectorAll("time.handoff[datetime]");
    for (var i = 0; i < times.length; i++) {
      var span = document.createElement("span");
      span.className = "reader";
      span.textContent = "(" + format.format(new Date(times[i].getAttribute("datetime"))) + " your time)";
      times[i].parentNode.insertBefore(span, times[i].nextSibling);
    }
    var note = document.getElementById("reader-zone");
    if (note) {
      note.textContent = "Handoffs in brackets are in your time zone, " + zone + ".";
      note.hidden = false;
    }
  }
  if (/[?&]measure(&|$)/.test(location.search)) {
    root.setAttribute("data-scroll-width", String(root.scrollWidth));
    root.setAttribute("data-client-width", String(root.clientWidth));
  }
})();
