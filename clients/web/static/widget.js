// omniroute web chat widget: plain JavaScript, no build step.
// <script src="/widget/widget.js" data-customer-id="..." data-customer-signature="..."></script>
// Every message text is put into the page with textContent: it is data, never markup.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? new URL(".", script.src).href.replace(/widget\/$/, "") : "/";
  var customerId = script && script.getAttribute("data-customer-id");
  var customerSig = script && script.getAttribute("data-customer-signature");
  var seen = {};

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var root = el("div", "omniroute-chat");
  var log = el("div", "omniroute-log");
  var queue = el("div", "omniroute-queue");
  var replies = el("div", "omniroute-replies");
  var form = el("form", "omniroute-form");
  var input = el("input", "omniroute-input");
  var send = el("button", "omniroute-send", "Отправить");
  input.type = "text";
  input.placeholder = "Напишите сообщение…";
  input.maxLength = 4096;
  send.type = "submit";
  form.appendChild(input);
  form.appendChild(send);
  root.appendChild(log);
  root.appendChild(queue);
  root.appendChild(replies);
  root.appendChild(form);
  (document.getElementById("omniroute-chat") || document.body).appendChild(root);
  queue.hidden = true;

  function show(role, text) {
    var line = el("div", "omniroute-msg omniroute-" + role);
    line.textContent = text;
    log.appendChild(line);
    log.scrollTop = log.scrollHeight;
  }

  function post(body) {
    body.client_id = Date.now().toString(36) + Math.random().toString(36).slice(2);
    var headers = { "Content-Type": "application/json", "X-Omniroute-Widget": "1" };
    if (customerId && customerSig) {
      headers["X-Customer-Id"] = customerId;
      headers["X-Customer-Signature"] = customerSig;
    }
    var attempt = function (left) {
      return fetch(base + "api/messages", {
        method: "POST", credentials: "same-origin", headers: headers, body: JSON.stringify(body)
      }).then(function (response) {
        // The same client_id makes a retry safe: the router stores the message once.
        if (response.status === 503 && left > 0) {
          return new Promise(function (r) { setTimeout(r, 1500); }).then(function () {
            return attempt(left - 1);
          });
        }
        if (!response.ok) show("error", "Сообщение не отправлено, попробуйте ещё раз.");
      });
    };
    return attempt(3);
  }

  function showReplies(list) {
    while (replies.firstChild) replies.removeChild(replies.firstChild);
    list.forEach(function (reply) {
      var button = el("button", "omniroute-reply", reply.title);
      button.type = "button";
      button.addEventListener("click", function () {
        show("customer", reply.title);
        showReplies([]);
        post({ quick_reply: reply.payload });
      });
      replies.appendChild(button);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    show("customer", text);
    showReplies([]);
    post({ text: text });
  });

  // EventSource reconnects by itself and sends Last-Event-ID, so nothing missed is lost.
  var source = new EventSource(base + "api/events", { withCredentials: true });
  source.addEventListener("message", function (event) {
    var data = JSON.parse(event.data);
    if (seen[data.delivery_id]) return; // delivered at least once: drop repeats
    seen[data.delivery_id] = true;
    // The waiting line shows the queue position as data when the router sends it, else
    // the latest system notice (which also tells the place in the queue).
    if (data.queue && data.queue.position > 0) {
      queue.textContent = "Вы в очереди: " + data.queue.position;
      queue.hidden = false;
    } else if (data.role === "system" && data.text) {
      queue.textContent = data.text;
      queue.hidden = false;
    } else if (data.role === "operator") {
      queue.hidden = true;
    }
    if (data.text) show(data.role, data.text);
    (data.attachments || []).forEach(function (file) {
      var link = el("a", "omniroute-file", file.name || file.url);
      if (/^https?:/.test(file.url)) link.href = file.url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      log.appendChild(link);
    });
    showReplies(data.quick_replies || []);
  });
})();
