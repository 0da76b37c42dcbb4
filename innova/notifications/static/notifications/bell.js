/* Live unread count for the header bell over /ws/notificaciones/. Without JavaScript the bell is a plain link. */
(function () {
  "use strict";
  var bell = document.getElementById("notification-bell");
  if (!bell || !window.WebSocket) return;
  var count = document.getElementById("notification-bell-count");
  var delay = 1000;
  function show(unread) {
    count.textContent = String(unread);
    count.hidden = !unread;
    bell.setAttribute("aria-label", unread ? bell.dataset.labelSome + " " + unread : bell.dataset.labelNone);
  }
  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + bell.dataset.ws);
    socket.onopen = function () { delay = 1000; };
    socket.onmessage = function (event) {
      try { var data = JSON.parse(event.data); } catch (e) { return; }
      if (typeof data.unread === "number") show(data.unread);
    };
    socket.onclose = function (event) {
      if (event.code === 4401) return; // logged out: nothing to listen to
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 60000);
    };
  }
  connect();
})();
