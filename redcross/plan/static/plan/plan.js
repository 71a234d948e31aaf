/* The plan board's charts: a trend line per target and a map of Chengdu's districts coloured by the chosen target. */
(function () {
  "use strict";
  var dataNode = document.getElementById("plan-charts");
  if (!dataNode || !window.echarts) { return; }
  var data = JSON.parse(dataNode.textContent);
  var red = "#d7000f";

  document.querySelectorAll("[data-trend]").forEach(function (node) {
    var code = node.getAttribute("data-trend");
    var points = data.trends[code] || [];
    if (!points.length) { node.textContent = node.getAttribute("data-empty") || ""; return; }
    var chart = echarts.init(node, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      grid: { left: 2, right: 2, top: 6, bottom: 2 },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : v + (data.units[code] || ""); } },
      xAxis: { type: "category", show: false, data: points.map(function (p) { return p[0]; }) },
      yAxis: { type: "value", show: false, scale: true },
      series: [{ type: "line", data: points.map(function (p) { return p[1]; }), symbol: "none", smooth: true,
                 lineStyle: { color: red, width: 2 }, areaStyle: { color: "rgba(215,0,15,.08)" },
                 markLine: { silent: true, symbol: "none", label: { show: false },
                             lineStyle: { color: "#9ca3af", type: "dashed" }, data: [{ yAxis: data.lines[code] }] } }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });

  var mapNode = document.getElementById("plan-map");
  var select = document.getElementById("plan-map-target");
  if (!mapNode || !select) { return; }
  var map = echarts.init(mapNode);
  function draw(code) {
    var rows = data.map[code] || [];
    var values = rows.map(function (r) { return r.value; }).filter(function (v) { return v != null; });
    var line = data.lines[code] || 0;
    var max = Math.max(line, values.length ? Math.max.apply(null, values) : 0, 1);
    map.setOption({
      title: { text: data.titles[code] || "", left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "item", formatter: function (p) {
        var v = p.data && p.data.value != null ? p.data.value + (data.units[code] || "") : "—";
        return p.name + "：" + v; } },
      visualMap: { min: 0, max: max, left: "left", bottom: 10, calculable: true,
                   inRange: { color: ["#fee2e2", "#f87171", "#b91c1c"] } },
      series: [{ type: "map", map: "成都", roam: false, selectedMode: false, data: rows,
                 label: { show: true, fontSize: 10 }, emphasis: { label: { show: true } },
                 itemStyle: { borderColor: "#fff", areaColor: "#e5e7eb" } }]
    }, true);
    mapNode.setAttribute("data-shown", code);
  }
  draw(select.value);
  select.addEventListener("change", function () { draw(select.value); });
  map.on("click", function (p) {
    if (p.data && p.data.code && mapNode.hasAttribute("data-drill")) {
      window.location.search = "?target=" + encodeURIComponent(select.value) + "&region=" + p.data.code + "#drill";
    }
  });
  window.addEventListener("resize", function () { map.resize(); });
}());
