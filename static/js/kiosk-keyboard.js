// The kiosk's on-screen keyboard: each key types into its field as a physical keyboard
// would, so the suggestions follow the letters. A keyboard without a field of its own
// (the checkout's contact details) types into the field of its form last touched.
(() => {
  "use strict";
  let touched = null;
  document.addEventListener("focusin", (event) => {
    if (event.target.matches("input[inputmode=none]")) touched = event.target;
  });
  // Keep the focus (and the open suggestions) in the field while a key is pressed.
  document.addEventListener("mousedown", (event) => {
    if (event.target.closest("[data-key]")) event.preventDefault();
  });
  const fieldOf = (board) => {
    if (board.dataset.keyboardFor) return document.getElementById(board.dataset.keyboardFor);
    const form = board.closest("form");
    if (touched && touched.form === form) return touched;
    return form.querySelector("input[inputmode=none]");
  };
  // A name field (autocapitalize="words") starts each word with a capital, as phones do.
  const cased = (input, typed) => {
    const startsWord = input.value === "" || /[\s'-]$/.test(input.value);
    return input.autocapitalize === "words" && startsWord ? typed.toUpperCase() : typed;
  };
  document.addEventListener("click", (event) => {
    const key = event.target.closest("[data-key]");
    if (!key) return;
    const input = fieldOf(key.closest(".keyboard"));
    const typed = key.dataset.key;
    if (typed === "backspace") input.value = input.value.slice(0, -1);
    else if (typed === "clear") input.value = "";
    else input.value = (input.value + cased(input, typed)).slice(0, input.maxLength);
    input.focus();
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();
