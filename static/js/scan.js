// The camera half of /scan: the browser's own BarcodeDetector where it has one, otherwise
// the vendored ZXing reader, loaded only here. A code found is looked up like a typed one.
(() => {
  "use strict";
  const camera = document.getElementById("scan-camera");
  if (!camera || !navigator.mediaDevices?.getUserMedia) return; // typing still works
  camera.hidden = false;
  const video = document.getElementById("scan-video");
  const start = document.getElementById("scan-start");
  const status = document.getElementById("scan-status");
  const form = document.querySelector(".scan__type");
  const FORMATS = ["ean_13", "ean_8", "upc_a", "upc_e", "itf"];

  const found = (code) => {
    form.elements.code.value = code;
    form.requestSubmit();
  };
  const refused = () => {
    video.hidden = true;
    status.textContent = status.dataset.refused;
    start.hidden = false;
    form.elements.code.focus();
  };

  const withDetector = async () => {
    const detector = new BarcodeDetector({ formats: FORMATS });
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    await video.play();
    const look = async () => {
      const [code] = await detector.detect(video).catch(() => []);
      if (code) found(code.rawValue);
      else requestAnimationFrame(look);
    };
    look();
  };

  const withZxing = async () => {
    if (!window.ZXing) {
      await new Promise((loaded, failed) => {
        const script = document.createElement("script");
        script.src = camera.dataset.reader;
        script.onload = loaded;
        script.onerror = failed;
        document.head.append(script);
      });
    }
    const { BarcodeFormat, BrowserMultiFormatReader, DecodeHintType } = window.ZXing;
    const hints = new Map([[DecodeHintType.POSSIBLE_FORMATS, [
      BarcodeFormat.EAN_13, BarcodeFormat.EAN_8, BarcodeFormat.UPC_A, BarcodeFormat.UPC_E, BarcodeFormat.ITF,
    ]]]);
    const reader = new BrowserMultiFormatReader(hints, 200);
    await reader.decodeFromConstraints({ video: { facingMode: "environment" } }, video, (result) => {
      if (!result) return;
      reader.reset();
      found(result.getText());
    });
  };

  start.addEventListener("click", async () => {
    start.hidden = true;
    video.hidden = false;
    status.textContent = status.dataset.looking;
    try {
      const native = "BarcodeDetector" in window
        && (await BarcodeDetector.getSupportedFormats()).includes("ean_13");
      await (native ? withDetector() : withZxing());
    } catch {
      refused();
    }
  });
})();
