/* Maps of Usme: the official UPZ boundaries (IDECA Bogotá) are the base layer; streets only when the operator
   sets MAP_TILES (see territory/maptiles.py): a tile server, or a PMTiles archive this site serves. Which UPZ holds a tap is computed here from the same polygons the
   server checks. */
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
  var urbanZones = territory.upzs.filter(function (upz) { return !upz.rural && upz.boundary; });
  var ruralZones = territory.upzs.filter(function (upz) { return upz.rural && upz.boundary; });

  // Ray casting over GeoJSON rings ([lon, lat] pairs); holes count by parity.
  function inRing(ring, lat, lon) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > lat) !== (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) { inside = !inside; }
    }
    return inside;
  }
  function inPolygon(rings, lat, lon) {
    var count = 0;
    rings.forEach(function (ring) { if (inRing(ring, lat, lon)) { count += 1; } });
    return count % 2 === 1;
  }
  function inGeometry(geometry, lat, lon) {
    if (geometry.type === "Polygon") { return inPolygon(geometry.coordinates, lat, lon); }
    if (geometry.type === "MultiPolygon") {
      return geometry.coordinates.some(function (rings) { return inPolygon(rings, lat, lon); });
    }
    return false;
  }
  function zoneAt(lat, lon) {
    var zones = urbanZones.concat(ruralZones);
    for (var i = 0; i < zones.length; i++) {
      if (inGeometry(zones[i].boundary, lat, lon)) { return zones[i]; }
    }
    return null;
  }
  function insideUsme(lat, lon) {
    return zoneAt(lat, lon) !== null || inPolygon([territory.outline.map(function (p) { return [p[1], p[0]]; })], lat, lon);
  }

  // The operator's PMTiles archive, served by this site in byte ranges (territory/views.py): the vendored pmtiles
  // library reads each tile out of it. Its zoom levels come from the archive's header; beyond them Leaflet scales.
  function addArchiveTiles(map, tiles) {
    if (typeof pmtiles === "undefined") { return; }
    var archive = new pmtiles.PMTiles(tiles.pmtiles);
    archive.getHeader().then(function (header) {
      // Images only (PNG, JPEG, WebP, AVIF): a vector archive would need a renderer, so the map keeps its polygons.
      if ([2, 3, 4, 5].indexOf(header.tileType) === -1) {
        console.warn("MAP_TILES: the PMTiles archive does not hold raster tiles; the map shows the UPZs only.");
        return;
      }
      pmtiles.leafletRasterLayer(archive, {
        attribution: tiles.attribution, maxZoom: 19, minNativeZoom: header.minZoom, maxNativeZoom: header.maxZoom
      }).addTo(map);
    }).catch(function (error) {
      console.warn("MAP_TILES: the PMTiles archive cannot be read; the map shows the UPZs only.", error);
    });
  }

  function baseMap(element) {
    var map = L.map(element, { zoomControl: true, minZoom: 10, maxZoom: 18, zoomSnap: 0.25 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(territory.attribution);
    if (territory.tiles && territory.tiles.pmtiles) {
      addArchiveTiles(map, territory.tiles);
    } else if (territory.tiles) {
      L.tileLayer(territory.tiles.url, { attribution: territory.tiles.attribution, maxZoom: 19 }).addTo(map);
    }
    // UPZ names sit under the report markers and clusters (a count must never hide behind a name).
    map.createPane("upzLabels");
    map.getPane("upzLabels").style.zIndex = 450;
    map.getPane("upzLabels").style.pointerEvents = "none";
    var urban = L.featureGroup();
    var labels = [];
    var rural = L.featureGroup();
    ruralZones.forEach(function (upz) {
      L.geoJSON(upz.boundary, {
        style: { color: "#5e7d3a", weight: 1, fillColor: "#a8c686", fillOpacity: territory.tiles ? 0.08 : 0.25 },
        interactive: false
      }).addTo(rural);
    });
    urbanZones.forEach(function (upz) {
      var shape = L.geoJSON(upz.boundary, {
        style: { color: "#0b5d4b", weight: 2, fillColor: "#0b5d4b", fillOpacity: territory.tiles ? 0.06 : 0.14 },
        interactive: false
      });
      shape.addTo(urban);
      // The name sits at the point deepest inside the UPZ, so it never falls outside its shape.
      labels.push(L.tooltip({ permanent: true, direction: "center", className: "upz-label", interactive: false, pane: "upzLabels" })
        .setLatLng(upz.centroid).setContent(upz.short_name));
    });
    // Leaflet draws a shape only on a map that has a view: centre first, then add.
    map.fitBounds(urban.getBounds());
    rural.addTo(map);
    urban.addTo(map);
    L.polyline(territory.outline, { color: "#263238", weight: 2, dashArray: "6 4", interactive: false }).addTo(map);
    labels.forEach(function (label) { label.addTo(map); });
    map.setMaxBounds(L.latLngBounds(territory.outline).pad(0.2));
    return map;
  }

  var picker = document.getElementById("report-map");
  if (picker) {
    var map = baseMap(picker);
    var lat = document.getElementById("id_latitude");
    var lon = document.getElementById("id_longitude");
    var upzSelect = document.getElementById("id_upz");
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
      var zone = zoneAt(latlng.lat, latlng.lng);
      if (zone && upzSelect) { upzSelect.value = String(zone.id); }
      status.textContent = zone
        ? (picker.dataset.msgIn || "").replace("{upz}", zone.name)
        : (picker.dataset.msgOk || "");
    }
    if (lat.value && lon.value) { place(L.latLng(parseFloat(lat.value), parseFloat(lon.value))); map.setView(marker.getLatLng(), 15); }
    map.on("click", function (event) { place(event.latlng); });
    if (upzSelect) {
      // Choosing the UPZ in the list (a resident who knows the barrio, not the point) centres the map there.
      upzSelect.addEventListener("change", function () {
        var chosen = territory.upzs.filter(function (upz) { return String(upz.id) === upzSelect.value; })[0];
        if (!chosen) { return; }
        if (marker && zoneAt(marker.getLatLng().lat, marker.getLatLng().lng) !== chosen) {
          map.removeLayer(marker); marker = null; lat.value = ""; lon.value = ""; status.textContent = "";
        }
        if (chosen.rural) { map.setView(chosen.centroid, 12); } else { map.fitBounds(chosen.bounds); }
      });
    }
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
