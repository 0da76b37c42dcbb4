/* Live brainstorm board: applies the board's numbered events as they arrive over a WebSocket, sends the forms'
   actions over it, and after a lost connection reconnects with backoff asking for the events since the last one
   it saw. Without JavaScript (or while disconnected) the forms post normally and the page reloads. */
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board || !("WebSocket" in window)) return;

  var lastSeq = parseInt(board.dataset.seq, 10) || 0;
  var status = board.querySelector("[data-live-status]");
  var errorBox = board.querySelector("[data-live-error]");
  var socket = null;
  var attempts = 0;
  var refCounter = 0;
  var pending = {};
  var leaving = false;
  window.addEventListener("beforeunload", function () { leaving = true; });

  function setStatus(live) {
    if (!status) return;
    status.textContent = live ? status.dataset.liveText || "" : status.dataset.offlineText || "";
    status.classList.toggle("is-live", live);
  }

  function showError(text) {
    if (!errorBox) return;
    errorBox.textContent = text;
    errorBox.hidden = !text;
  }

  function list(groupId) {
    return board.querySelector('[data-group-list="' + (groupId || "") + '"]');
  }

  function swapIds(root, from, to) {
    root.querySelectorAll("[id]").forEach(function (el) { el.id = el.id.replace(from, to); });
    root.querySelectorAll("label[for]").forEach(function (el) { el.htmlFor = el.htmlFor.replace(from, to); });
    root.querySelectorAll("[aria-labelledby]").forEach(function (el) {
      el.setAttribute("aria-labelledby", el.getAttribute("aria-labelledby").replace(from, to));
    });
  }

  function addCard(data) {
    if (document.getElementById("idea-" + data.id)) return;
    var template = document.getElementById("idea-template");
    var target = list(data.group);
    if (!template || !target) return;
    var card = template.content.firstElementChild.cloneNode(true);
    card.id = "idea-" + data.id;
    card.dataset.card = data.id;
    card.className = "idea idea-" + data.colour + " is-new";
    card.querySelector(".idea-text").textContent = data.text;
    card.querySelector(".idea-author").textContent = data.author;
    card.querySelector(".idea-votes").textContent = data.votes;
    var noun = card.querySelector(".idea-votes-noun");
    if (noun) noun.textContent = data.votes === 1 ? noun.dataset.one : noun.dataset.other;
    card.querySelectorAll('input[name="card"]').forEach(function (input) { input.value = data.id; });
    card.querySelectorAll(".visually-hidden").forEach(function (el) { el.textContent = " — " + data.text.slice(0, 40); });
    swapIds(card, /-0$/, "-" + data.id);
    card.dataset.mine = 0;
    makeDraggable(card);
    target.appendChild(card);
    showDots();
  }

  // Where my dots are: "+1" stops when none is left, "−1" shows only on the ideas that hold one of mine.
  function showDots(dotsLeft) {
    if (typeof dotsLeft === "number") board.dataset.dots = dotsLeft;
    var left = parseInt(board.dataset.dots, 10);
    board.querySelectorAll('form[data-live="vote"] button').forEach(function (button) { button.disabled = !(left > 0); });
    board.querySelectorAll(".idea[data-card]").forEach(function (card) {
      var takeBack = card.querySelector('form[data-live="unvote"]');
      if (takeBack) takeBack.hidden = !(parseInt(card.dataset.mine, 10) > 0);
    });
  }

  function addGroup(data) {
    if (board.querySelector('[data-group="' + data.id + '"]')) return;
    var template = document.getElementById("group-template");
    var container = board.querySelector(".board-groups");
    if (!template || !container) return;
    var group = template.content.firstElementChild.cloneNode(true);
    group.dataset.group = data.id;
    group.querySelector(".group-name").textContent = data.name;
    group.querySelector("[data-group-list]").dataset.groupList = data.id;
    group.querySelector(".group-name").id = "group-" + data.id + "-title";
    group.setAttribute("aria-labelledby", "group-" + data.id + "-title");
    makeDropTarget(group);
    container.appendChild(group);
    var selects = Array.prototype.slice.call(board.querySelectorAll("select[data-group-select]"));
    var cardTemplate = document.getElementById("idea-template");
    if (cardTemplate) selects = selects.concat(Array.prototype.slice.call(cardTemplate.content.querySelectorAll("select")));
    selects.forEach(function (select) {
      var option = document.createElement("option");
      option.value = data.id;
      option.textContent = data.name;
      select.appendChild(option);
    });
  }

  function apply(event) {
    var data = event.data || {};
    if (event.type === "card_added") addCard(data);
    else if (event.type === "card_removed") {
      var removed = document.getElementById("idea-" + data.card);  // hidden by the moderators
      if (removed) removed.remove();
    } else if (event.type === "group_added") addGroup(data);
    else if (event.type === "vote") {
      var votes = board.querySelector("#idea-" + data.card + " .idea-votes");
      if (votes) votes.textContent = data.votes;
      var noun = board.querySelector("#idea-" + data.card + " .idea-votes-noun");
      if (noun) noun.textContent = data.votes === 1 ? noun.dataset.one : noun.dataset.other;
    } else if (event.type === "card_moved") {
      var card = document.getElementById("idea-" + data.card);
      var target = list(data.group);
      if (card && target) {
        target.appendChild(card);
        var select = card.querySelector("select[data-group-select]");
        if (select) select.value = data.group || "";
      }
    } else if (event.type === "phase" || event.type === "card_promoted") {
      // A new phase changes which forms each person sees: the page is drawn again by the server (unless this
      // page is already on its way to a new one, e.g. the facilitator's own phase form).
      if (!leaving && (event.type !== "phase" || data.phase !== board.dataset.phase)) window.location.reload();
    }
  }

  function onMessage(message) {
    var payload;
    try { payload = JSON.parse(message.data); } catch (e) { return; }
    if (payload.kind === "event") {
      if (payload.seq <= lastSeq) return; // already applied
      lastSeq = payload.seq;
      board.dataset.seq = lastSeq;
      apply(payload);
    } else if (payload.kind === "ack") {
      showError("");
      var form = pending[payload.ref];
      delete pending[payload.ref];
      if (typeof payload.dots_left === "number") {
        board.querySelectorAll("[data-dots-left]").forEach(function (el) { el.textContent = payload.dots_left; });
        var card = form && form.closest(".idea[data-card]");
        if (card) card.dataset.mine = Math.max(0, (parseInt(card.dataset.mine, 10) || 0) + (form.dataset.live === "vote" ? 1 : -1));
        showDots(payload.dots_left);
      }
      if (form && form.dataset.live === "post") {
        form.reset();
        var text = form.querySelector("textarea");
        if (text) text.focus();
      }
      if (form && form.dataset.live === "group") form.reset();
    } else if (payload.kind === "error") {
      delete pending[payload.ref];
      showError(payload.message);
    }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + board.dataset.ws + "?since=" + lastSeq);
    socket.onopen = function () { attempts = 0; setStatus(true); };
    socket.onmessage = onMessage;
    socket.onclose = function (event) {
      // Not (or no longer) allowed, or gone: the page itself tells why, instead of retrying for ever.
      if (event.code === 4403 || event.code === 4404) { window.location.reload(); return; }
      setStatus(false);
      attempts += 1;
      var delay = Math.min(10000, 500 * Math.pow(2, attempts - 1)) * (0.75 + Math.random() * 0.5);
      window.setTimeout(connect, delay);
    };
  }

  function send(action, fields, form) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    refCounter += 1;
    var payload = { action: action, ref: refCounter };
    Object.keys(fields).forEach(function (key) { payload[key] = fields[key]; });
    pending[refCounter] = form || null;
    socket.send(JSON.stringify(payload));
    return true;
  }

  board.addEventListener("submit", function (event) {
    var form = event.target;
    var action = form.dataset.live;
    if (!action) return; // not a live form: post normally
    var fields = {};
    new FormData(form).forEach(function (value, key) {
      if (key !== "csrfmiddlewaretoken") fields[key] = value;
    });
    if (action === "post") fields.anonymous = !!fields.anonymous;
    if (send(action, fields, form)) event.preventDefault();
  });

  // Drag and drop for the facilitator (the "Move" form does the same with the keyboard).
  var dragged = null;
  function makeDraggable(card) {
    if (!card.querySelector(".idea-move")) return;
    card.draggable = true;
    card.addEventListener("dragstart", function (e) { dragged = card.dataset.card; e.dataTransfer.setData("text/plain", dragged); });
  }
  function makeDropTarget(section) {
    section.addEventListener("dragover", function (e) { if (dragged) e.preventDefault(); });
    section.addEventListener("drop", function (e) {
      e.preventDefault();
      var listEl = section.querySelector("[data-group-list]");
      if (dragged && listEl) send("move", { card: dragged, group: listEl.dataset.groupList || "" }, null);
      dragged = null;
    });
  }
  board.querySelectorAll(".idea").forEach(makeDraggable);
  board.querySelectorAll(".group").forEach(makeDropTarget);

  connect();
})();
