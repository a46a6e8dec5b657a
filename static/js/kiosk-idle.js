// The kiosk's idle reset: after the screen's idle seconds without a touch, a countdown
// overlay; any touch keeps going, and at zero the "Done" form is sent, which wipes the visit.
(() => {
  "use strict";
  const main = document.querySelector("[data-idle-seconds]");
  const overlay = document.getElementById("kiosk-idle");
  const done = document.getElementById("kiosk-reset");
  if (!main || !overlay || !done) return;
  const idleMs = Number(main.dataset.idleSeconds) * 1000;
  const countdown = Number(overlay.dataset.countdown);
  const count = overlay.querySelector("[data-template]");
  let idleTimer;
  let tick = null;

  const show = (left) => {
    count.textContent = count.dataset.template.replace("{num}", String(left));
  };
  const startCountdown = () => {
    let left = countdown;
    show(left);
    overlay.hidden = false;
    overlay.querySelector("[data-keep-going]").focus();
    tick = setInterval(() => {
      left -= 1;
      if (left > 0) return show(left);
      clearInterval(tick);
      done.requestSubmit();
    }, 1000);
  };
  const keepGoing = () => {
    if (tick !== null) {
      clearInterval(tick);
      tick = null;
      overlay.hidden = true;
    }
    clearTimeout(idleTimer);
    idleTimer = setTimeout(startCountdown, idleMs);
  };
  for (const type of ["pointerdown", "keydown", "input", "wheel", "scroll"]) {
    document.addEventListener(type, keepGoing, { capture: true, passive: true });
  }
  keepGoing();
})();
