// "Use my location" on /stores and at checkout: the browser's position goes to the page in
// the button's data-url as lat and lon, or a clear message (and the search box, if any).
// Listens on the document, so a button that htmx swapped in works too.
(function () {
  "use strict";
  if (!("geolocation" in navigator)) return;

  function reveal() {
    var button = document.getElementById("locator-locate");
    if (button) button.hidden = false;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("#locator-locate");
    if (!button) return;
    var message = document.getElementById("locator-message");
    var field = document.getElementById("locator-q");
    button.disabled = true;
    message.textContent = button.dataset.waiting;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var lat = position.coords.latitude.toFixed(4);
        var lon = position.coords.longitude.toFixed(4);
        window.location.assign(button.dataset.url + "?lat=" + lat + "&lon=" + lon);
      },
      function () {
        button.disabled = false;
        message.textContent = button.dataset.denied;
        if (field) field.focus();
      },
      { timeout: 10000, maximumAge: 300000 }
    );
  });
  document.addEventListener("htmx:after:settle", reveal);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", reveal);
  else reveal();
})();
