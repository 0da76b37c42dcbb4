/* Maps of Usme without internet tiles: the UPZs are the base layer (no third-party request). */
(function () {
  "use strict";
  var dataNode = document.getElementById("territory-data");
  if (!dataNode || typeof L === "undefined") { return; }
  var territory = JSON.parse(dataNode.textContent);
  // Marker images by their served (possibly hashed) URLs: Leaflet cannot guess them from its CSS then.
  var icons = document.getElementById("map-icons");
  if (icons) {
    L.Icon.Default.imagePath = "";
    L.Icon.Default.mergeOptions({
      iconUrl: icons.dataset.icon, iconRetinaUrl: icons.dataset.icon2x, shadowUrl: icons.dataset.shadow
    });
  }

  function baseMap(element) {
    var map = L.map(element, { zoomControl: true, attributionControl: false, minZoom: 10, maxZoom: 18 });
    var all = L.featureGroup();
    var urban = L.featureGroup();
    territory.upzs.forEach(function (upz) {
      var rural = upz.code === "RURAL";
      var box = L.rectangle(upz.bounds, {
        color: rural ? "#5e7d3a" : "#0b5d4b", weight: 1, fillOpacity: rural ? 0.06 : 0.12, interactive: false
      });
      // Short permanent labels (the UPZ number) keep the small map readable; rural zone unlabelled.
      if (!rural) { box.bindTooltip(upz.code, { permanent: true, direction: "center", className: "upz-label" }); }
      box.addTo(all);
      if (!rural) { box.addTo(urban); }
    });
    all.addTo(map);
    map.fitBounds(urban.getBounds());
    map.setMaxBounds(all.getBounds().pad(0.2));
    return map;
  }

  function insideUsme(lat, lon) {
    return territory.upzs.some(function (upz) {
      var b = upz.bounds;
      return lat >= b[0][0] && lat <= b[1][0] && lon >= b[0][1] && lon <= b[1][1];
    });
  }

  var picker = document.getElementById("report-map");
  if (picker) {
    var map = baseMap(picker);
    var lat = document.getElementById("id_latitude");
    var lon = document.getElementById("id_longitude");
    var status = document.getElementById("point-status");
    var marker = null;
    function place(latlng) {
      if (!insideUsme(latlng.lat, latlng.lng)) {
        status.textContent = picker.dataset.msgOutside || "";
        return;
      }
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(map); }
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
      status.textContent = picker.dataset.msgOk || "";
    }
    if (lat.value && lon.value) { place(L.latLng(parseFloat(lat.value), parseFloat(lon.value))); map.setView(marker.getLatLng(), 15); }
    map.on("click", function (event) { place(event.latlng); });
  }

  var listMap = document.getElementById("problems-map");
  if (listMap) {
    var overview = baseMap(listMap);
    var cluster = L.markerClusterGroup();
    overview.addLayer(cluster);
    fetch(listMap.dataset.points, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        data.problems.forEach(function (p) {
          var link = document.createElement("a");
          link.href = "/problemas/" + p.id + "/";
          link.textContent = p.title + " (" + p.supports + ")";
          cluster.addLayer(L.marker([p.lat, p.lon], { title: p.title }).bindPopup(link));
        });
      });
  }

  var detail = document.getElementById("detail-map");
  if (detail) {
    var small = baseMap(detail);
    var point = L.latLng(parseFloat(detail.dataset.lat), parseFloat(detail.dataset.lon));
    L.marker(point).addTo(small);
    small.setView(point, 15);
  }
})();
