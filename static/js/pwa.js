// The app layer: the service worker, the install button and "a new version is ready".
// Every page works without it.
(() => {
  "use strict";
  const install = document.getElementById("install-app");
  let offered = null;
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault(); // our own button offers it, where the shopper can find it
    offered = event;
    if (install) install.hidden = false;
  });
  install?.addEventListener("click", async () => {
    if (!offered) return;
    offered.prompt();
    await offered.userChoice;
    offered = null;
    install.hidden = true;
  });
  window.addEventListener("appinstalled", () => {
    if (install) install.hidden = true;
  });

  if (!("serviceWorker" in navigator)) return;
  const banner = document.getElementById("new-version");
  let accepted = false;
  const offer = (worker) => {
    if (!banner) return;
    banner.hidden = false;
    banner.querySelector("button").addEventListener("click", () => {
      accepted = true;
      worker.postMessage("skip-waiting");
    }, { once: true });
  };
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (accepted) location.reload();
  });
  // "Tell me on this phone": a push subscription to an order or an alert.
  const canPush = "PushManager" in window && window.Notification?.permission !== "denied";
  const showOptIns = () => {
    if (canPush) document.querySelectorAll(".push-opt-in[hidden]").forEach((o) => { o.hidden = false; });
  };
  showOptIns();
  document.addEventListener("htmx:after:swap", showOptIns);
  document.addEventListener("click", async (event) => {
    const button = event.target.closest(".push-opt-in button");
    if (!button) return;
    const optIn = button.closest(".push-opt-in");
    const said = optIn.querySelector(".push-opt-in__said");
    if ((await Notification.requestPermission()) !== "granted") {
      said.textContent = optIn.dataset.refused;
      return;
    }
    const key = Uint8Array.from(atob(optIn.dataset.key.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    const registration = await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    const answer = await fetch(optIn.dataset.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": optIn.dataset.csrf },
      body: JSON.stringify(subscription),
    });
    said.textContent = (await answer.json()).message;
    if (answer.ok) button.hidden = true;
  });

  // Changes made offline: say how many wait, send them when the phone is back online.
  const pending = document.getElementById("offline-waiting");
  navigator.serviceWorker.addEventListener("message", ({ data }) => {
    if (!pending || typeof data?.waiting !== "number") return;
    pending.hidden = data.waiting === 0;
    const template = data.waiting === 1 ? pending.dataset.one : pending.dataset.many;
    pending.querySelector("p").textContent = template.replace("{num}", data.waiting);
    if (data.sent) window.htmx?.trigger(document.body, "shopper-refresh");
  });
  const ask = (message) => navigator.serviceWorker.controller?.postMessage(message);
  window.addEventListener("online", () => ask("replay"));
  navigator.serviceWorker.ready.then(() => ask(navigator.onLine ? "replay" : "waiting?"));

  navigator.serviceWorker.register("/sw.js").then((registration) => {
    if (!registration) return; // a browser that blocks workers resolves with nothing
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker?.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
      });
    });
  });
})();
