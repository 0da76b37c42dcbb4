// Progressive enhancement: where the browser has BarcodeDetector, the phone camera reads the QR code and submits
// the same form a person would type into. Without it, typing the code or searching by name still works.
(function () {
  "use strict";
  var box = document.getElementById("scanner");
  var start = document.getElementById("scan-start");
  var video = document.getElementById("scan-video");
  var status = document.getElementById("scan-status");
  var form = document.getElementById("code-form");
  if (!box || !start || !form) return;
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) {
    status.textContent = box.dataset.unsupported;
    return;
  }
  start.hidden = false;
  start.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      start.hidden = true;
      video.play();
      var scan = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            stream.getTracks().forEach(function (track) { track.stop(); });
            form.querySelector("input[name=code]").value = codes[0].rawValue;
            form.submit();
          } else {
            window.setTimeout(scan, 300);
          }
        }).catch(function () { window.setTimeout(scan, 500); });
      };
      scan();
    }).catch(function () {
      status.textContent = box.dataset.denied;
    });
  });
})();
