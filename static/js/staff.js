// Store team board: the 30 s refresh waits while someone is using the board, and a
// camera scan of the pickup code where the browser can read QR codes itself.
(() => {
  "use strict";

  // A refresh would swap the board away from under the keyboard focus.
  document.addEventListener("htmx:before:request", (event) => {
    const board = document.getElementById("board");
    if (event.target === board && event.detail.ctx.request.method === "GET" && board.contains(document.activeElement)) {
      event.preventDefault();
    }
  });

  const scan = document.querySelector("[data-scan]");
  if (!scan || !("BarcodeDetector" in window) || !navigator.mediaDevices?.getUserMedia) return;
  const view = document.querySelector("[data-scan-view]");
  const video = view.querySelector("video");
  const input = document.getElementById("find-code");
  let stream = null;

  const stop = () => {
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    view.hidden = true;
    scan.hidden = false;
  };

  const read = async (detector) => {
    if (!stream) return;
    const codes = await detector.detect(video).catch(() => []);
    if (codes.length) {
      input.value = codes[0].rawValue;
      stop();
      input.form.requestSubmit();
      return;
    }
    requestAnimationFrame(() => read(detector));
  };

  BarcodeDetector.getSupportedFormats().then((formats) => {
    if (!formats.includes("qr_code")) return;
    scan.hidden = false;
    scan.addEventListener("click", async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      } catch {
        input.focus(); // refused or no camera: typing still works
        return;
      }
      video.srcObject = stream;
      view.hidden = false;
      scan.hidden = true;
      await video.play();
      read(new BarcodeDetector({ formats: ["qr_code"] }));
    });
    view.querySelector("[data-scan-stop]").addEventListener("click", () => {
      stop();
      input.focus();
    });
  });
})();
