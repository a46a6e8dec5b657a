// The kiosk's on-screen keyboard: each key types into the search field as a physical
// keyboard would, so the suggestions follow the letters.
(() => {
  "use strict";
  // Keep the focus (and the open suggestions) in the field while a key is pressed.
  document.addEventListener("mousedown", (event) => {
    if (event.target.closest("[data-key]")) event.preventDefault();
  });
  document.addEventListener("click", (event) => {
    const key = event.target.closest("[data-key]");
    if (!key) return;
    const input = document.getElementById(key.closest("[data-keyboard-for]").dataset.keyboardFor);
    const typed = key.dataset.key;
    if (typed === "backspace") input.value = input.value.slice(0, -1);
    else if (typed === "clear") input.value = "";
    else input.value = (input.value + typed).slice(0, input.maxLength);
    input.focus();
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();
