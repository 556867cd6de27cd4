/* The queue's pages, a little livelier: the display screen and a ticket's page refresh themselves.
   Without this file both show what was true when they were loaded (and a ticket's page has a reload link). */
(function () {
  "use strict";

  function getJSON(url, done) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.onload = function () {
      if (xhr.status === 200) { try { done(JSON.parse(xhr.responseText)); } catch (e) { /* next round */ } }
    };
    xhr.send();
  }

  // The display screen: ask every 1.5 s (a plain request, so any proxy passes it), redraw, announce new calls.
  var screen = document.querySelector("[data-display-feed]");
  if (screen) {
    var body = screen.querySelector("[data-calls]");
    var soundButton = screen.querySelector("[data-sound]");
    var soundOn = false;
    var seen = null;
    var audio = null;
    if (soundButton && (window.AudioContext || window.webkitAudioContext || window.speechSynthesis)) {
      soundButton.hidden = false;  // browsers play sound only after someone pressed something on the page
      soundButton.addEventListener("click", function () {
        soundOn = !soundOn;
        soundButton.setAttribute("aria-pressed", soundOn ? "true" : "false");
        if (soundOn && !audio && (window.AudioContext || window.webkitAudioContext)) {
          audio = new (window.AudioContext || window.webkitAudioContext)();
        }
      });
    }
    var chime = function () {
      if (!audio) { return; }
      [660, 880].forEach(function (frequency, i) {
        var oscillator = audio.createOscillator();
        var gain = audio.createGain();
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.25, audio.currentTime + i * 0.35);
        gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.35 + 0.3);
        oscillator.connect(gain);
        gain.connect(audio.destination);
        oscillator.start(audio.currentTime + i * 0.35);
        oscillator.stop(audio.currentTime + i * 0.35 + 0.3);
      });
    };
    var say = function (call) {
      if (!window.speechSynthesis) { return; }
      var words = screen.getAttribute("data-say").replace("{number}", call.number.split("-").join(" "))
        .replace("{counter}", call.counter);
      var utterance = new SpeechSynthesisUtterance(words);
      utterance.lang = document.documentElement.lang;
      window.speechSynthesis.speak(utterance);
    };
    var keyOf = function (call) { return call.number + "|" + call.calls + "|" + call.called_at; };
    var draw = function (data) {
      var keys = data.calls.map(keyOf);
      if (seen !== null && soundOn) {
        data.calls.filter(function (call) { return seen.indexOf(keyOf(call)) === -1; }).reverse()
          .forEach(function (call, i) { setTimeout(function () { chime(); say(call); }, i * 2500); });
      }
      seen = keys;
      if (!data.calls.length) { return; }
      while (body.firstChild) { body.removeChild(body.firstChild); }
      data.calls.forEach(function (call, i) {
        var row = document.createElement("tr");
        if (i === 0) { row.className = "is-latest"; }
        var number = document.createElement("td");
        number.setAttribute("dir", "ltr");
        number.textContent = call.number;
        var counter = document.createElement("td");
        counter.textContent = call.counter === null ? "" : call.counter;
        row.appendChild(number);
        row.appendChild(counter);
        body.appendChild(row);
      });
    };
    var poll = function () { getJSON(screen.getAttribute("data-display-feed"), draw); };
    poll();
    setInterval(poll, 1500);
  }

  // A ticket's page: every 10 s while waiting; the page reloads itself when the ticket is called.
  var ticket = document.querySelector("[data-ticket-status]");
  if (ticket && ticket.querySelector('[data-field="position"]')) {
    setInterval(function () {
      getJSON(ticket.getAttribute("data-ticket-status"), function (data) {
        if (data.state !== "waiting") { window.location.reload(); return; }
        ticket.querySelector('[data-field="position"]').textContent = data.position;
        ticket.querySelector('[data-field="wait"]').textContent = data.wait_label;
      });
    }, 10000);
  }
})();
