// The map above the store locator's results, only when an operator configured a tile server
// (the page then loads Leaflet first). Everything it shows comes from #store-map's data
// attributes; the list below it works on its own, with or without this file.
(() => {
  "use strict";
  let current = null;

  // Leaflet writes attributions as HTML: the operator's text is shown as text.
  const asText = (text) => {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  };

  const popup = (store) => {
    const link = document.createElement("a");
    link.href = store.url;
    link.textContent = store.name;
    return link;
  };

  const init = () => {
    const element = document.getElementById("store-map");
    if (current && current.getContainer() === element) return;
    if (current) {
      current.remove(); // the results were swapped: let go of the old map's listeners
      current = null;
    }
    if (!element || !window.L) return;
    let stores;
    try {
      stores = JSON.parse(element.dataset.stores || "[]");
    } catch {
      return;
    }
    if (!stores.length) return;
    const L = window.L;
    const map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tiles, {
      attribution: asText(element.dataset.attribution || ""),
      maxZoom: 19,
    }).addTo(map);
    const icon = L.icon({
      iconUrl: element.dataset.icon,
      iconRetinaUrl: element.dataset.icon2x,
      shadowUrl: element.dataset.shadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      tooltipAnchor: [16, -28],
      shadowSize: [41, 41],
    });
    const points = stores.map((store) => {
      const point = [store.lat, store.lon];
      L.marker(point, { icon, title: store.name, alt: store.name }).bindPopup(popup(store)).addTo(map);
      return point;
    });
    map.fitBounds(L.latLngBounds(points), { padding: [32, 32], maxZoom: 14 });
    current = map;
  };

  init();
  // After the settle, not the swap: htmx copies the old element's class onto a new one with
  // the same id during the settle, then puts the new one's back, which would undo Leaflet's.
  // (The container keeps no style attribute, position coming from stores.css, so there is
  // no inline style for htmx to copy across, which the CSP would refuse.)
  document.addEventListener("htmx:after:settle", init);
  document.addEventListener("htmx:after:history:restore", init);
})();
