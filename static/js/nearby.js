// "Use my location to see stores near me" in the product page's buy box: the browser's
// position, then the buy box again from the server with lat and lon, the nearby stores
// ranked from there. A refusal or a timeout leaves a short message beside the button.
(function () {
  "use strict";
  if (!("geolocation" in navigator)) return;

  // The buy box is swapped by htmx when the variant changes: reveal each new button. htmx
  // is loaded after this file (both deferred), so it is looked for once the page is parsed.
  function reveal() {
    if (!window.htmx) return;
    var box = document.getElementById("nearby-locate-box");
    var button = document.getElementById("nearby-locate");
    if (!box || !button) return;
    box.hidden = false;
    button.hidden = false;
  }

  function refuse(button, message) {
    button.disabled = false;
    if (message) message.textContent = button.dataset.denied;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("#nearby-locate");
    if (!button) return;
    var message = document.getElementById("nearby-message");
    button.disabled = true;
    if (message) message.textContent = button.dataset.waiting;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        // Keep the current variant (size, colour, sku) from the address; replace lat and lon.
        var params = new URLSearchParams(location.search);
        params.set("lat", position.coords.latitude.toFixed(4));
        params.set("lon", position.coords.longitude.toFixed(4));
        // On success the new buy box replaces this button; if it is still here, it failed.
        var done = function () {
          if (button.isConnected) refuse(button, message);
        };
        window.htmx
          .ajax("GET", location.pathname + "?" + params.toString(), {
            target: "#buy-box",
            swap: "outerHTML",
            headers: { "HX-Target": "div#buy-box" },
          })
          .then(done, done);
      },
      function () {
        refuse(button, message);
      },
      { timeout: 10000, maximumAge: 300000 }
    );
  });

  document.addEventListener("htmx:after:settle", reveal);
  if (document.readyState === "complete") reveal();
  else document.addEventListener("DOMContentLoaded", reveal);
})();
