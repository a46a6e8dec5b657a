// Progressive enhancements; every page works without this file.
(() => {
  "use strict";
  const root = document.documentElement;
  root.classList.add("js");

  // A select that applies itself (the language switcher).
  document.addEventListener("change", (event) => {
    const select = event.target.closest("select[data-autosubmit]");
    if (select) select.form.requestSubmit();
  });

  // Listing forms send only the fields in use, so addresses stay short and shareable.
  document.addEventListener("htmx:config:request", (event) => {
    const { request } = event.detail.ctx;
    if (request.method !== "GET" || !request.form) return;
    for (const [name, value] of [...request.body]) {
      if (value === "") request.body.delete(name);
    }
  });
  // Applying the same filters again is not a new step back through history.
  document.addEventListener("htmx:before:history:update", (event) => {
    const { type, path } = event.detail.history;
    if (type === "push" && path === location.pathname + location.search) event.preventDefault();
  });

  // Facets drawer on phones: a toggle button opens it, Escape or "show results" closes it.
  const setFacets = (open) => {
    root.classList.toggle("facets-open", open);
    document.querySelectorAll(".filters-toggle").forEach((b) => b.setAttribute("aria-expanded", String(open)));
    if (open) document.querySelector("#filters .facets__close")?.focus();
    else if (location.hash === "#filters") history.replaceState(history.state, "", location.pathname + location.search);
  };
  document.addEventListener("click", (event) => {
    if (event.target.closest(".filters-toggle")) {
      event.preventDefault();
      setFacets(true);
    } else if (event.target.closest(".facets__close, .facets__apply button")) {
      if (event.target.closest(".facets__close")) event.preventDefault();
      setFacets(false);
      document.querySelector(".filters-toggle")?.focus();
    }
  });

  // Search suggestions: keep the combobox state in sync, arrows move, Escape closes.
  const input = document.getElementById("search-q");
  const box = () => document.getElementById("search-suggestions");
  const options = () => [...(box()?.querySelectorAll("a") || [])];
  const closeSuggestions = () => {
    const b = box();
    if (b) b.hidden = true;
    input?.setAttribute("aria-expanded", "false");
  };
  document.addEventListener("htmx:after:swap", () => {
    const b = box();
    if (input && b) input.setAttribute("aria-expanded", String(!b.hidden && document.activeElement === input));
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === " " && event.target.matches?.('a[role="button"]')) {
      event.preventDefault(); // links styled as buttons answer Space like buttons do
      event.target.click();
      return;
    }
    if (event.key === "Escape") {
      if (root.classList.contains("facets-open")) setFacets(false);
      closeSuggestions();
      return;
    }
    if (!input || !["ArrowDown", "ArrowUp"].includes(event.key)) return;
    const list = options();
    const at = list.indexOf(document.activeElement);
    if (document.activeElement !== input && at === -1) return;
    event.preventDefault();
    const next = event.key === "ArrowDown" ? Math.min(at + 1, list.length - 1) : at - 1;
    (next < 0 ? input : list[next])?.focus();
  });
  document.addEventListener("focusin", (event) => {
    if (input && !event.target.closest(".search-box")) closeSuggestions();
  });

  // Another device may have changed the cart or wishlist: widgets listening for
  // "shopper-refresh" re-fetch themselves when this tab is shown or focused again.
  let refreshedAt = 0;
  const refresh = () => {
    if (Date.now() - refreshedAt < 1000) return; // focus and visibilitychange come together
    refreshedAt = Date.now();
    document.body.dispatchEvent(new CustomEvent("shopper-refresh", { bubbles: true }));
  };
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") refresh();
  });
  window.addEventListener("focus", refresh);

  // The cart toast says its piece, then goes, unless the shopper is reading or using it.
  let toastTimer;
  document.addEventListener("htmx:after:swap", () => {
    const toast = document.getElementById("cart-toast");
    if (!toast || !toast.children.length) return;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function hide() {
      if (toast.matches(":hover, :focus-within")) toastTimer = setTimeout(hide, 2000);
      else toast.replaceChildren();
    }, 6000);
  });
})();
