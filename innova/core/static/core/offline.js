/* Usme Innova offline support: register the service worker, say when a page may be outdated, and keep reports
   written without connection on the phone until they can be sent (exactly once, thanks to an idempotency key). */
(function () {
  "use strict";
  var QUEUE_KEY = "innova-offline-queue";
  // Reports the server refused (invalid): never thrown away, they go back into the report form to be corrected.
  var REFUSED_KEY = "innova-offline-refused";
  var status = document.getElementById("offline-status");
  if (!status) { return; }

  if ("serviceWorker" in navigator && status.dataset.sw) {
    navigator.serviceWorker.register(status.dataset.sw, { scope: "/" }).catch(function () {});
  }

  function say(text) { status.hidden = !text; status.textContent = text || ""; }
  function stored(key) { try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; } }
  function queue() { return stored(QUEUE_KEY); }
  function save(items) { localStorage.setItem(QUEUE_KEY, JSON.stringify(items)); }
  function withoutItem(item) { save(queue().filter(function (i) { return i.key !== item.key; })); }
  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }
  function showPending() {
    var items = queue();
    if (items.length) {
      say(status.dataset.msgPending.replace("{n}", items.length) + " " + items.map(function (i) { return "«" + i.title + "»"; }).join(", "));
    } else if (!navigator.onLine) {
      say(status.dataset.msgOffline);
    } else {
      say("");
    }
  }

  // Every queued report goes to the API's report endpoint, whatever page queued it: items the previous version
  // queued for the report page are sent there too. The web form's theme and UPZ are ids; the API names them so.
  var API_NAMES = { theme: "theme_id", upz: "upz_id" };
  var sending = false;
  function token(item) {
    var field = document.querySelector("[name=csrfmiddlewaretoken]");
    return field ? field.value : item.fields.csrfmiddlewaretoken;
  }
  function flush() {
    var items = queue();
    if (sending || !items.length || !navigator.onLine) { showPending(); return; }
    sending = true;
    var item = items[0];
    var body = new FormData();
    Object.keys(item.fields).forEach(function (name) { body.append(API_NAMES[name] || name, item.fields[name]); });
    fetch(status.dataset.api, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": token(item), "Idempotency-Key": item.key, "Accept": "application/json" }
    }).then(function (response) {
      sending = false;
      if (response.ok) {
        withoutItem(item);
        say(status.dataset.msgSent.replace("{title}", item.title));
        if (queue().length) { flush(); }
        return;
      }
      // Invalid: it leaves the queue for the refused list with the server's Spanish messages, to be corrected.
      if (response.status === 400) {
        return response.json().catch(function () { return {}; }).then(function (errors) {
          withoutItem(item);
          var refused = stored(REFUSED_KEY);
          refused.push({ key: item.key, title: item.title, fields: item.fields, errors: messagesOf(errors) });
          localStorage.setItem(REFUSED_KEY, JSON.stringify(refused));
          showRefused();
          if (queue().length) { flush(); }
        });
      }
      // Too many reports in a while: try again when the API says. Logged out or a server error: the item stays
      // and goes with the next page or the next return of the connection; logged out, the person is told.
      var wait = parseInt(response.headers.get("Retry-After"), 10);
      if (response.status === 429 && wait > 0) { setTimeout(flush, wait * 1000); }
      showPending();
      if (response.status === 401 || response.status === 403) { say(status.textContent + " " + status.dataset.msgLogin); }
    }).catch(function () { sending = false; showPending(); });
  }

  document.querySelectorAll("form[data-offline-queue]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (navigator.onLine) { return; }
      event.preventDefault();
      var fields = {};
      new FormData(form).forEach(function (value, name) { if (typeof value === "string") { fields[name] = value; } });
      fields.client_key = fields.client_key || uuid();
      var items = queue();
      items.push({ key: fields.client_key, action: form.action, title: fields.title || "", fields: fields });
      save(items);
      form.reset();
      showPending();
    });
  });

  function messagesOf(errors) {
    return Object.keys(errors).map(function (name) { return [].concat(errors[name]).join(" "); }).join(" ");
  }
  // The first refused report: on the report page it is put back into the form; elsewhere the person is told.
  function showRefused() {
    var refused = stored(REFUSED_KEY);
    if (!refused.length) { return false; }
    var item = refused[0];
    var form = document.querySelector("form[data-offline-queue]");
    var text = status.dataset.msgRefused.replace("{title}", item.title).replace("{errors}", item.errors);
    if (!form) { say(text + " " + status.dataset.msgRefusedWhere); return true; }
    Object.keys(item.fields).forEach(function (name) {
      var field = form.elements[name];
      if (!field || name === "csrfmiddlewaretoken" || field.type === "file") { return; }
      // A checkbox is in the stored fields only if it was ticked: tick it again (its value is not the choice).
      if (field.type === "checkbox") { field.checked = true; } else { field.value = item.fields[name]; }
    });
    localStorage.setItem(REFUSED_KEY, JSON.stringify(refused.slice(1)));
    say(text + " " + status.dataset.msgRefusedHere);
    return true;
  }

  window.addEventListener("online", flush);
  window.addEventListener("offline", showPending);
  if (!showRefused() || queue().length) { flush(); }
})();
