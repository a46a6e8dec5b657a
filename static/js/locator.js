// "Use my location" on /stores: the browser's position, or a clear message and the search box.
(function () {
  "use strict";
  var button = document.getElementById("locator-locate");
  var message = document.getElementById("locator-message");
  var field = document.getElementById("locator-q");
  if (!button || !message || !("geolocation" in navigator)) return;
  button.hidden = false;

  function refuse() {
    button.disabled = false;
    message.textContent = button.dataset.denied;
    if (field) field.focus();
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    message.textContent = button.dataset.waiting;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var lat = position.coords.latitude.toFixed(4);
        var lon = position.coords.longitude.toFixed(4);
        window.location.assign(button.dataset.url + "?lat=" + lat + "&lon=" + lon);
      },
      refuse,
      { timeout: 10000, maximumAge: 300000 }
    );
  });
})();
